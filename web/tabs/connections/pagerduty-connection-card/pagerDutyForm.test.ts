import { describe, expect, it } from 'vitest';
import type { PagerDutyConnectionView } from '../../../../contracts/api';
import { isPagerDutyDirty, pagerDutyDraftFrom, pagerDutyUpdateFrom } from './pagerDutyForm';

const view: PagerDutyConnectionView = {
  configured: true,
  apiUrl: 'https://api.pagerduty.com',
  fromEmail: 'ops@example.com',
  apiKey: { set: true, hint: 'wxyz' },
  customHeaders: [],
  updatedAt: '2026-03-01T12:00:00.000Z',
};

describe('PagerDuty form', () => {
  it('starts from the saved settings with an empty key', () => {
    expect(pagerDutyDraftFrom(view)).toEqual({ apiUrl: 'https://api.pagerduty.com', fromEmail: 'ops@example.com', apiKey: '' });
    expect(pagerDutyDraftFrom({ ...view, fromEmail: null }).fromEmail).toBe('');
  });

  it('sends the key only when one was typed', () => {
    const draft = pagerDutyDraftFrom(view);
    expect(pagerDutyUpdateFrom(draft)).toEqual({ apiUrl: 'https://api.pagerduty.com', fromEmail: 'ops@example.com' });
    expect(pagerDutyUpdateFrom({ ...draft, apiKey: '  u+newkey  ' })).toMatchObject({ apiKey: 'u+newkey' });
    expect(pagerDutyUpdateFrom({ ...draft, apiKey: '   ' })).not.toHaveProperty('apiKey');
  });

  it('clears the integration user with an empty email', () => {
    expect(pagerDutyUpdateFrom({ apiUrl: ' https://pd.test ', fromEmail: '  ', apiKey: '' })).toEqual({ apiUrl: 'https://pd.test', fromEmail: null });
  });

  it('knows when there are unsaved changes', () => {
    const draft = pagerDutyDraftFrom(view);
    expect(isPagerDutyDirty(draft, view)).toBe(false);
    expect(isPagerDutyDirty({ ...draft, apiKey: 'x' }, view)).toBe(true);
    expect(isPagerDutyDirty({ ...draft, apiUrl: 'https://other.test' }, view)).toBe(true);
    expect(isPagerDutyDirty({ ...draft, fromEmail: '' }, view)).toBe(true);
  });
});
