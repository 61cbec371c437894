import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { consoleLinksFor } from './views/consoleLinks';
import { SyncLogReader } from './views/syncLog';
import type { SyncLogReply } from '../../contracts/syncLog';
import { parseSyncLogQuery } from './views/syncLogQuery';

/** GET /api/sync/log: one page of the log, newest first, with filters, search and a `before` cursor, and how long rows are kept. */
export const getSyncLog = (ctx: AppContext) => {
  const reader = new SyncLogReader(ctx.db);
  return async (req: Request, res: Response<SyncLogReply>) => {
    const filters = parseSyncLogQuery(req);
    const caseUrlOf = await consoleLinksFor(ctx.sessions.salesforce).caseUrlOf();
    res.set('Cache-Control', 'no-store');
    res.json({ ...(await reader.page(filters, caseUrlOf)), retentionDays: ctx.config.retentionDays });
  };
};
