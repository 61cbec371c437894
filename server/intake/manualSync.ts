import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { QueryOptions, QueryResult } from '@jsforce/jsforce-node';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import { errorMessage } from '../../lib/errorMessage';
import type { SyncRunMode } from '../../contracts/sync';
import { bulkCaseRow } from './salesforce/bulkCaseRows';
import { caseQueryFields, caseRowEvent, parseSalesforceDate, soqlDateTime, type CaseRow } from './salesforce/caseQuery';
import { releaseLease, tryAcquireLease } from '../store/leases';
import { readSyncSettings } from './syncSettings';
import type { Db } from '../store/db';
import type { EventSink } from '../pipeline/events';
import type { SalesforceSession } from '../vendors/salesforce/session';
import { sourceEventIds } from '../pipeline/events';
import { SyncRunStore, type SyncRun } from '../store/syncRuns';

export const MANUAL_SYNC_LEASE = 'manual-sync';

/**
 * Above this many Cases a manual sync reads them through one Bulk API 2.0 query job instead of
 * REST query pages: a million Cases cost 500 REST calls (2,000 per page) against the daily
 * allocation, but a bulk job costs a handful (create, a few polls, a results page per 100,000
 * or so rows). Below it, REST pages are as cheap and start at once (a bulk job waits in
 * Salesforce's queue).
 */
export const BULK_SYNC_THRESHOLD = 10_000;

export interface ManualSyncOptions {
  db: Db;
  /** Where what this brings in is stored (the sync engine's inbox). */
  events: EventSink;
  salesforce: SalesforceSession;
  logger: Logger;
  /** This instance's id (lease holder). */
  instanceId: string;
  /** Records per query page (`Sforce-Query-Options: batchSize`, 200–2,000). Default 2,000. */
  batchSize?: number;
  /** How often progress is written (and the lease renewed, and cancellation checked). Default 500 ms. */
  progressEveryMs?: number;
  /** Lease duration; renewed with every progress write. Default 60 s. */
  leaseTtlMs?: number;
  /** Above this many Cases the run reads through Bulk API 2.0. Default BULK_SYNC_THRESHOLD. */
  bulkThreshold?: number;
  /** Bulk job polling: interval (default 2 s) and how long to wait for the job (default 30 min). */
  bulkPolling?: { intervalMs: number; timeoutMs: number };
}

export interface ManualSyncEvents {
  finished: [run: SyncRun];
}

/**
 * Manual sync, as in the seeds: a full run (every Case created or modified since the start
 * date) or an incremental run (Cases modified after the last successful run's watermark). One
 * run at a time per installation, guarded by the `manual-sync` lease row so two instances
 * cannot both run one. Progress (processed / total from a `SELECT COUNT()`) is written to the
 * run's row as it goes; a cancel request, from any instance, is seen at the next progress
 * write. Cost: one COUNT() query, then one query per 2,000 Cases (query + queryMore); above
 * BULK_SYNC_THRESHOLD Cases, one Bulk API 2.0 query job instead (the run's note says so).
 */
export class ManualSyncRunner extends EventEmitter<ManualSyncEvents> {
  readonly runs: SyncRunStore;
  readonly #options: ManualSyncOptions;
  #current: { id: string; done: Promise<void>; cancelled: boolean } | undefined;

  constructor(options: ManualSyncOptions) {
    super();
    this.#options = options;
    this.runs = new SyncRunStore(options.db);
  }

  /** Starts a run in the background and returns it (state `running`), or answers `conflict`. */
  async start(mode: SyncRunMode): Promise<SyncRun> {
    const { db, instanceId } = this.#options;
    const now = new Date();
    await this.runs.failAbandoned(now);
    if (this.#current) throw await this.#alreadyRunning();
    if (!(await tryAcquireLease(db, MANUAL_SYNC_LEASE, instanceId, this.#leaseTtlMs, now))) throw await this.#alreadyRunning();
    let run: SyncRun;
    try {
      const settings = await readSyncSettings(db);
      const startDate = settings.startDate;
      const previous = mode === 'incremental' ? await this.runs.lastSucceeded() : undefined;
      const since = previous?.watermark && Date.parse(previous.watermark) > Date.parse(startDate) ? previous.watermark : startDate;
      const note =
        mode === 'incremental' && !previous?.watermark
          ? 'No earlier successful sync with a watermark: covering every Case changed since the start date.'
          : null;
      run = await this.runs.create({ id: crypto.randomUUID(), mode, holder: instanceId, since, note, now });
    } catch (error) {
      await releaseLease(db, MANUAL_SYNC_LEASE, instanceId).catch(() => undefined);
      throw error;
    }
    const current = { id: run.id, cancelled: false, done: Promise.resolve() };
    current.done = this.#execute(run, current).finally(async () => {
      this.#current = undefined;
      await releaseLease(db, MANUAL_SYNC_LEASE, instanceId).catch(() => undefined);
      const finished = await this.runs.get(run.id).catch(() => undefined);
      if (finished) this.emit('finished', finished);
    });
    this.#current = current;
    return run;
  }

  /** Asks a running run to stop; answers `not_found` for an unknown id and `conflict` when it already ended. */
  async cancel(id: string): Promise<SyncRun> {
    const run = await this.runs.get(id);
    if (!run) throw new AppError('not_found', `No sync run ${id}.`);
    if (run.state !== 'running') throw new AppError('conflict', `The sync run already ended (${run.state}); there is nothing to cancel.`);
    await this.runs.requestCancel(id);
    if (this.#current?.id === id) this.#current.cancelled = true;
    const cancelled = await this.runs.get(id);
    if (!cancelled) throw new AppError('not_found', `No sync run ${id}.`);
    return cancelled;
  }

  /** Resolves when this instance's run with this id has ended (immediately if it is not running here). */
  async settled(id: string): Promise<SyncRun | undefined> {
    if (this.#current?.id === id) await this.#current.done;
    return this.runs.get(id);
  }

  /** App shutdown: cancel this instance's run and wait for it to stop. */
  async stop(): Promise<void> {
    const current = this.#current;
    if (!current) return;
    current.cancelled = true;
    await current.done;
  }

  get #leaseTtlMs(): number {
    return this.#options.leaseTtlMs ?? 60_000;
  }

  async #alreadyRunning(): Promise<AppError> {
    const running = (await this.runs.latest(5)).find((run) => run.state === 'running');
    return new AppError('conflict', 'A manual sync is already running: wait for it to finish or cancel it.', running ? { runId: running.id } : undefined);
  }

  async #execute(run: SyncRun, current: { cancelled: boolean }): Promise<void> {
    const { events, salesforce, db, logger, instanceId } = this.#options;
    let processed = 0;
    let recorded = 0;
    let watermark: string | null = run.since && run.mode === 'incremental' ? run.since : null;
    let note: string | null = run.note;
    let lastWrite = Date.now();
    const progressEvery = this.#options.progressEveryMs ?? 500;
    /** Writes progress, renews the lease, and learns about cancel requests from other instances. */
    const checkpoint = async (force = false, extra: { total?: number } = {}) => {
      if (!force && Date.now() - lastWrite < progressEvery) return;
      lastWrite = Date.now();
      const state = await this.runs.progress(run.id, { processed, recorded, watermark, ...extra }, new Date());
      if (state.cancelRequested) current.cancelled = true;
      if (!(await tryAcquireLease(db, MANUAL_SYNC_LEASE, instanceId, this.#leaseTtlMs))) {
        throw new Error('This instance lost the manual sync lease (it stalled for longer than the lease); stopping so two runs never overlap.');
      }
    };
    try {
      const fields = caseQueryFields(await salesforce.describeCase());
      const startDate = soqlDateTime(run.since ?? new Date(0));
      const where = run.mode === 'full' ? `(CreatedDate >= ${startDate} OR SystemModstamp >= ${startDate})` : `SystemModstamp > ${startDate}`;
      const counted = await salesforce.run(async (connection) => await connection.query(`SELECT COUNT() FROM Case WHERE ${where}`, { autoFetch: false }));
      await checkpoint(true, { total: counted.totalSize });
      const soql = `SELECT ${fields.join(', ')} FROM Case WHERE ${where} ORDER BY SystemModstamp, Id`;
      const record = async (row: CaseRow) => {
        const stored = await events.record(caseRowEvent(row, 'manual_sync', sourceEventIds.manualSync(run.id, row.Id)));
        processed += 1;
        if (!stored.duplicate) recorded += 1;
        const modstamp = soqlDateTime(parseSalesforceDate(row.SystemModstamp));
        if (!watermark || Date.parse(modstamp) > Date.parse(watermark)) watermark = modstamp;
        await checkpoint();
      };
      const bulk = counted.totalSize > (this.#options.bulkThreshold ?? BULK_SYNC_THRESHOLD);
      if (bulk) {
        note = `Read through a Bulk API 2.0 query job: ${counted.totalSize} Cases is more than the ${this.#options.bulkThreshold ?? BULK_SYNC_THRESHOLD} a sync reads page by page.`;
        const describe = await salesforce.describeCase();
        const polling = this.#options.bulkPolling ?? { intervalMs: 2000, timeoutMs: 30 * 60_000 };
        // Salesforce may queue the job for minutes: keep the lease and progress row fresh meanwhile.
        let keepAliveError: Error | undefined;
        const keepAlive = setInterval(() => {
          checkpoint(true).catch((error: unknown) => (keepAliveError ??= error instanceof Error ? error : new Error(String(error))));
        }, progressEvery);
        let stream;
        try {
          stream = await salesforce.run(
            async (connection) => await connection.bulk2.query(soql, { pollInterval: polling.intervalMs, pollTimeout: polling.timeoutMs }),
          );
        } finally {
          clearInterval(keepAlive);
        }
        if (keepAliveError) throw keepAliveError;
        try {
          for await (const cells of stream as AsyncIterable<Record<string, string>>) {
            if (current.cancelled) break;
            await record(bulkCaseRow(cells, describe));
          }
        } finally {
          stream.destroy();
        }
      } else {
        const queryOptions: Partial<QueryOptions> = { autoFetch: false, headers: { 'Sforce-Query-Options': `batchSize=${this.#options.batchSize ?? 2000}` } };
        let page: QueryResult<CaseRow> = await salesforce.run(async (connection) => await connection.query<CaseRow>(soql, queryOptions));
        for (;;) {
          for (const row of page.records) {
            if (current.cancelled) break;
            await record(row);
          }
          const next = page.nextRecordsUrl;
          if (current.cancelled || page.done || !next) break;
          page = await salesforce.run(async (connection) => await connection.queryMore<CaseRow>(next, queryOptions as QueryOptions));
        }
      }
      await checkpoint(true);
      if (current.cancelled) {
        await this.runs.finish(run.id, { state: 'cancelled', processed, recorded, watermark: null, note: `Cancelled after ${processed} Cases.` }, new Date());
        logger.info({ runId: run.id, processed }, 'manual sync cancelled');
      } else {
        await this.runs.finish(run.id, { state: 'succeeded', processed, recorded, watermark, note }, new Date());
        logger.info({ runId: run.id, mode: run.mode, processed, recorded }, 'manual sync finished');
      }
    } catch (error) {
      const message = errorMessage(error);
      logger.warn({ err: error, runId: run.id }, 'manual sync failed');
      await this.runs.finish(run.id, { state: 'failed', processed, recorded, watermark: null, error: message }, new Date()).catch(() => undefined);
    }
  }
}
