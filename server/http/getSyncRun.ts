import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { syncRunView } from '../store/syncRuns';
import { syncRunIdParam, type SyncRunView } from '../../contracts/sync';
import { parseInput } from './validate';

/** GET /api/sync/runs/:id: one run with its progress (polled by the progress bar). */
export const getSyncRun = (ctx: AppContext) => async (req: Request, res: Response<SyncRunView>) => {
  const { id } = parseInput(syncRunIdParam, { id: req.params.id });
  await ctx.manualSync.runs.failAbandoned(new Date());
  const run = await ctx.manualSync.runs.get(id);
  if (!run) throw new AppError('not_found', `No sync run ${id}.`);
  res.set('Cache-Control', 'no-store');
  res.json(syncRunView(run));
};
