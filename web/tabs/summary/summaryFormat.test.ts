import { describe, expect, it } from 'vitest';
import type { ConnectionHealth } from '../../../contracts/api';
import {
  connectionDetail,
  connectionLook,
  intakeNoticeTitle,
  pagerDutyBudget,
  relativeTime,
  rulesetsLabel,
  salesforceBudget,
  usagePercent,
  webhookLook,
} from './summaryFormat';

const health = (overrides: Partial<ConnectionHealth>): ConnectionHealth => ({
  ok: true,
  configured: true,
  message: 'Connection OK',
  checkedAt: '2026-03-01T12:00:00.000Z',
  ...overrides,
});

describe('connectionLook', () => {
  it('is green "Connection OK" when the check passed', () => {
    expect(connectionLook(health({}))).toEqual({ tone: 'success', icon: 'success', label: 'Connection OK' });
  });

  it('is red when a configured connection fails', () => {
    expect(connectionLook(health({ ok: false, message: 'PagerDuty rejected the REST API key.' }))).toMatchObject({
      tone: 'error',
      label: 'Connection failed',
    });
  });

  it('is neutral when nothing is configured yet', () => {
    expect(connectionLook(health({ ok: false, configured: false }))).toMatchObject({ tone: 'neutral', label: 'Not configured' });
  });
});

describe('connectionDetail', () => {
  it('hides a message that only repeats the badge', () => {
    expect(connectionDetail(health({}))).toBeUndefined();
    expect(connectionDetail(health({ message: 'Integration user OK: Ada (ada@example.com)' }))).toBe('Integration user OK: Ada (ada@example.com)');
  });
});

describe('webhookLook', () => {
  it('labels every state', () => {
    expect(webhookLook('enabled').tone).toBe('success');
    expect(webhookLook('disabled').tone).toBe('error');
    expect(webhookLook('not_provisioned').label).toBe('Not provisioned');
    expect(webhookLook('unknown').tone).toBe('warning');
  });
});

describe('budgets', () => {
  it('clamps and rounds usage', () => {
    expect(usagePercent(1, 3)).toBe(33);
    expect(usagePercent(20, 10)).toBe(100);
    expect(usagePercent(-5, 10)).toBe(0);
    expect(usagePercent(5, 0)).toBe(0);
    expect(usagePercent(Number.NaN, 10)).toBe(0);
  });

  it('describes the Salesforce daily budget and colours it by use', () => {
    expect(salesforceBudget({ used: 1234, limit: 15000 })).toEqual({
      percent: 8,
      tone: 'success',
      label: '1,234 of 15,000 daily API requests used (8%)',
    });
    expect(salesforceBudget({ used: 80, limit: 100 }).tone).toBe('warning');
    expect(salesforceBudget({ used: 95, limit: 100 }).tone).toBe('error');
  });

  it('describes the PagerDuty rate limit as what is left', () => {
    expect(pagerDutyBudget({ remaining: 900, limit: 960 })).toEqual({
      percent: 6,
      tone: 'success',
      label: '900 of 960 requests left in the current rate-limit window',
    });
    expect(pagerDutyBudget({ remaining: 10, limit: 960 }).tone).toBe('error');
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');
  it.each([
    [null, 'never'],
    ['2026-03-01T11:59:50.000Z', 'just now'],
    ['2026-03-01T11:55:00.000Z', '5 min ago'],
    ['2026-03-01T09:00:00.000Z', '3 h ago'],
    ['2026-02-28T12:00:00.000Z', '1 day ago'],
    ['2026-02-20T12:00:00.000Z', '9 days ago'],
    ['not a date', 'not a date'],
  ])('%s → %s', (iso, expected) => {
    expect(relativeTime(iso, now)).toBe(expected);
  });
});

describe('rulesetsLabel', () => {
  it('says n of m, or that there are none', () => {
    expect(rulesetsLabel({ enabled: 2, total: 5 })).toBe('2 of 5 enabled');
    expect(rulesetsLabel({ enabled: 0, total: 0 })).toBe('No rulesets yet');
  });
});

describe('intakeNoticeTitle', () => {
  it('names each intake problem in words', () => {
    expect(intakeNoticeTitle('replay_gap')).toBe('Change events missed: replayed and polled');
    expect(intakeNoticeTitle('auth_failure')).toBe('Streaming session ended: signed in again');
    expect(intakeNoticeTitle('not_configured')).toBe('Salesforce intake not configured');
  });
});
