import type { Db } from '../../store/db';
import { toDate } from '../../store/db';
import { SYNC_TABLES } from '../../store/tables';
import { PROCESS_EVENT_TASK } from '../../pipeline/inbox';
import { SKIPPED_RESULT_PREFIX } from '../../pipeline/jobQueue';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SyncFigures {
  lastInboundAt: string | null;
  /** When an action was last carried out. */
  lastActionAt: string | null;
  /** Inbound events handled (processed, or recognised as echoes / nothing to do) in the last 24 h. */
  processed24h: number;
  /** Actions carried out in the last 24 h. */
  actionsDone24h: number;
  /** Actions the engine chose not to carry out in the last 24 h (no linked Case…): SYNC LOG says why. */
  actionsSkipped24h: number;
  /** Jobs that failed in the last 24 h and have not succeeded since (waiting for a retry, or dead). */
  failures24h: number;
  /** Jobs that gave up and wait for an admin's retry, whenever that happened. */
  deadJobs: number;
}

/**
 * SUMMARY's sync figures, from the inbox and the job table (a handful of indexed aggregates).
 * Null when nothing ever arrived or ran: SUMMARY then says "No sync yet".
 */
export async function readSyncFigures(db: Db, now: Date = new Date()): Promise<SyncFigures | null> {
  const since = new Date(now.getTime() - DAY_MS);
  const actions = () => db(SYNC_TABLES.jobs).where({ state: 'done' }).whereNot('task', PROCESS_EVENT_TASK);
  // A skipped action ends done too; its stored result starts with the skip reason.
  const carriedOut = () =>
    actions().where((query) => {
      void query.whereNull('result').orWhere('result', 'not like', `${SKIPPED_RESULT_PREFIX}%`);
    });
  const [lastEvent, lastAction, processed, actionsDone, actionsSkipped, failures, dead, anyJob] = await Promise.all([
    db(SYNC_TABLES.events).max({ at: 'received_at' }).first(),
    carriedOut().max({ at: 'finished_at' }).first(),
    db(SYNC_TABLES.events).whereIn('status', ['processed', 'ignored']).where('processed_at', '>=', since).count({ count: '*' }).first(),
    carriedOut().where('finished_at', '>=', since).count({ count: '*' }).first(),
    actions().where('result', 'like', `${SKIPPED_RESULT_PREFIX}%`).where('finished_at', '>=', since).count({ count: '*' }).first(),
    db(SYNC_TABLES.jobs).whereIn('state', ['failed', 'dead']).where('updated_at', '>=', since).count({ count: '*' }).first(),
    db(SYNC_TABLES.jobs).where({ state: 'dead' }).count({ count: '*' }).first(),
    db(SYNC_TABLES.jobs).first<{ id: number } | undefined>('id'),
  ]);
  if (lastEvent?.at == null && !anyJob) return null;
  return {
    lastInboundAt: lastEvent?.at == null ? null : toDate(lastEvent.at).toISOString(),
    lastActionAt: lastAction?.at == null ? null : toDate(lastAction.at).toISOString(),
    processed24h: Number(processed?.count ?? 0),
    actionsDone24h: Number(actionsDone?.count ?? 0),
    actionsSkipped24h: Number(actionsSkipped?.count ?? 0),
    failures24h: Number(failures?.count ?? 0),
    deadJobs: Number(dead?.count ?? 0),
  };
}

/** How many rulesets exist and how many of them are enabled. */
export async function readRulesetCounts(db: Db): Promise<{ enabled: number; total: number }> {
  const rows = await db(SYNC_TABLES.rulesets).select('enabled').count<{ enabled: unknown; count: number | string }[]>({ count: '*' }).groupBy('enabled');
  let enabled = 0;
  let total = 0;
  for (const row of rows) {
    total += Number(row.count);
    if (row.enabled === true || row.enabled === 1 || row.enabled === '1' || row.enabled === 't') enabled += Number(row.count);
  }
  return { enabled, total };
}
