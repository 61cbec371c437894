import { describe, expect, it } from 'vitest';
import { fetchEventStream } from './fetchEventStream';

/** A response whose body the test writes to, as a server streams one. */
function streamingResponse(status = 200, type = 'text/event-stream') {
  let push: (text: string) => void = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      push = (text) => controller.enqueue(new TextEncoder().encode(text));
    },
  });
  return { response: new Response(body, { status, headers: { 'content-type': type } }), push: (text: string) => push(text) };
}

const until = async (condition: () => boolean) => {
  for (let turn = 0; turn < 200 && !condition(); turn++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('fetchEventStream', () => {
  it('sends the headers and dispatches named events, split across chunks, ignoring comments', async () => {
    const server = streamingResponse();
    const requests: RequestInit[] = [];
    const stream = fetchEventStream(
      '/api/status-dashboard/events',
      { headers: { authorization: 'Bearer t' } },
      {
        fetch: (_url, init) => {
          requests.push(init ?? {});
          return Promise.resolve(server.response);
        },
      },
    );
    const seen: string[] = [];
    stream.addEventListener('changed', () => seen.push('changed'));
    await until(() => stream.readyState === 1);
    server.push('retry: 3000\n\n: heartbeat\n\nevent: chan');
    server.push('ged\ndata: {}\n\n');
    await until(() => seen.length === 1);
    expect((requests[0]?.headers as Record<string, string>).authorization).toBe('Bearer t');
    stream.close();
    expect(stream.readyState).toBe(2);
  });

  it('gives up for good on an error reply, with an error event', async () => {
    const stream = fetchEventStream(
      '/x',
      {},
      { fetch: () => Promise.resolve(new Response('{}', { status: 401, headers: { 'content-type': 'application/json' } })) },
    );
    let errors = 0;
    stream.addEventListener('error', () => errors++);
    await until(() => errors === 1);
    expect(stream.readyState).toBe(2);
  });
});
