import { describe, expect, it } from 'vitest';
import { selfAlertsDraftFrom, selfAlertsUpdateFrom } from './selfAlertsForm';

describe('the self-alerts card form', () => {
  const view = { configured: true, eventsApiUrl: 'https://events.pagerduty.com', routingKey: { set: true, hint: '…abcd' }, updatedAt: null };

  it('keeps the saved key when none is typed, sends a typed one, and removes it on request', () => {
    const draft = selfAlertsDraftFrom(view);
    expect(selfAlertsUpdateFrom(draft)).toEqual({ eventsApiUrl: 'https://events.pagerduty.com' });
    expect(selfAlertsUpdateFrom({ ...draft, routingKey: ' 0123456789abcdef0123456789abcdef ' })).toEqual({
      eventsApiUrl: 'https://events.pagerduty.com',
      routingKey: '0123456789abcdef0123456789abcdef',
    });
    expect(selfAlertsUpdateFrom({ ...draft, removeRoutingKey: true, routingKey: 'ignored' })).toEqual({
      eventsApiUrl: 'https://events.pagerduty.com',
      routingKey: '',
    });
  });
});
