import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { syncRunView } from '../store/syncRuns';
import { endpointPath } from '../../contracts/endpoint';
import { startSyncRunRequest, syncEndpoints, type SyncRunView } from '../../contracts/sync';
import { parseInput } from './validate';

/** POST /api/sync/runs {mode}: starts a manual full or incremental sync; 202 with the run, 409 while one runs. */
export const postSyncRun = (ctx: AppContext) => async (req: Request, res: Response<SyncRunView>) => {
  const { mode } = parseInput(startSyncRunRequest, req.body);
  const run = await ctx.manualSync.start(mode);
  ctx.logger.info({ runId: run.id, mode }, 'manual sync started');
  res
    .status(202)
    .location(endpointPath(syncEndpoints.getSyncRun.path, { id: run.id }))
    .json(syncRunView(run));
};
