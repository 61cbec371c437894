import { describe, expect, it } from 'vitest';
import type { PagerDutyConnectionView } from '../../../../contracts/api';
import { isPagerDutyDirty, maskedHeader, pagerDutyDraftFrom, pagerDutyUpdateFrom } from './pagerDutyForm';

const view: PagerDutyConnectionView = {
  configured: true,
  apiUrl: 'https://api.pagerduty.com',
  fromEmail: 'ops@example.com',
  apiKey: { set: true, hint: 'wxyz' },
  customHeaders: [],
  apiUrlWarning: null,
  updatedAt: '2026-03-01T12:00:00.000Z',
};

describe('PagerDuty form', () => {
  it('starts from the saved settings with an empty key', () => {
    expect(pagerDutyDraftFrom(view)).toEqual({
      apiUrl: 'https://api.pagerduty.com',
      fromEmail: 'ops@example.com',
      apiKey: '',
      customHeaders: '',
      replaceHeaders: false,
    });
    expect(pagerDutyDraftFrom({ ...view, fromEmail: null }).fromEmail).toBe('');
  });

  it('sends the key only when one was typed', () => {
    const draft = pagerDutyDraftFrom(view);
    expect(pagerDutyUpdateFrom(draft)).toEqual({ apiUrl: 'https://api.pagerduty.com', fromEmail: 'ops@example.com' });
    expect(pagerDutyUpdateFrom({ ...draft, apiKey: '  u+newkey  ' })).toMatchObject({ apiKey: 'u+newkey' });
    expect(pagerDutyUpdateFrom({ ...draft, apiKey: '   ' })).not.toHaveProperty('apiKey');
  });

  it('clears the integration user with an empty email', () => {
    expect(pagerDutyUpdateFrom({ apiUrl: ' https://pd.test ', fromEmail: '  ', apiKey: '', customHeaders: '', replaceHeaders: false })).toEqual({
      apiUrl: 'https://pd.test',
      fromEmail: null,
    });
  });

  it('knows when there are unsaved changes', () => {
    const draft = pagerDutyDraftFrom(view);
    expect(isPagerDutyDirty(draft, view)).toBe(false);
    expect(isPagerDutyDirty({ ...draft, apiKey: 'x' }, view)).toBe(true);
    expect(isPagerDutyDirty({ ...draft, apiUrl: 'https://other.test' }, view)).toBe(true);
    expect(isPagerDutyDirty({ ...draft, fromEmail: '' }, view)).toBe(true);
  });

  it('sends the headers only when they replace the saved ones; empty then removes them', () => {
    const draft = pagerDutyDraftFrom(view);
    expect(pagerDutyUpdateFrom({ ...draft, customHeaders: 'X-A: 1' })).not.toHaveProperty('customHeaders');
    expect(pagerDutyUpdateFrom({ ...draft, customHeaders: 'X-A: 1\nX-B: 2', replaceHeaders: true })).toMatchObject({ customHeaders: 'X-A: 1\nX-B: 2' });
    expect(pagerDutyUpdateFrom({ ...draft, customHeaders: '', replaceHeaders: true })).toMatchObject({ customHeaders: '' });
    const withHeaders = { ...view, customHeaders: [{ name: 'X-A', value: { set: true } }] };
    expect(isPagerDutyDirty({ ...draft, replaceHeaders: true }, withHeaders)).toBe(true);
    expect(isPagerDutyDirty({ ...draft, replaceHeaders: true }, view)).toBe(false);
  });

  it('lists a saved header by name with its value masked like the key', () => {
    expect(maskedHeader({ name: 'X-Gateway-Key', value: { set: true, hint: '…4680' } })).toBe('X-Gateway-Key: •••• (ends …4680)');
    expect(maskedHeader({ name: 'X-Tenant', value: { set: true } })).toBe('X-Tenant: ••••');
  });
});
