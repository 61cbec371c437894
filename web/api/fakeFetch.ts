/**
 * A stand-in for `fetch` in the API client's unit tests (no product code imports it): records
 * each call and answers with `reply`; a `reply` that throws rejects, as a refused connection does.
 */
export interface FetchCall {
  url: string;
  init: RequestInit;
}

export function fakeFetch(reply: (call: FetchCall) => Response | Promise<Response>): { fetch: typeof globalThis.fetch; calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const call = { url: urlOf(input), init };
    calls.push(call);
    return await reply(call);
  };
  return { fetch, calls };
}

/** A JSON reply, as the app server sends one. */
export function jsonReply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
