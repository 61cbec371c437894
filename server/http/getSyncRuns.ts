import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { syncRunView } from '../store/syncRuns';
import type { SyncRunsReply } from '../../contracts/sync';

/** GET /api/sync/runs: the last 20 manual sync runs, latest first. */
export const getSyncRuns = (ctx: AppContext) => async (_req: Request, res: Response<SyncRunsReply>) => {
  await ctx.manualSync.runs.failAbandoned(new Date());
  res.set('Cache-Control', 'no-store');
  res.json({ runs: (await ctx.manualSync.runs.latest(20)).map(syncRunView) });
};
