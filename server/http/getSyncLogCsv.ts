import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { consoleLinksFor } from './views/consoleLinks';
import { jobRowStatus, SyncLogReader } from './views/syncLog';
import type { SyncLogEntry, SyncLogJob } from '../../contracts/syncLog';
import { csvLine } from './csv';
import { parseSyncLogQuery } from './views/syncLogQuery';

const HEADER = [
  'time',
  'row',
  'event_id',
  'job_id',
  'source',
  'kind',
  'status',
  'case_number',
  'case_url',
  'incident_number',
  'incident_url',
  'matched_rules',
  'attempts',
  'duration_ms',
  'error',
  'hint',
  'note',
  'skipped_reason',
];

/**
 * GET /api/sync/log.csv: the filtered log (same query as GET /api/sync/log, without paging) as a
 * download, one line per inbound event and one per action under it, newest first. Streamed: a
 * page of the log is read only once the client has taken the previous one (the socket drained),
 * so memory stays flat however long the log (bench:year exports 1,000,000 rows); RETENTION_DAYS
 * bounds the log, so no row limit.
 */
export const getSyncLogCsv = (ctx: AppContext) => {
  const reader = new SyncLogReader(ctx.db);
  return async (req: Request, res: Response) => {
    const filters = parseSyncLogQuery(req);
    const caseUrlOf = await consoleLinksFor(ctx.sessions.salesforce).caseUrlOf();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    res.set('Cache-Control', 'no-store');
    res.set('Content-Disposition', `attachment; filename="sync-log-${stamp}.csv"`);
    res.type('text/csv; charset=utf-8');
    const client = { gone: false };
    res.on('close', () => {
      client.gone = true;
    });
    try {
      await write(res, `\uFEFF${csvLine(HEADER)}`);
      // `all` pages by itself, from the newest row: the query's `limit` and `before` do not apply.
      for await (const entry of reader.all(filters, caseUrlOf)) {
        if (client.gone) return;
        let lines = csvLine(entryCells(entry));
        for (const action of entry.actions) lines += csvLine(actionCells(entry, action));
        await write(res, lines);
      }
      res.end();
    } catch (error) {
      // Once the first line is sent the status is 200: a failure can only cut the download short.
      if (!res.headersSent) throw error;
      ctx.logger.warn({ err: error }, 'the SYNC LOG CSV export failed midway; the download is cut short');
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  };
};

/** Writes, and waits for the socket to drain when its buffer is full (or for the client to leave). */
async function write(res: Response, text: string): Promise<void> {
  if (res.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function entryCells(entry: SyncLogEntry): unknown[] {
  const job = entry.processing;
  return [
    entry.at,
    entry.type === 'event' ? 'event' : 'action',
    entry.type === 'event' ? entry.id : '',
    job?.id ?? '',
    entry.source ?? '',
    entry.kind,
    entry.status,
    entry.caseNumber,
    entry.caseUrl,
    entry.incidentNumber,
    entry.incidentUrl,
    entry.matchedRules.join('; '),
    job?.attempts ?? '',
    job?.durationMs ?? '',
    job?.lastError ?? '',
    job?.errorHint ?? '',
    entry.note,
    [...new Set(entry.actions.flatMap((action) => (action.skippedReason === null ? [] : [action.skippedReason])))].join('; '),
  ];
}

function actionCells(entry: SyncLogEntry, action: SyncLogJob): unknown[] {
  return [
    action.finishedAt ?? action.createdAt,
    'action',
    entry.id,
    action.id,
    entry.source ?? '',
    action.task,
    // In the log's own words (the `status` filter's values), as a row of its own would show it.
    jobRowStatus(action.state, action.skippedReason !== null),
    action.caseNumber,
    action.caseUrl,
    action.incidentNumber,
    action.incidentUrl,
    '',
    action.attempts,
    action.durationMs ?? '',
    action.lastError ?? '',
    action.errorHint ?? '',
    '',
    action.skippedReason ?? '',
  ];
}
