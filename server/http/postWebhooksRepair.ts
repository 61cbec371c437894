import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { WebhooksReply } from '../../contracts/api';
import { pagerDutyFailure } from './views/vendorErrors';

/** POST /api/webhooks/repair: what provision does, and re-enables subscriptions PagerDuty disabled. */
export const postWebhooksRepair = (ctx: AppContext) => async (_req: Request, res: Response<WebhooksReply>) => {
  try {
    res.json(await ctx.webhooks.repair());
  } catch (error) {
    throw pagerDutyFailure(error, 'repairing the webhook subscription');
  }
};
