import { describe, expect, it } from 'vitest';
import type { WebhooksReply } from '../../../../contracts/api';
import { overallLook, primaryAction, scopeLabel, subscriptionLook } from './webhookLook';

const reply = (state: WebhooksReply['state']): WebhooksReply => ({
  state,
  message: '',
  deliveryUrl: 'http://localhost:3000/webhooks/pagerduty',
  wantedServiceIds: [null],
  outOfDate: false,
  subscriptions: [],
  checkedAt: '2026-11-22T10:00:00Z',
});

describe('webhook card looks', () => {
  it('is green only when enabled, red when not delivering', () => {
    expect(overallLook('enabled').tone).toBe('success');
    expect(overallLook('disabled').tone).toBe('error');
    expect(overallLook('unknown').tone).toBe('warning');
    expect(overallLook('not_provisioned').tone).toBe('neutral');
    expect(subscriptionLook('missing')).toMatchObject({ tone: 'error', label: 'Deleted in PagerDuty' });
  });

  it('offers Repair first when a subscription does not deliver, Provision otherwise', () => {
    expect(primaryAction(reply('disabled'))).toBe('repair');
    expect(primaryAction(reply('not_provisioned'))).toBe('provision');
    expect(primaryAction(reply('enabled'))).toBe('provision');
  });

  it('labels the scope with the service name when known', () => {
    expect(scopeLabel({ scope: 'account', serviceId: null, serviceName: null })).toBe('All services');
    expect(scopeLabel({ scope: 'service', serviceId: 'PA', serviceName: 'Checkout API' })).toBe('Checkout API (PA)');
    expect(scopeLabel({ scope: 'service', serviceId: 'PA', serviceName: null })).toBe('PA');
  });
});
