import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { WebhooksReply } from '../../contracts/api';
import { pagerDutyFailure } from './views/vendorErrors';

/**
 * POST /api/webhooks/provision: creates the webhook subscriptions the rules need (one per
 * service of a create-incident action, or one account-wide), re-creates deleted ones, points
 * them at this app and deletes the ones no longer needed.
 */
export const postWebhooksProvision = (ctx: AppContext) => async (_req: Request, res: Response<WebhooksReply>) => {
  try {
    res.json(await ctx.webhooks.provision());
  } catch (error) {
    throw pagerDutyFailure(error, 'provisioning the webhook subscription');
  }
};
