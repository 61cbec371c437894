import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { consoleLinksFor } from './views/consoleLinks';
import { SyncLogReader } from './views/syncLog';
import { syncLogIdParams, type SyncLogEventReply } from '../../contracts/syncLog';
import { parseInput } from './validate';

/** GET /api/sync/log/events/:id: one inbound event with its rules trace and its jobs. */
export const getSyncLogEvent = (ctx: AppContext) => {
  const reader = new SyncLogReader(ctx.db);
  return async (req: Request, res: Response<SyncLogEventReply>) => {
    const { id } = parseInput(syncLogIdParams, req.params);
    const caseUrlOf = await consoleLinksFor(ctx.sessions.salesforce).caseUrlOf();
    const event = await reader.event(id, caseUrlOf);
    if (!event) throw new AppError('not_found', `There is no inbound event ${id} in the sync log.`);
    res.set('Cache-Control', 'no-store');
    res.json(event);
  };
};
