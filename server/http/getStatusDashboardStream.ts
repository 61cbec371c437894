import type { Request, Response } from 'express';
import { STATUS_DASHBOARD_CHANGED_EVENT } from '../../contracts/statusDashboard';
import type { AppContext } from '../context';
import { onDashboardChange } from './views/statusDashboardChanges';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * GET /api/status-dashboard/events: a server-sent event stream that says `changed` when the
 * dashboard's data may have changed, so open pages refresh on a change instead of polling.
 * The browser's EventSource reconnects by itself after a drop.
 */
export const getStatusDashboardStream = (ctx: AppContext) => (req: Request, res: Response) => {
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
