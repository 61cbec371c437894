import type { Db } from './db';
import { toDate } from './db';
import { SELF_ALERTS_TABLE } from './tables';

export type SelfAlertState = 'open' | 'cleared';

/** One problem of the connector and where its alert stands (see migration 20261207_0023). */
export interface SelfAlert {
  kind: string;
  dedupKey: string;
  state: SelfAlertState;
  summary: string;
  details: Record<string, unknown>;
  delivered: boolean;
  triggered: boolean;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  openedAt: Date;
  clearedAt: Date | null;
}

interface SelfAlertRow {
  kind: string;
  dedup_key: string;
  state: string;
  summary: string;
  details: string;
  delivered: unknown;
  triggered: unknown;
  attempts: number;
  next_attempt_at: unknown;
  last_error: string | null;
  opened_at: unknown;
  cleared_at: unknown;
}

const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';

function fromRow(row: SelfAlertRow): SelfAlert {
  return {
    kind: row.kind,
    dedupKey: row.dedup_key,
    state: row.state === 'cleared' ? 'cleared' : 'open',
    summary: row.summary,
    details: JSON.parse(row.details) as Record<string, unknown>,
    delivered: truthy(row.delivered),
    triggered: truthy(row.triggered),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at == null ? null : toDate(row.next_attempt_at),
    lastError: row.last_error,
    openedAt: toDate(row.opened_at),
    clearedAt: row.cleared_at == null ? null : toDate(row.cleared_at),
  };
}

export async function listSelfAlerts(db: Db): Promise<SelfAlert[]> {
  const rows = await db<SelfAlertRow>(SELF_ALERTS_TABLE).select('*').orderBy('opened_at');
  return rows.map(fromRow);
}

export interface ProblemReport {
  kind: string;
  dedupKey: string;
  summary: string;
  details: Record<string, unknown>;
}

/**
 * The problem is there. A new one is stored open and due at once; one that was cleared but whose
 * resolve is still due opens again (its trigger is due again: PagerDuty dedups it onto the alert
 * if that is still open); one already open only takes the latest summary and figures, so it is
 * never triggered twice.
 */
export async function reportProblem(db: Db, problem: ProblemReport, now: Date): Promise<void> {
  const current = await db<SelfAlertRow>(SELF_ALERTS_TABLE).where({ kind: problem.kind }).first();
  const figures = { summary: problem.summary, details: JSON.stringify(problem.details), updated_at: now };
  if (!current) {
    await db(SELF_ALERTS_TABLE)
      .insert({
        kind: problem.kind,
        dedup_key: problem.dedupKey,
        state: 'open',
        ...figures,
        delivered: false,
        triggered: false,
        attempts: 0,
        next_attempt_at: now,
        opened_at: now,
      })
      .onConflict('kind')
      .ignore();
    return;
  }
  if (current.state === 'open') {
    await db(SELF_ALERTS_TABLE).where({ kind: problem.kind }).update(figures);
    return;
  }
  await db(SELF_ALERTS_TABLE)
    .where({ kind: problem.kind })
    .update({ ...figures, state: 'open', delivered: false, attempts: 0, next_attempt_at: now, last_error: null, cleared_at: null });
}

/** The problem went away: an open alert's resolve becomes due (nothing happens to one already cleared). */
export async function clearProblem(db: Db, kind: string, now: Date): Promise<void> {
  await db(SELF_ALERTS_TABLE)
    .where({ kind, state: 'open' })
    .update({ state: 'cleared', delivered: false, attempts: 0, next_attempt_at: now, last_error: null, cleared_at: now, updated_at: now });
}

/** The alerts whose event is due: not delivered, and their next attempt has come. */
export async function dueSelfAlerts(db: Db, now: Date): Promise<SelfAlert[]> {
  const rows = await db<SelfAlertRow>(SELF_ALERTS_TABLE)
    .where({ delivered: false })
    .andWhere((where) => {
      void where.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now);
    })
    .orderBy('opened_at');
  return rows.map(fromRow);
}

/**
 * The Events API accepted the event for `state`. A trigger marks the alert delivered; a resolve
 * (or a clear whose trigger never went out) deletes the row. Conditional on the state, so a
 * problem that came back meanwhile is not lost.
 */
export async function markDelivered(db: Db, kind: string, state: SelfAlertState, now: Date): Promise<void> {
  if (state === 'cleared') {
    await db(SELF_ALERTS_TABLE).where({ kind, state }).delete();
    return;
  }
  await db(SELF_ALERTS_TABLE)
    .where({ kind, state })
    .update({ delivered: true, triggered: true, attempts: 0, next_attempt_at: null, last_error: null, updated_at: now });
}

export async function markAttemptFailed(db: Db, kind: string, state: SelfAlertState, error: string, nextAttemptAt: Date, now: Date): Promise<void> {
  await db(SELF_ALERTS_TABLE)
    .where({ kind, state })
    .update({ attempts: db.raw('attempts + 1'), last_error: error.slice(0, 2000), next_attempt_at: nextAttemptAt, updated_at: now });
}

/** The routing key or URL changed: every undelivered event is due again now. */
export async function retrySelfAlertsNow(db: Db, now: Date): Promise<void> {
  await db(SELF_ALERTS_TABLE).where({ delivered: false }).update({ next_attempt_at: now, attempts: 0 });
}
