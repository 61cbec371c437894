import type { Request, Response } from 'express';
import { AppError } from '../../errors';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;

/**
 * Answers a request with a server-sent event stream: `subscribe` is given a `send(event, data)`
 * that writes one named event with its JSON data, and returns what stops the subscription when the client goes. A
 * heartbeat comment keeps idle connections open. A client that does not ask for an event stream
 * (`Accept: text/event-stream`, as EventSource and fetchEventStream do) gets a 400 that says so,
 * rather than a reply that never ends. The browser reconnects by itself after a drop (`retry`).
 */
export function openEventStream(
  req: Request,
  res: Response,
  subscribe: (send: (event: string, data?: Record<string, unknown>) => void) => () => void,
  heartbeatMs = HEARTBEAT_MS,
): void {
  if (!req.accepts('text/event-stream') || !(req.get('accept') ?? '').includes('text/event-stream')) {
    throw new AppError('validation_failed', 'This is a server-sent event stream: ask for it with Accept: text/event-stream (EventSource does).');
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // nginx would otherwise buffer the stream and deliver the events late.
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  const stop = subscribe((event, data = {}) => {
    // A subscriber may finish an async read after the client went.
    if (!res.destroyed && !res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  req.on('close', () => {
    clearInterval(heartbeat);
    stop();
  });
}
