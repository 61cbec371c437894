import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { syncRunView } from '../store/syncRuns';
import { syncRunIdParam, type SyncRunView } from '../../contracts/sync';
import { parseInput } from './validate';

/** POST /api/sync/runs/:id/cancel: asks the run to stop (whichever instance runs it); 409 when it already ended. */
export const postSyncRunCancel = (ctx: AppContext) => async (req: Request, res: Response<SyncRunView>) => {
  const { id } = parseInput(syncRunIdParam, { id: req.params.id });
  const run = await ctx.manualSync.cancel(id);
  ctx.logger.info({ runId: id }, 'manual sync cancel requested');
  res.status(202).json(syncRunView(run));
};
