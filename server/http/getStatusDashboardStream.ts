import type { Request, Response } from 'express';
import { STATUS_DASHBOARD_CHANGED_EVENT } from '../../contracts/statusDashboard';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { onDashboardChange } from './views/statusDashboardChanges';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * GET /api/status-dashboard/events: a server-sent event stream that says `changed` when the
 * dashboard's data may have changed, so open pages refresh on a change instead of polling.
 * The browser's EventSource reconnects by itself after a drop. A client that does not ask for
 * an event stream (`Accept: text/event-stream`, as EventSource does) gets a 400 that says so,
 * rather than a reply that never ends.
 */
export const getStatusDashboardStream = (ctx: AppContext) => (req: Request, res: Response) => {
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
  const stop = onDashboardChange(ctx.sync, () => res.write(`event: ${STATUS_DASHBOARD_CHANGED_EVENT}\ndata: {}\n\n`));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    stop();
  });
};
