import type { Request, Response } from 'express';
import type { SelfAlertConnectionView } from '../../contracts/selfAlerts';
import type { AppContext } from '../context';
import { selfAlertConnectionView } from './views/selfAlerts';

/** GET /api/connections/self-alerts: the Events API URL and whether a routing key is set (masked). */
export const getSelfAlertConnection = (ctx: AppContext) => async (_req: Request, res: Response<SelfAlertConnectionView>) => {
  res.json(selfAlertConnectionView(await ctx.connections.selfAlerts()));
};
