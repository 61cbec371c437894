import type { Knex } from 'knex';
import { isPostgres, type Db } from './db';
import { reclaimFreePages } from './sqliteSpace';
import { FIELD_MAPPING_TABLES, OWN_WRITES_TABLE, SYNC_RUN_TABLE, SYNC_TABLES, TABLES, WEBHOOK_TABLES } from './tables';

const EVENTS = SYNC_TABLES.events;
const JOBS = SYNC_TABLES.jobs;
const LINKS = SYNC_TABLES.links;
const SNAPSHOTS = SYNC_TABLES.snapshots;

/** The tables a pass deletes from, as its report and the metrics name them. */
export const RETENTION_TABLES = [
  EVENTS,
  JOBS,
  LINKS,
  SNAPSHOTS,
  FIELD_MAPPING_TABLES.syncedValues,
  OWN_WRITES_TABLE,
  WEBHOOK_TABLES.deliveries,
  SYNC_RUN_TABLE,
  TABLES.signInLinks,
  TABLES.adminSessions,
] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

export interface RetentionPassOptions {
  /** Finished history older than this many days is deleted. */
  retentionDays: number;
  /** Rows per delete statement (one short transaction each). Default 500. */
  batchSize?: number;
  /** The pass's clock. */
  now?: Date;
  /**
   * Asked before every batch: false stops the pass where it is (the instance lost its lease or is
   * shutting down). A later pass carries on, since every batch is complete in itself.
   */
  proceed?: () => Promise<boolean>;
  /** SQLite pages given back to the file system per step. Default 2,000 (8 MB). */
  vacuumPagesPerStep?: number;
}

export interface RetentionReport {
  /** Rows deleted per table (every table listed, 0 when none). */
  deleted: Record<RetentionTable, number>;
  /** Delete statements run. */
  batches: number;
  /** SQLite: bytes given back to the file system by incremental vacuum (0 on PostgreSQL, whose autovacuum reuses the space). */
  reclaimedBytes: number;
  /** Of `durationMs`, the time giving the space back took. */
  reclaimMs: number;
  durationMs: number;
  /** False when `proceed` stopped the pass before it deleted everything due. */
  complete: boolean;
}

/** Stops the pass between two batches. */
class Stopped extends Error {}

/**
 * One retention pass: deletes the finished sync history older than `retentionDays`, in small
 * batches (each its own short transaction, so intake and workers, which share SQLite's one
 * connection, wait at most one batch), then on SQLite gives the freed pages back to the file
 * system. What it never deletes:
 * - an event still received or failed, or with a job that is not done (pending, running,
 *   failed waiting for its retry, or dead: those stay until an admin retries them);
 * - a job that is not done;
 * - a link whose incident is not known to be resolved, or that changed within the period, and
 *   the snapshots and custom field values of any Case or incident that still has a link (an
 *   open incident's rules need its previous values);
 * - the newest successful manual sync run (the next incremental run starts from its watermark).
 * A Case or incident whose link was deleted is a stranger to the engine again: a rule that
 * creates an incident for it creates a new one, as for a Case never seen.
 * Safe to run on several instances at once (every delete re-checks its condition), but the
 * schedule (retentionSchedule.ts) runs it on one at a time, as two would only contend.
 */
export async function runRetentionPass(db: Db, options: RetentionPassOptions): Promise<RetentionReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * 86_400_000);
  const batchSize = options.batchSize ?? 500;
  const deleted = Object.fromEntries(RETENTION_TABLES.map((table) => [table, 0])) as Record<RetentionTable, number>;
  let batches = 0;
  const proceed = async () => {
    if (options.proceed && !(await options.proceed())) throw new Stopped();
    batches++;
  };
  const steps = new Steps(db, cutoff, batchSize, proceed, deleted);
  let complete = true;
  try {
    await steps.finishedEvents();
    await steps.finishedJobsWithoutEvent();
    await steps.resolvedLinks();
    await steps.unlinkedSnapshots();
    await steps.unlinkedCustomFieldValues();
    await steps.byAge(OWN_WRITES_TABLE, ['kind', 'target_id', 'text_digest'], 'created_at');
    await steps.byAge(WEBHOOK_TABLES.deliveries, ['webhook_id'], 'received_at');
    await steps.finishedSyncRuns();
    await steps.byAge(TABLES.signInLinks, ['token_hash'], 'expires_at', now);
    await steps.byAge(TABLES.adminSessions, ['id_hash'], 'expires_at', now);
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    complete = false;
  }
  const reclaimStarted = performance.now();
  const reclaimedBytes = isPostgres(db) ? 0 : await reclaimFreePages(db, options.vacuumPagesPerStep ?? 2_000);
  const reclaimMs = performance.now() - reclaimStarted;
  return { deleted, batches, reclaimedBytes, reclaimMs, durationMs: performance.now() - started, complete };
}

type Proceed = () => Promise<void>;

/** The pass's steps, one per kind of row; each deletes in batches until nothing due is left. */
class Steps {
  constructor(
    private readonly db: Db,
    private readonly cutoff: Date,
    private readonly batchSize: number,
    private readonly proceed: Proceed,
    private readonly deleted: Record<RetentionTable, number>,
  ) {}

  /**
   * Finished events with their (done) jobs, oldest first. Walks the received_at index with a
   * keyset, so events kept (a dead job under them) are stepped over once per pass, not once per batch.
   */
  async finishedEvents(): Promise<void> {
    const { db, cutoff } = this;
    let after: { at: unknown; id: number } | undefined;
    for (;;) {
      await this.proceed();
      const position = after;
      const rows = (await db(`${EVENTS} as e`)
        .select('e.id', 'e.received_at')
        .where('e.received_at', '<', cutoff)
        .whereIn('e.status', ['processed', 'ignored'])
        .whereNotExists(unfinishedJobsOf(db))
        .modify((query: Knex.QueryBuilder) => {
          // `>=` on its own lets the index seek to the position; the OR only settles ties.
          if (position)
            query.where('e.received_at', '>=', position.at as Date).where((where) => {
              where.where('e.received_at', '>', position.at as Date).orWhere('e.id', '>', position.id);
            });
        })
        .orderBy([
          { column: 'e.received_at', order: 'asc' },
          { column: 'e.id', order: 'asc' },
        ])
        .limit(this.batchSize)) as { id: number | string; received_at: unknown }[];
      const last = rows.at(-1);
      if (!last) return;
      const ids = rows.map((row) => Number(row.id));
      await db.transaction(async (trx) => {
        // The jobs first: the events' foreign key would otherwise turn them into rows without an event.
        this.deleted[JOBS] += await trx(JOBS).whereIn('event_id', ids).where('state', 'done').del();
        this.deleted[EVENTS] += await trx(`${EVENTS} as e`).whereIn('e.id', ids).whereNotExists(unfinishedJobsOf(trx)).del();
      });
      if (rows.length < this.batchSize) return;
      after = { at: last.received_at, id: Number(last.id) };
    }
  }

  /** Done jobs that have no event (reconcile's, or their event is gone), by age. */
  async finishedJobsWithoutEvent(): Promise<void> {
    await this.#batches(JOBS, ['id'], 'created_at', (query, table) =>
      query
        .whereNull(`${table}.event_id`)
        .where(`${table}.state`, 'done')
        .where(`${table}.created_at`, '<', this.cutoff)
        .where(`${table}.finished_at`, '<', this.cutoff),
    );
  }

  /** Links of incidents known to be resolved that nothing has touched within the period. */
  async resolvedLinks(): Promise<void> {
    await this.#batches(LINKS, ['case_id'], 'updated_at', (query, table) =>
      query.where(`${table}.incident_status`, 'resolved').where(`${table}.updated_at`, '<', this.cutoff),
    );
  }

  /** Snapshots untouched within the period of Cases and incidents without a link. */
  async unlinkedSnapshots(): Promise<void> {
    const { db } = this;
    await this.#batches(SNAPSHOTS, ['entity_type', 'entity_id'], 'updated_at', (query, table) =>
      query
        .where(`${table}.updated_at`, '<', this.cutoff)
        .whereNotExists(db(`${LINKS} as l`).select(db.raw('1')).whereRaw(`l.case_id = ${table}.entity_id AND ${table}.entity_type = 'case'`))
        .whereNotExists(db(`${LINKS} as l`).select(db.raw('1')).whereRaw(`l.incident_id = ${table}.entity_id AND ${table}.entity_type = 'incident'`)),
    );
  }

  /** The custom field values last carried for incidents no longer linked. */
  async unlinkedCustomFieldValues(): Promise<void> {
    const { db } = this;
    await this.#batches(FIELD_MAPPING_TABLES.syncedValues, ['incident_id', 'pagerduty_field_id'], 'updated_at', (query, table) =>
      query
        .where(`${table}.updated_at`, '<', this.cutoff)
        .whereNotExists(db(`${LINKS} as l`).select(db.raw('1')).whereRaw(`l.incident_id = ${table}.incident_id`)),
    );
  }

  /** Finished manual sync runs, but never the newest successful one: its watermark starts the next incremental run. */
  async finishedSyncRuns(): Promise<void> {
    const { db } = this;
    const newest = await db(SYNC_RUN_TABLE).where({ state: 'succeeded' }).orderBy('started_at', 'desc').first<{ id: string } | undefined>('id');
    await this.#batches(SYNC_RUN_TABLE, ['id'], 'started_at', (query, table) => {
      query.whereNot(`${table}.state`, 'running').where(`${table}.started_at`, '<', this.cutoff);
      if (newest) query.whereNot(`${table}.id`, newest.id);
      return query;
    });
  }

  /** Rows whose `column` is older than the cutoff (or than `before`). */
  async byAge(table: RetentionTable, key: string[], column: string, before: Date = this.cutoff): Promise<void> {
    await this.#batches(table, key, column, (query, alias) => query.where(`${alias}.${column}`, '<', before));
  }

  /**
   * Deletes the rows `due` selects, `batchSize` oldest at a time, until none is left. The delete
   * repeats the condition: on PostgreSQL a row may have changed since it was selected (a
   * snapshot updated by a new event), and it then stays.
   */
  async #batches(
    table: RetentionTable,
    key: string[],
    orderColumn: string,
    due: (query: Knex.QueryBuilder, alias: string) => Knex.QueryBuilder,
  ): Promise<void> {
    const { db } = this;
    for (;;) {
      await this.proceed();
      const rows = (await due(db(`${table} as t`).select(key.map((column) => `t.${column}`)), 't')
        .orderBy(`t.${orderColumn}`)
        .limit(this.batchSize)) as Record<string, Knex.Value>[];
      if (rows.length === 0) return;
      const keys = rows.map((row) => key.map((column) => row[column] ?? null));
      const deleteQuery = due(db(`${table} as t`), 't');
      if (key.length === 1)
        deleteQuery.whereIn(
          `t.${key[0] ?? ''}`,
          keys.map(([value]) => value ?? null),
        );
      else
        deleteQuery.whereIn(
          key.map((column) => `t.${column}`),
          keys,
        );
      this.deleted[table] += await deleteQuery.del();
      if (rows.length < this.batchSize) return;
    }
  }
}

/** The jobs of the event `e` that are not done: while one exists, the event stays. */
function unfinishedJobsOf(db: Db | Knex.Transaction): Knex.QueryBuilder {
  return db(`${JOBS} as j`).select(db.raw('1')).whereRaw('j.event_id = e.id').whereNot('j.state', 'done');
}
