import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { ReconcileReply } from '../../contracts/api';
import { pagerDutyFailure } from './views/vendorErrors';

/**
 * POST /api/sync/reconcile: compares the open linked incidents with PagerDuty now and records
 * what the webhooks missed. 200 with `ran: false, reason: 'lease_held'` when a run is already
 * going on (here or on another instance).
 */
export const postSyncReconcile = (ctx: AppContext) => async (_req: Request, res: Response<ReconcileReply>) => {
  try {
    res.json(await ctx.reconciler.run());
  } catch (error) {
    throw pagerDutyFailure(error, 'comparing the linked incidents');
  }
};
