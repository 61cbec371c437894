import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { consoleLinksFor } from './views/consoleLinks';
import { jobRowStatus, SyncLogReader } from './views/syncLog';
import type { SyncLogEntry, SyncLogJob } from '../../contracts/syncLog';
import { csvLine } from './csv';
import { parseSyncLogQuery } from './views/syncLogQuery';

/** The export stops here; narrow the filters for older rows. */
export const SYNC_LOG_CSV_MAX_ROWS = 50_000;

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
 * download, one line per inbound event and one per action under it, newest first.
 */
export const getSyncLogCsv = (ctx: AppContext) => {
  const reader = new SyncLogReader(ctx.db);
  return async (req: Request, res: Response) => {
    const filters = parseSyncLogQuery(req);
    const caseUrlOf = await consoleLinksFor(ctx.sessions.salesforce).caseUrlOf();
    const lines: string[] = [csvLine(HEADER)];
    // `all` pages by itself, from the newest row: the query's `limit` and `before` do not apply.
    for await (const entry of reader.all(filters, caseUrlOf, SYNC_LOG_CSV_MAX_ROWS)) {
      lines.push(csvLine(entryCells(entry)));
      for (const action of entry.actions) lines.push(csvLine(actionCells(entry, action)));
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    res.set('Cache-Control', 'no-store');
    res.set('Content-Disposition', `attachment; filename="sync-log-${stamp}.csv"`);
    res.type('text/csv; charset=utf-8').send(`\uFEFF${lines.join('')}`);
  };
};

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
