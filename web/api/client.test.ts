import { describe, expect, it, vi } from 'vitest';
import { ApiError, apiErrorFrom, fieldErrorsOf, messageOf } from './apiError';
import { ApiClient } from './client';
import { fakeFetch, jsonReply, type FetchCall } from './fakeFetch';

const headerOf = (call: FetchCall | undefined, name: string) => new Headers(call?.init.headers).get(name);

describe('apiErrorFrom', () => {
  it('reads the error envelope, with its field errors', () => {
    const error = apiErrorFrom(400, {
      error: {
        code: 'validation_failed',
        message: 'The request is invalid: apiUrl: Enter the API base URL',
        details: { fields: [{ path: 'apiUrl', message: 'Enter the API base URL' }, { path: 3 }, 'junk'] },
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('The request is invalid: apiUrl: Enter the API base URL');
    expect(error.fieldErrors).toEqual([{ path: 'apiUrl', message: 'Enter the API base URL' }]);
  });

  it('explains replies that carry no envelope', () => {
    expect(apiErrorFrom(502, '<html>Bad gateway</html>', 'Bad Gateway').message).toBe(
      'The app server failed (502 Bad Gateway); its log has the details. Try again in a moment.',
    );
    expect(apiErrorFrom(404, undefined).message).toBe('The app server answered 404 without an explanation.');
    const unauthenticated = apiErrorFrom(401, 'nope');
    expect(unauthenticated.code).toBe('unauthenticated');
    expect(unauthenticated.isUnauthenticated).toBe(true);
  });

  it('ignores envelopes of the wrong shape', () => {
    expect(apiErrorFrom(400, { error: { code: 1, message: 'x' } }).code).toBe('bad_response');
    expect(apiErrorFrom(400, { error: 'text' }).code).toBe('bad_response');
  });

  it('reads no field errors from details without fields', () => {
    expect(fieldErrorsOf(undefined)).toEqual([]);
    expect(fieldErrorsOf({ fields: 'apiUrl' })).toEqual([]);
  });

  it('gives every thrown value a message', () => {
    expect(messageOf(new ApiError(403, 'csrf_failed', 'Reload the page.'))).toBe('Reload the page.');
    expect(messageOf(new Error('boom'))).toBe('boom');
    expect(messageOf('string')).toBe('Something went wrong; try again.');
  });
});

describe('ApiClient', () => {
  it('sends the CSRF token from the session on state-changing requests only', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/session' && call.init.method === 'GET') {
        return jsonReply(200, { authenticated: true, username: 'admin', csrfToken: 'csrf-123', demo: true });
      }
      if (call.url === '/api/connections') return jsonReply(200, { pagerduty: {}, salesforce: {} });
      return jsonReply(200, { ok: true, message: 'Connection OK', checkedAt: '2026-01-01T00:00:00Z' });
    });
    const client = new ApiClient({ fetch });
    await client.getSession();
    await client.getConnections();
    const result = await client.testPagerDutyConnection();

    expect(result.message).toBe('Connection OK');
    expect(calls.map((call) => `${call.init.method} ${call.url}`)).toEqual([
      'GET /api/session',
      'GET /api/connections',
      'POST /api/connections/pagerduty/test',
    ]);
    expect(calls.every((call) => call.init.credentials === 'same-origin')).toBe(true);
    expect(headerOf(calls[1], 'X-CSRF-Token')).toBeNull();
    expect(headerOf(calls[2], 'X-CSRF-Token')).toBe('csrf-123');
  });

  it('sends JSON bodies and returns the typed reply', async () => {
    const { fetch, calls } = fakeFetch(() => jsonReply(200, { configured: true, apiUrl: 'https://api.pagerduty.com' }));
    const client = new ApiClient({ fetch });
    client.csrfToken = 'token';
    const view = await client.updatePagerDutyConnection({ apiKey: 'u+abc' });
    expect(view.apiUrl).toBe('https://api.pagerduty.com');
    expect(calls[0]?.init.method).toBe('PUT');
    expect(calls[0]?.init.body).toBe('{"apiKey":"u+abc"}');
    expect(headerOf(calls[0], 'Content-Type')).toBe('application/json');
  });

  it('throws the parsed error and reports a lost session on 401', async () => {
    const onUnauthenticated = vi.fn();
    const { fetch } = fakeFetch(() => jsonReply(401, { error: { code: 'unauthenticated', message: 'Sign in first.' } }));
    const client = new ApiClient({ fetch, onUnauthenticated });
    client.csrfToken = 'stale';
    await expect(client.getSummary()).rejects.toMatchObject({ status: 401, code: 'unauthenticated', message: 'Sign in first.' });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(client.csrfToken).toBeUndefined();
  });

  it('treats a 401 from sign-in as the answer, not a lost session', async () => {
    const onUnauthenticated = vi.fn();
    const { fetch } = fakeFetch(() => jsonReply(401, { error: { code: 'unauthenticated', message: 'Wrong username or password.' } }));
    const client = new ApiClient({ fetch, onUnauthenticated });
    await expect(client.signIn({ username: 'admin', password: 'nope' })).rejects.toThrow('Wrong username or password.');
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('keeps the CSRF token from sign-in and drops it on sign-out', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.init.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : jsonReply(200, { authenticated: true, username: 'admin', csrfToken: 'fresh', demo: false }),
    );
    const client = new ApiClient({ fetch });
    await client.signIn({ username: 'admin', password: 'correct horse' });
    expect(client.csrfToken).toBe('fresh');
    await client.signOut();
    expect(headerOf(calls[1], 'X-CSRF-Token')).toBe('fresh');
    expect(client.csrfToken).toBeUndefined();
  });

  it('turns a refused connection into a network error that says what to do', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const client = new ApiClient({ fetch });
    await expect(client.getSummary()).rejects.toMatchObject({
      status: 0,
      code: 'network',
      message: 'Cannot reach the app server: check that it is running and your network, then try again.',
    });
  });

  it('lets aborts through untouched', async () => {
    const { fetch } = fakeFetch(() => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const client = new ApiClient({ fetch });
    await expect(client.getSummary(new AbortController().signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('explains a non-JSON failure', async () => {
    const { fetch } = fakeFetch(
      () => new Response('upstream down', { status: 503, statusText: 'Service Unavailable', headers: { 'Content-Type': 'text/plain' } }),
    );
    const client = new ApiClient({ fetch });
    await expect(client.getConnections()).rejects.toThrow('The app server failed (503 Service Unavailable); its log has the details. Try again in a moment.');
  });
});
