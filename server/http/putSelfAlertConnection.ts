import type { Request, Response } from 'express';
import { updateSelfAlertConnectionRequest, type SelfAlertConnectionView } from '../../contracts/selfAlerts';
import type { AppContext } from '../context';
import { parseInput } from './validate';
import { selfAlertConnectionView } from './views/selfAlerts';

/**
 * PUT /api/connections/self-alerts. `routingKey` is write-only: absent keeps it, "" removes it
 * (the connector stops paging; SUMMARY still shows its problems). Alerts waiting for a working
 * key are sent at once after a save.
 */
export const putSelfAlertConnection = (ctx: AppContext) => async (req: Request, res: Response<SelfAlertConnectionView>) => {
  const update = parseInput(updateSelfAlertConnectionRequest, req.body);
  const current = await ctx.connections.selfAlerts();
  await ctx.connections.saveSelfAlerts({
    ...current,
    eventsApiUrl: update.eventsApiUrl?.replace(/\/+$/, '') ?? current.eventsApiUrl,
    routingKey: update.routingKey === undefined ? current.routingKey : update.routingKey || undefined,
  });
  ctx.logger.info({ connection: 'self_alerts', changed: Object.keys(update) }, 'connection settings changed');
  await ctx.selfMonitor.settingsChanged();
  res.json(selfAlertConnectionView(await ctx.connections.selfAlerts()));
};
