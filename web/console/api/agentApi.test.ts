import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/apiError';
import { fakeFetch, jsonReply } from '../../api/fakeFetch';
import { AgentApi } from './agentApi';

describe('AgentApi', () => {
  it('sends an action with the agent token as a Bearer, the idempotency key and a JSON body, to the incident’s encoded path', async () => {
    const { fetch, calls } = fakeFetch(() => jsonReply(200, { status: 'done', message: 'Added your note to incident #7.', result: {} }));
    const api = new AgentApi('agent-token', fetch);
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
    const api = new AgentApi('t', fetch);
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
    const refusal = await new AgentApi('t', fetch).actOnIncident('resolve', 'PINC', { note: 'x' }, 'key-12345678').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 403, message: expect.stringMatching(/has not allowed agents/) as unknown });
  });
});
