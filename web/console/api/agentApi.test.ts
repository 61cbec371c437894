import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/apiError';
import { fakeFetch, jsonReply, type FetchCall } from '../../api/fakeFetch';
import { AgentApi } from './agentApi';
import { AgentToken } from './agentToken';

/** A token the test never renews (no Canvas SDK here): a refusal is the server's, not a renewal's. */
const fixedToken = (value: string, fetch: typeof globalThis.fetch) =>
  new AgentToken(value, undefined, { signedRequest: () => Promise.reject(new Error('no Canvas SDK in this test')), fetch });

describe('AgentApi', () => {
  it('sends an action with the agent token as a Bearer, the idempotency key and a JSON body, to the incident’s encoded path', async () => {
    const { fetch, calls } = fakeFetch(() => jsonReply(200, { status: 'done', message: 'Added your note to incident #7.', result: {} }));
    const api = new AgentApi(fixedToken('agent-token', fetch), fetch);
    const reply = await api.actOnIncident('addNote', 'PABC/1', { content: 'hello' }, 'key-12345678');
    expect(reply.status).toBe('done');
    expect(calls[0]?.url).toBe('/api/agent/incidents/PABC%2F1/notes');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers).toMatchObject({
      authorization: 'Bearer agent-token',
      'Idempotency-Key': 'key-12345678',
      'content-type': 'application/json',
    });
    expect(calls[0]?.init.body).toBe('{"content":"hello"}');
  });

  it('unlinks with a DELETE and no body, and searches with the query encoded', async () => {
    const { fetch, calls } = fakeFetch(() => jsonReply(200, { incidents: [] }));
    const api = new AgentApi(fixedToken('t', fetch), fetch);
    await api.actOnIncident('unlinkIncident', 'PINC', undefined, 'key-12345678');
    await api.searchIncidents('#12 checkout');
    expect(calls.map((call) => [call.init.method, call.url, call.init.body])).toEqual([
      ['DELETE', '/api/agent/incidents/PINC/link', undefined],
      ['GET', '/api/agent/incidents/search?q=%2312+checkout', undefined],
    ]);
  });

  it('throws the server’s refusal as an ApiError', async () => {
    const { fetch } = fakeFetch(() =>
      jsonReply(403, { error: { code: 'forbidden', message: 'Your PagerDuty integration admin has not allowed agents to resolve an incident' } }),
    );
    const refusal = await new AgentApi(fixedToken('t', fetch), fetch)
      .actOnIncident('resolve', 'PINC', { note: 'x' }, 'key-12345678')
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 403, message: expect.stringMatching(/has not allowed agents/) as unknown });
  });
});

const bearer = (call: FetchCall) => (call.init.headers as Record<string, string> | undefined)?.authorization;

afterEach(() => {
  vi.useRealTimers();
});

describe('AgentApi with a renewable token', () => {
  it('renews the token on a 401 (a fresh signed request POSTed to /canvas/token) and makes the call again', async () => {
    const signedRequest = vi.fn(() => Promise.resolve('c2lnbmF0dXJl.ZW52ZWxvcGU='));
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/canvas/token') return jsonReply(200, { token: 'fresh-token', expiresAt: Date.now() + 30 * 60_000 });
      return bearer(call) === 'Bearer fresh-token'
        ? jsonReply(200, { timelines: [] })
        : jsonReply(401, { error: { code: 'unauthenticated', message: 'expired' } });
    });
    const token = new AgentToken('old-token', Date.now() + 60 * 60_000, { signedRequest, fetch });
    const api = new AgentApi(token, fetch);
    await expect(api.getTimeline()).resolves.toEqual({ timelines: [] });
    expect(calls.map((call) => [call.url, bearer(call) ?? call.init.method])).toEqual([
      ['/api/agent/case/timeline', 'Bearer old-token'],
      ['/canvas/token', 'POST'],
      ['/api/agent/case/timeline', 'Bearer fresh-token'],
    ]);
    expect(calls[1]?.init.body as string).toBe('signed_request=c2lnbmF0dXJl.ZW52ZWxvcGU%3D');
    token.stop();
  });

  it('says why when the renewal is refused, without trying again and again', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url === '/canvas/token'
        ? jsonReply(401, { error: { code: 'unauthenticated', message: 'This request was not signed by your Salesforce org.' } })
        : jsonReply(401, { error: { code: 'unauthenticated', message: 'Open the PagerDuty console from Salesforce again.' } }),
    );
    const api = new AgentApi(new AgentToken('old-token', undefined, { signedRequest: () => Promise.resolve('a.b'), fetch }), fetch);
    await expect(api.getCase()).rejects.toThrow('Open the PagerDuty console from Salesforce again.');
    expect(calls.map((call) => call.url)).toEqual(['/api/agent/case', '/canvas/token']);
  });

  it('renews ahead of expiry by itself, once for concurrent askers', async () => {
    vi.useFakeTimers();
    const signedRequest = vi.fn(() => Promise.resolve('a.b'));
    const { fetch, calls } = fakeFetch(() => jsonReply(200, { token: 'renewed', expiresAt: Date.now() + 30 * 60_000 }));
    const token = new AgentToken('first', Date.now() + 30 * 60_000, { signedRequest, fetch });
    await Promise.all([token.renew(), token.renew()]);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(24 * 60_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(calls).toHaveLength(2);
    expect(token.value).toBe('renewed');
    token.stop();
  });
});
