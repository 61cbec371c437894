import type { Request, Response } from 'express';
import { STATUS_DASHBOARD_CHANGED_EVENT } from '../../contracts/statusDashboard';
import type { EngineChangeHub } from './views/engineChanges';
import { openEventStream } from './views/eventStream';
import { onDashboardChange } from './views/statusDashboardChanges';

/**
 * GET /api/status-dashboard/events (admins) and GET /api/agent/status-dashboard/events (the agents'
 * Canvas dashboard): a server-sent event stream that says `changed` when the dashboard's data may
 * have changed, so open pages refresh on a change instead of polling. Every open stream listens on
 * the one EngineChangeHub, not on the engine.
 */
export const getStatusDashboardStream = (hub: EngineChangeHub) => (req: Request, res: Response) => {
  openEventStream(req, res, (send) => onDashboardChange(hub, () => send(STATUS_DASHBOARD_CHANGED_EVENT)));
};
