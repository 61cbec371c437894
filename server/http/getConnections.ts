import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { ConnectionsReply } from '../../contracts/api';
import { pagerDutyView, salesforceView } from './views/connectionViews';

/** GET /api/connections: both connections, secrets masked. */
export const getConnections = (ctx: AppContext) => async (_req: Request, res: Response<ConnectionsReply>) => {
  res.set('Cache-Control', 'no-store');
  res.json({ pagerduty: pagerDutyView(await ctx.connections.pagerduty()), salesforce: salesforceView(await ctx.connections.salesforce()) });
};
