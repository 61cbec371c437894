import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { updateSyncSettingsRequest, type SyncSettings } from '../../contracts/sync';
import { updateSyncSettings } from '../intake/syncSettings';
import { parseInput } from './validate';

/** PUT /api/sync/settings: saves any subset; the intake leader applies it at once (other instances within seconds). */
export const putSyncSettings = (ctx: AppContext) => async (req: Request, res: Response<SyncSettings>) => {
  const update = parseInput(updateSyncSettingsRequest, req.body);
  const settings = await updateSyncSettings(ctx.db, update);
  ctx.logger.info({ changed: Object.keys(update) }, 'sync settings changed');
  await ctx.salesforceIntake.settingsChanged();
  res.json(settings);
};
