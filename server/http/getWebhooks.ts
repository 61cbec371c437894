import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { WebhooksReply } from '../../contracts/api';

/** GET /api/webhooks: the app's webhook subscriptions and their state in PagerDuty (no secrets). `?refresh=1` asks PagerDuty now. */
export const getWebhooks = (ctx: AppContext) => async (req: Request, res: Response<WebhooksReply>) => {
  const refresh = req.query.refresh === '1' || req.query.refresh === 'true';
  res.set('Cache-Control', 'no-store');
  res.json(await ctx.webhooks.view({ refresh }));
};
