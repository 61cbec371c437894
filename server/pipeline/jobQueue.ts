import type { Knex } from 'knex';
import { isPostgres, toDate, type Db } from '../store/db';
import { GroupCommit } from '../store/groupCommit';
import { SYNC_TABLES } from '../store/tables';
import { statesBefore, type JobState } from './jobStates';

const JOBS = SYNC_TABLES.jobs;

/**
 * The states each state-changing statement may move a job from, derived from JOB_TRANSITIONS
 * (jobStates.ts) once, when this module loads: a statement whose WHERE finds the job in another
 * state changes nothing and says so (false, 'lost', 0).
 */
const FROM = {
  /** A claim takes pending jobs, due retries and running jobs whose lease expired. */
  claim: statesBefore('running'),
  complete: statesBefore('done', ['running']),
  retryLater: statesBefore('failed', ['running']),
  giveUp: statesBefore('dead', ['running']),
  release: statesBefore('pending', ['running']),
  /** The admin's retry: a dead job, or a failed one waiting for its next attempt. */
  retry: statesBefore('pending', ['dead', 'failed']),
};

/**
 * How a skipped job's stored result begins: `{"skipped":"<reason>", …}`. The reason is written
 * first so that SYNC LOG can tell skipped jobs apart in SQL (`result LIKE '{"skipped":%'`)
 * without a JSON function that differs between SQLite and PostgreSQL.
 */
export const SKIPPED_RESULT_PREFIX = '{"skipped":';

/** The stored form of a finished job's result: JSON, with the skip reason (if any) first. */
export function jobResultJson(outcome: Pick<JobOutcome, 'result' | 'skipped'>): string | null {
  const { result, skipped } = outcome;
  if (skipped === undefined) return result === undefined ? null : JSON.stringify(result);
  if (result === undefined) return JSON.stringify({ skipped });
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return JSON.stringify({ skipped, result });
  const { skipped: _replaced, ...details } = result as Record<string, unknown>;
  return JSON.stringify({ skipped, ...details });
}

/** `state IN (…)` for raw SQL; the states are JOB_STATES' own literals, never input. */
function stateIn(column: string, states: readonly JobState[]): string {
  return `${column} IN (${states.map((state) => `'${state}'`).join(', ')})`;
}

export interface NewJob {
  task: string;
  payload: unknown;
  /** Idempotency key: enqueueing the same key twice is a no-op. */
  key: string;
  /** Jobs with the same queue key run one at a time, oldest first. */
  queueKey?: string | null;
  eventId?: number | null;
  maxAttempts?: number;
  runAt?: Date;
  caseId?: string | null;
  caseNumber?: string | null;
  incidentId?: string | null;
  incidentNumber?: string | null;
}

export interface Job {
  id: number;
  task: string;
  payload: unknown;
  key: string;
  queueKey: string | null;
  eventId: number | null;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lockedBy: string | null;
  lastError: string | null;
  caseId: string | null;
  caseNumber: string | null;
  incidentId: string | null;
  incidentNumber: string | null;
  /** When it was enqueued (an action compares it with the link it finds: made before it, or by it). */
  createdAt: Date;
}

/**
 * Which jobs a claim may take: only those of one task, or all but one task. The task name is
 * written into the SQL as a literal (checked to be a plain identifier), because only then do
 * the engines use the partial indexes of migration 20261124_0001_job_lanes.
 */
export type ClaimLane = { only: string } | { except: string };

/** What a finished job records: shown in SYNC LOG. */
export interface JobOutcome {
  result?: unknown;
  /** Why the job did nothing (the engine skipped it): stored first in its result, see `jobResultJson`. */
  skipped?: string;
  durationMs?: number;
  incidentId?: string | null;
  incidentNumber?: string | null;
}

export interface JobQueueOptions {
  /** A running job whose worker has not finished it within this time is claimable again. Default 5 minutes. */
  leaseMs?: number;
  /** Shared with the inbox, so completions and intake can share a commit. */
  commits?: GroupCommit;
  defaultMaxAttempts?: number;
  now?: () => Date;
}

/**
 * The job table, in the manner of graphile/worker: one statement claims (picks, locks, counts
 * the attempt and stamps the lease at once), and a claimed job always ends done, failed, dead
 * or released. On PostgreSQL the pick uses FOR UPDATE SKIP LOCKED so instances share work; on
 * SQLite the single UPDATE … WHERE id IN (SELECT …) RETURNING runs in one write transaction.
 */
export class JobQueue {
  readonly #leaseMs: number;
  readonly #defaultMaxAttempts: number;
  readonly #now: () => Date;
  readonly #commits: GroupCommit;
  /** Abandoned jobs are buried on a claim at most every few seconds: a lease lasts minutes. */
  #lastBuriedAt = -Infinity;
  /** When each lane's claim last looked for due retries and expired leases. */
  #lastSweptAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    options: JobQueueOptions = {},
  ) {
    this.#leaseMs = options.leaseMs ?? 5 * 60_000;
    this.#defaultMaxAttempts = options.defaultMaxAttempts ?? 20;
    this.#now = options.now ?? (() => new Date());
    this.#commits = options.commits ?? new GroupCommit(db);
  }

  /** How long a claim protects a job. */
  get leaseMs(): number {
    return this.#leaseMs;
  }

  get isPostgres(): boolean {
    return isPostgres(this.db);
  }

  /** Enqueues unless a job with the same key exists; returns whether it was added. */
  async enqueue(job: NewJob, trx: Knex | Knex.Transaction = this.db): Promise<boolean> {
    return (await this.enqueueMany([job], trx)) > 0;
  }

  /** Enqueues in one statement per 200 jobs, skipping keys that exist; returns how many were added. */
  async enqueueMany(jobs: readonly NewJob[], trx: Knex | Knex.Transaction = this.db): Promise<number> {
    return (await this.#insert(jobs, trx)).length;
  }

  /**
   * Records jobs that ran where they were made (processing at intake) as done in one attempt,
   * so SYNC LOG and the metrics show them like any other. Returns them.
   */
  async recordDone(jobs: readonly NewJob[], outcomes: readonly JobOutcome[], trx: Knex.Transaction): Promise<Job[]> {
    const now = this.#now();
    const rows = await this.#insert(jobs, trx, (index) => {
      const outcome = outcomes[index] ?? {};
      return {
        state: 'done',
        attempts: 1,
        result: jobResultJson(outcome),
        duration_ms: outcome.durationMs ?? null,
        finished_at: now,
      };
    });
    return (rows as JobRow[]).map(toJob);
  }

  /**
   * The queues among `queueKeys` that have an unfinished job (pending, running or waiting to be
   * retried): a new event of such a queue must wait its turn behind it. On PostgreSQL it first
   * takes a transaction-scoped advisory lock per queue, so another instance cannot decide the
   * same for the same queue until this transaction ends. Keys are locked in sorted order within
   * a call; two transactions that each call several times can still deadlock, which PostgreSQL
   * breaks by failing one of them (the Inbox then rolls its processing back and leaves those
   * events to their jobs).
   */
  async busyQueues(queueKeys: readonly string[], trx: Knex.Transaction): Promise<Set<string>> {
    const keys = [...new Set(queueKeys)].sort();
    const busy = new Set<string>();
    if (keys.length === 0) return busy;
    if (this.isPostgres) {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT unnest(?::text[]) AS k ORDER BY 1) sorted', [keys]);
    }
    for (let start = 0; start < keys.length; start += 500) {
      const rows = await trx(JOBS)
        .distinct('queue_key')
        .whereIn('queue_key', keys.slice(start, start + 500))
        .whereIn('state', ['pending', 'running', 'failed']);
      for (const row of rows as { queue_key: string }[]) busy.add(row.queue_key);
    }
    return busy;
  }

  /** Inserts in one statement per 200 jobs, skipping keys that exist; returns the rows added (all columns if `finished`). */
  async #insert(jobs: readonly NewJob[], trx: Knex | Knex.Transaction, finished?: (index: number) => Record<string, unknown>): Promise<unknown[]> {
    const now = this.#now();
    const added: unknown[] = [];
    for (let start = 0; start < jobs.length; start += 200) {
      const inserted: unknown[] = await trx(JOBS)
        .insert(
          jobs.slice(start, start + 200).map((job, offset) => ({
            task: job.task,
            payload: JSON.stringify(job.payload),
            job_key: job.key,
            queue_key: job.queueKey ?? null,
            event_id: job.eventId ?? null,
            state: 'pending',
            attempts: 0,
            max_attempts: job.maxAttempts ?? this.#defaultMaxAttempts,
            run_at: job.runAt ?? now,
            case_id: job.caseId ?? null,
            case_number: job.caseNumber ?? null,
            incident_id: job.incidentId ?? null,
            incident_number: job.incidentNumber ?? null,
            created_at: now,
            updated_at: now,
            ...finished?.(start + offset),
          })),
        )
        .onConflict('job_key')
        .ignore()
        .returning(finished ? '*' : 'id');
      // RETURNING yields no row for a key that already existed (on both engines).
      added.push(...inserted);
    }
    return added;
  }

  /**
   * Claims up to `limit` runnable jobs for `workerId`: pending or failed ones whose time has
   * come, and running ones whose lease expired. A job waits while an older job of its queue is
   * unfinished, which keeps each Case's and each incident's changes in order.
   *
   * Each of the three kinds is picked by its own branch, walking its lane's (state, run_at)
   * index in order and stopping at `limit` ready jobs. One combined `WHERE (pending …) OR (running …)`
   * made both engines gather and sort the whole backlog on every claim, which cost milliseconds
   * per claim once thousands of jobs were waiting.
   */
  async claim(workerId: string, limit: number, lane?: ClaimLane): Promise<Job[]> {
    // Through the group commit: a claim shares its transaction with the completions and intake
    // writes made at the same time, instead of paying a commit of its own.
    return this.#commits.run((trx) => this.#claim(trx, workerId, limit, lane));
  }

  async #claim(trx: Knex.Transaction, workerId: string, limit: number, lane: ClaimLane | undefined): Promise<Job[]> {
    const now = this.#now();
    const leaseExpiredBefore = new Date(now.getTime() - this.#leaseMs);
    if (now.getTime() - this.#lastBuriedAt >= Math.min(this.#leaseMs / 4, 15_000)) {
      this.#lastBuriedAt = now.getTime();
      await this.#buryAbandoned(trx, leaseExpiredBefore, now);
    }
    const lock = this.isPostgres ? 'FOR UPDATE SKIP LOCKED' : '';
    const ready = `(j.queue_key IS NULL OR NOT EXISTS (
                     SELECT 1 FROM ${JOBS} older
                      WHERE older.queue_key = j.queue_key AND older.id < j.id
                        AND older.state IN ('pending', 'running', 'failed')))`;
    const inLane = laneCondition(lane);
    const branch = (name: string, where: string) =>
      `SELECT id, run_at FROM (
         SELECT j.id, j.run_at FROM ${JOBS} j WHERE ${where}${inLane} AND ${ready}
          ORDER BY j.run_at, j.id LIMIT ? ${lock}) ${name}`;
    // Retries that came due and expired leases are looked for on a sweep every second; between
    // sweeps the claim reads only the pending jobs, which is most claims under load and a third
    // of the cost. A retry or a takeover waits at most a second longer than its time.
    const sweepKey = inLane || 'all';
    const sweep = now.getTime() - (this.#lastSweptAt.get(sweepKey) ?? -Infinity) >= SWEEP_EVERY_MS;
    if (sweep) this.#lastSweptAt.set(sweepKey, now.getTime());
    const candidates = sweep
      ? `SELECT id FROM (
            ${branch('due_pending', `j.state = 'pending' AND j.run_at <= ?`)}
            UNION ALL
            ${branch('due_failed', `j.state = 'failed' AND j.run_at <= ?`)}
            UNION ALL
            ${branch('lease_expired', `j.state = 'running' AND j.locked_at < ? AND j.attempts < j.max_attempts`)}
          ) candidates
          ORDER BY run_at, id
          LIMIT ?`
      : `SELECT id FROM (${branch('due_pending', `j.state = 'pending' AND j.run_at <= ?`)}) candidates`;
    // PostgreSQL answers a result with its rows, SQLite the rows.
    const result = await trx.raw<{ rows: JobRow[] } | JobRow[]>(
      `UPDATE ${JOBS}
          SET state = 'running', attempts = attempts + 1, locked_by = ?, locked_at = ?, updated_at = ?
        WHERE id IN (${candidates}) AND ${stateIn('state', FROM.claim)}
      RETURNING *`,
      sweep ? [workerId, now, now, now, limit, now, limit, leaseExpiredBefore, limit, limit] : [workerId, now, now, now, limit],
    );
    const rows = Array.isArray(result) ? result : result.rows;
    return rows.map(toJob).sort((a, b) => a.id - b.id);
  }

  /**
   * Running jobs whose lease expired on their last allowed attempt go dead instead of looping
   * (the claim never takes them back: its lease branch asks for attempts left).
   */
  async #buryAbandoned(trx: Knex.Transaction, leaseExpiredBefore: Date, now: Date): Promise<void> {
    await trx(JOBS).whereIn('state', FROM.giveUp).andWhere('locked_at', '<', leaseExpiredBefore).andWhereRaw('attempts >= max_attempts').update({
      state: 'dead',
      last_error: 'The worker running this job stopped before finishing it, on its last allowed attempt.',
      error_hint: 'Check the app log for a crash around that time, then retry.',
      locked_by: null,
      locked_at: null,
      updated_at: now,
      finished_at: now,
    });
  }

  /**
   * Marks a claimed job done in ONE transaction with `write` (its effects), through the group
   * commit: completions made at the same time share a commit. Returns whether `workerId` still
   * held the job.
   */
  async completeWith(job: Job, workerId: string, outcome: JobOutcome, write?: (trx: Knex.Transaction) => Promise<void>): Promise<boolean> {
    return this.#commits.run(async (trx) => {
      // The completion first: a worker that lost the job must not write its effects over those
      // of the worker that took it over (the write then never runs, and nothing is rolled back).
      if (!(await this.complete(job, workerId, outcome, trx))) return false;
      if (write) await write(trx);
      return true;
    });
  }

  /**
   * Extends the lease of jobs `workerId` is running (a heartbeat): their `locked_at` becomes now.
   * Each job is matched on its claim's own lock token (holder and attempt number), so a renewal
   * never revives a lease that expired and was taken over, even by this same worker. Returns the
   * ids of the jobs still held; a job missing from it was lost and must not record an outcome.
   */
  async renew(jobs: readonly Job[], workerId: string): Promise<Set<number>> {
    const held = new Set<number>();
    if (jobs.length === 0) return held;
    const now = this.#now();
    await this.#commits.run(async (trx) => {
      for (const job of jobs) {
        const updated = await heldBy(trx(JOBS), job, workerId).whereIn('state', FROM.complete).update({ locked_at: now, updated_at: now });
        if (updated > 0) held.add(job.id);
      }
    });
    return held;
  }

  /** Marks a claimed job done. Only the worker holding it can (a stolen lease makes this a no-op). */
  async complete(job: Job, workerId: string, outcome: JobOutcome = {}, trx: Knex | Knex.Transaction = this.db): Promise<boolean> {
    const now = this.#now();
    const updated = await heldBy(trx(JOBS), job, workerId)
      .whereIn('state', FROM.complete)
      .update({
        state: 'done',
        result: jobResultJson(outcome),
        duration_ms: outcome.durationMs ?? null,
        ...(outcome.incidentId ? { incident_id: outcome.incidentId } : {}),
        ...(outcome.incidentNumber ? { incident_number: outcome.incidentNumber } : {}),
        last_error: null,
        error_hint: null,
        locked_by: null,
        locked_at: null,
        updated_at: now,
        finished_at: now,
      });
    return updated > 0;
  }

  /**
   * Records a failed attempt: retried after `retryInMs` while attempts remain and the error is
   * retryable, dead otherwise. Returns the state the job ended in.
   */
  async fail(
    job: Job,
    workerId: string,
    failure: { error: string; hint?: string; retryable: boolean; retryInMs: number; durationMs?: number },
  ): Promise<'failed' | 'dead' | 'lost'> {
    const now = this.#now();
    const dead = !failure.retryable || job.attempts >= job.maxAttempts;
    const updated = await heldBy(this.db(JOBS), job, workerId)
      .whereIn('state', dead ? FROM.giveUp : FROM.retryLater)
      .update({
        state: dead ? 'dead' : 'failed',
        run_at: dead ? job.runAt : new Date(now.getTime() + failure.retryInMs),
        last_error: failure.error.slice(0, 4000),
        error_hint: failure.hint?.slice(0, 500) ?? null,
        duration_ms: failure.durationMs ?? null,
        locked_by: null,
        locked_at: null,
        updated_at: now,
        finished_at: dead ? now : null,
      });
    if (updated === 0) return 'lost';
    return dead ? 'dead' : 'failed';
  }

  /** Hands claimed jobs back untouched (graceful shutdown): the attempt does not count. */
  async release(workerId: string, jobIds?: number[]): Promise<number> {
    let query = this.db(JOBS).where({ locked_by: workerId }).whereIn('state', FROM.release);
    if (jobIds) query = query.whereIn('id', jobIds);
    return query.update({
      state: 'pending',
      attempts: this.db.raw('CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END'),
      locked_by: null,
      locked_at: null,
      updated_at: this.#now(),
    });
  }

  /** The admin's manual retry of a dead (or waiting failed) job: a fresh set of attempts, now. */
  async retry(jobId: number): Promise<boolean> {
    const now = this.#now();
    const updated = await this.db(JOBS)
      .where({ id: jobId })
      .whereIn('state', FROM.retry)
      .update({ state: 'pending', attempts: 0, run_at: now, finished_at: null, locked_by: null, locked_at: null, updated_at: now });
    return updated > 0;
  }

  async get(jobId: number): Promise<Job | undefined> {
    const row = await this.db<JobRow>(JOBS).where({ id: jobId }).first();
    return row ? toJob(row) : undefined;
  }

  async countByState(): Promise<Record<JobState, number>> {
    const rows = await this.db(JOBS).select('state').count({ count: '*' }).groupBy('state');
    const counts: Record<JobState, number> = { pending: 0, running: 0, done: 0, failed: 0, dead: 0 };
    for (const row of rows as { state: JobState; count: number | string }[]) counts[row.state] = Number(row.count);
    return counts;
  }

  /** When the next job becomes runnable (for the worker's sleep), or undefined when none waits. */
  async nextRunAt(): Promise<Date | undefined> {
    const row = await this.db(JOBS).whereIn('state', ['pending', 'failed']).min({ next: 'run_at' }).first();
    return row?.next == null ? undefined : toDate(row.next);
  }
}

/**
 * The rows of `job` as long as this claim of it still holds it. A claim's lock token is its holder
 * and its attempt number: every claim counts an attempt, so a worker that takes back its own
 * expired job holds it under a new token, and the first run's outcome no longer matches.
 */
function heldBy<Q extends Knex.QueryBuilder>(query: Q, job: Job, workerId: string): Q {
  return query.where({ id: job.id, locked_by: workerId, attempts: job.attempts }) as Q;
}

/** How often a claim also looks for due retries and expired leases. */
const SWEEP_EVERY_MS = 1_000;

const PLAIN_TASK_NAME = /^[a-z][a-z0-9_]*$/;

function laneCondition(lane: ClaimLane | undefined): string {
  if (!lane) return '';
  const task = 'only' in lane ? lane.only : lane.except;
  if (!PLAIN_TASK_NAME.test(task)) throw new Error(`Not a task name: ${JSON.stringify(task)}`);
  return 'only' in lane ? ` AND j.task = '${task}'` : ` AND j.task <> '${task}'`;
}

interface JobRow {
  id: number | string;
  task: string;
  payload: string;
  job_key: string;
  queue_key: string | null;
  event_id: number | string | null;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: unknown;
  locked_by: string | null;
  last_error: string | null;
  case_id: string | null;
  case_number: string | null;
  incident_id: string | null;
  incident_number: string | null;
  created_at: unknown;
}

function toJob(row: JobRow): Job {
  return {
    id: Number(row.id),
    task: row.task,
    payload: JSON.parse(row.payload),
    key: row.job_key,
    queueKey: row.queue_key,
    eventId: row.event_id === null ? null : Number(row.event_id),
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: toDate(row.run_at),
    lockedBy: row.locked_by,
    lastError: row.last_error,
    caseId: row.case_id,
    caseNumber: row.case_number,
    incidentId: row.incident_id,
    incidentNumber: row.incident_number,
    createdAt: toDate(row.created_at),
  };
}
