import { describe, expect, it } from 'vitest';
import type { ConnectionTestResult } from '../../../contracts/api';
import { saveCheckNotice } from './saveCheck';

const at = '2026-03-01T12:00:00.000Z';
const failed = (reason: string, message: string, hint?: string): ConnectionTestResult => ({
  ok: false,
  reason,
  message,
  checkedAt: at,
  ...(hint ? { hint } : {}),
});

describe('what a Save says about the settings it saved', () => {
  it('says a refused PagerDuty key is saved but refused, and why', () => {
    const notice = saveCheckNotice('PagerDuty', failed('invalid_key', 'PagerDuty rejected the REST API key.', 'Copy a valid key.'));
    expect(notice).toEqual({
      tone: 'warning',
      toastTitle: 'PagerDuty settings saved, but they do not work',
      headline: 'Saved, but PagerDuty refused the key: PagerDuty rejected the REST API key.',
      hint: 'Copy a valid key.',
    });
    expect(saveCheckNotice('PagerDuty', failed('read_only_key', 'The REST API key is read-only.')).headline).toBe(
      'Saved, but PagerDuty refused the key: The REST API key is read-only.',
    );
  });

  it('says a refused Salesforce login is saved but refused', () => {
    const notice = saveCheckNotice('Salesforce', failed('invalid_login', 'Salesforce rejected the username, password or security token.'));
    expect(notice.headline).toBe('Saved, but Salesforce refused the login: Salesforce rejected the username, password or security token.');
    expect(notice.tone).toBe('warning');
  });

  it('says other failures plainly, without blaming the key', () => {
    const notice = saveCheckNotice('PagerDuty', failed('unreachable', 'connect ECONNREFUSED 127.0.0.1:9', 'Check the API base URL.'));
    expect(notice.headline).toBe('Saved, but the connection does not work: connect ECONNREFUSED 127.0.0.1:9');
    expect(notice.hint).toBe('Check the API base URL.');
  });

  it('confirms a working connection', () => {
    expect(saveCheckNotice('Salesforce', { ok: true, message: 'Connection OK', checkedAt: at })).toEqual({
      tone: 'success',
      toastTitle: 'Salesforce settings saved',
      headline: 'Saved: connection OK.',
    });
  });
});
