import { describe, expect, it } from 'vitest';
import type { UserInfoAnswer } from '../vendors/salesforce/userInfo';
import { CanvasSessionCheck, LIVE_ANSWER_TTL_MS } from './canvasSessionCheck';
import { isSalesforceOrigin, sameInstance } from './salesforceOrigins';

const request = { instanceUrl: 'https://acme.my.salesforce.com', oauthToken: 'token-1', userId: '005000000000001AAA', organizationId: '00D000000000001AAA' };

/** A UserInfo endpoint that answers `answer` and counts the calls. */
function userInfo(answer: UserInfoAnswer) {
  const calls: string[] = [];
  return {
    calls,
    ask: (_instanceUrl: string, token: string): Promise<UserInfoAnswer> => {
      calls.push(token);
      return Promise.resolve(answer);
    },
  };
}

describe('proving a Canvas request live by its OAuth token', () => {
  it('remembers a live answer for the token, user and org for a few minutes, then asks again', async () => {
    let now = 0;
    const endpoint = userInfo({ kind: 'user', userId: '005000000000001', organizationId: '00D000000000001' });
    const check = new CanvasSessionCheck(endpoint.ask, () => now);
    expect(await check.check(request)).toEqual({ kind: 'live' });
    now = LIVE_ANSWER_TTL_MS - 1;
    expect(await check.check(request)).toEqual({ kind: 'live' });
    expect(endpoint.calls).toHaveLength(1);
    // The same token naming another user is not vouched for by the cached answer.
    expect(await check.check({ ...request, userId: '005000000000002AAA' })).toEqual({ kind: 'not_this_user' });
    now = LIVE_ANSWER_TTL_MS;
    expect(await check.check(request)).toEqual({ kind: 'live' });
    expect(endpoint.calls).toHaveLength(3);
  });

  it('says ended for a refused token and unavailable for no answer, and remembers neither', async () => {
    const refused = userInfo({ kind: 'token_refused', status: 403 });
    const check = new CanvasSessionCheck(refused.ask);
    expect(await check.check(request)).toEqual({ kind: 'ended' });
    expect(await check.check(request)).toEqual({ kind: 'ended' });
    expect(refused.calls).toHaveLength(2);
    const down = new CanvasSessionCheck(userInfo({ kind: 'unavailable', message: 'HTTP 503' }).ask);
    expect(await down.check(request)).toEqual({ kind: 'unavailable', message: 'HTTP 503' });
  });

  it('refuses a live token of another org', async () => {
    const check = new CanvasSessionCheck(userInfo({ kind: 'user', userId: request.userId, organizationId: '00D000000000009AAA' }).ask);
    expect(await check.check(request)).toEqual({ kind: 'not_this_user' });
  });
});

describe('which instance URLs are Salesforce', () => {
  it("takes https origins on Salesforce's domains only", () => {
    for (const url of [
      'https://acme.my.salesforce.com',
      'https://acme.lightning.force.com',
      'https://acme--uat.sandbox.my.salesforce.com',
      'https://acme.my.salesforce-setup.com',
    ]) {
      expect(isSalesforceOrigin(url), url).toBe(true);
    }
    for (const url of [
      'http://acme.my.salesforce.com',
      'https://salesforce.com.evil.test',
      'https://evilsalesforce.com',
      'https://acme.my.salesforce.com:8443',
      'https://user@acme.my.salesforce.com',
      'not a url',
    ]) {
      expect(isSalesforceOrigin(url), url).toBe(false);
    }
  });

  it('counts the loopback names of this machine as one host, the port and scheme still apart', () => {
    expect(sameInstance('http://localhost:4010', 'http://127.0.0.1:4010/')).toBe(true);
    expect(sameInstance('http://localhost:4011', 'http://127.0.0.1:4010')).toBe(false);
    expect(sameInstance('https://127.0.0.1:4010', 'http://127.0.0.1:4010')).toBe(false);
    expect(sameInstance('https://acme.my.salesforce.com', 'https://ACME.my.salesforce.com')).toBe(true);
  });
});
