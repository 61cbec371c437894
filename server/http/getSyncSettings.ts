import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { SyncSettings } from '../../contracts/sync';
import { readSyncSettings } from '../intake/syncSettings';

/** GET /api/sync/settings: automatic sync, intake mode, frequencies, start date. */
export const getSyncSettings = (ctx: AppContext) => async (_req: Request, res: Response<SyncSettings>) => {
  res.set('Cache-Control', 'no-store');
  res.json(await readSyncSettings(ctx.db));
};
