import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from './db';
import { releaseLease, tryAcquireLease } from './leases';
import { runRetentionPass, type RetentionReport } from './retention';

/** The lease row that makes one instance at a time run the retention pass. */
export const RETENTION_LEASE = 'retention';

export interface RetentionScheduleOptions {
  db: Db;
  logger: Logger;
  /** RETENTION_DAYS. */
  retentionDays: number;
  /** Between two passes. Default 1 hour: a busy org adds about 600 events an hour, a few batches. */
  intervalMs?: number;
  /** The first pass after start. Default 1 minute: start-up and the first intake go first. */
  firstDelayMs?: number;
  /** Rows per delete. Default 500. */
  batchSize?: number;
  /** The lease a pass holds, renewed before every batch. Default 5 minutes. */
  leaseMs?: number;
  /** Identifies this instance in the lease row. */
  instanceId?: string;
}

export type RetentionListener = (report: RetentionReport) => void;

/**
 * Runs the retention pass (retention.ts) off the request path, on a timer, on one instance at a
 * time: a pass holds the `retention` lease and renews it before each batch; an instance that
 * cannot take it skips that round, and one that loses it midway stops after its current batch.
 */
export class RetentionSchedule {
  readonly retentionDays: number;
  readonly #options: Required<Omit<RetentionScheduleOptions, 'logger' | 'db'>>;
  readonly #db: Db;
  readonly #logger: Logger;
  readonly #listeners = new Set<RetentionListener>();
  #timer: NodeJS.Timeout | undefined;
  #current: Promise<RetentionReport | undefined> | undefined;
  #stopped = true;
  /** Set by stop(): a pass under way ends after its current batch. */
  #stopping = false;

  constructor(options: RetentionScheduleOptions) {
    this.#options = {
      intervalMs: 60 * 60_000,
      firstDelayMs: 60_000,
      batchSize: 500,
      leaseMs: 5 * 60_000,
      instanceId: crypto.randomUUID(),
      ...options,
    };
    this.#db = options.db;
    this.#logger = options.logger.child({ component: 'retention' });
    this.retentionDays = options.retentionDays;
  }

  /** Each finished pass (complete or stopped) is reported to `listener` (the metrics). */
  onPass(listener: RetentionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#stopping = false;
    this.#schedule(this.#options.firstDelayMs);
  }

  /** Stops the timer; a pass under way stops after its current batch. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#current?.catch(() => undefined);
  }

  /** One pass now, if this instance gets the lease; undefined when another instance holds it. */
  run(now: Date = new Date()): Promise<RetentionReport | undefined> {
    const run = this.#run(now);
    this.#current = run;
    return run;
  }

  async #run(now: Date): Promise<RetentionReport | undefined> {
    const { instanceId, leaseMs } = this.#options;
    const holdLease = () => tryAcquireLease(this.#db, RETENTION_LEASE, instanceId, leaseMs);
    if (!(await holdLease())) return undefined;
    try {
      const report = await runRetentionPass(this.#db, {
        retentionDays: this.retentionDays,
        batchSize: this.#options.batchSize,
        now,
        // Renewing before each batch keeps the lease as long as the pass makes progress.
        proceed: async () => !this.#stopping && (await holdLease()),
      });
      for (const listener of this.#listeners) listener(report);
      return report;
    } finally {
      await releaseLease(this.#db, RETENTION_LEASE, instanceId).catch(() => undefined);
    }
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.run()
        .then((report) => {
          if (report && Object.values(report.deleted).some((count) => count > 0)) this.#logger.info(report, 'retention pass deleted finished history');
        })
        .catch((error: unknown) => this.#logger.warn({ err: error }, 'the retention pass failed; it runs again at the next interval'))
        .finally(() => this.#schedule(this.#options.intervalMs));
    }, delayMs);
    this.#timer.unref();
  }
}
