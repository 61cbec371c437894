import crypto from 'node:crypto';
import os from 'node:os';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { backoffMs } from './backoff';
import type { Job, JobQueue } from './jobQueue';

/** What a task returns when it succeeds: shown in SYNC LOG. */
export interface TaskResult {
  result?: unknown;
  incidentId?: string | null;
  incidentNumber?: string | null;
}

export type TaskHandler = (job: Job) => Promise<TaskResult | void>;

/** Per job of a batch its result or its error, and the writes that commit with the completions. */
export interface BatchResult {
  outcomes: ({ ok: true; result: TaskResult } | { ok: false; error: unknown })[];
  write?: (trx: Knex.Transaction) => Promise<void>;
}

/**
 * Handles many jobs of one task at once, for work that is cheap per job but costly per
 * transaction (inbox processing): the jobs' writes and their completions commit together.
 */
export interface BatchTask {
  task: string;
  handle: (jobs: Job[]) => Promise<BatchResult>;
  /** Jobs per batch at most. Default 200. */
  maxJobs?: number;
}

/** How a thrown error should be treated: classified by the caller's `classifyError`. */
export interface FailureClass {
  retryable: boolean;
  /** Wait at least this long before the next attempt (e.g. PagerDuty's rate-limit reset). */
  retryAfterMs?: number;
  message: string;
  /** What the admin can do about it. */
  hint?: string;
}

export interface WorkerOptions {
  queue: JobQueue;
  handlers: Record<string, TaskHandler>;
  /** One task run in batches, in a lane of its own next to the `concurrency` single jobs. */
  batch?: BatchTask;
  classifyError: (error: unknown) => FailureClass;
  logger: Logger;
  /** Jobs run at once by this worker. Default 4. */
  concurrency?: number;
  /** Longest sleep between polls when idle, in ms. Default 1000. */
  pollIntervalMs?: number;
  workerId?: string;
  /** Called after every job, for metrics and SUMMARY. */
  onJobFinished?: (job: Job, outcome: 'done' | 'failed' | 'dead' | 'lost', durationMs: number) => void;
}

/**
 * Claims jobs and runs their task handlers. Whatever a handler throws, the job is released as
 * done, failed (retry later) or dead; only a crash of the whole process leaves it running, and
 * its lease then lets another worker take it. Two lanes: single jobs (up to `concurrency` at
 * once, they call the vendors) and, with `batch`, that task's jobs a batch at a time.
 */
export class Worker {
  readonly id: string;
  readonly #options: Required<Omit<WorkerOptions, 'onJobFinished' | 'workerId' | 'batch'>> & Pick<WorkerOptions, 'onJobFinished' | 'batch'>;
  #running = false;
  /** Every claimed job not yet released, of both lanes (what `stop` waits for). */
  #inFlight = new Map<number, Promise<void>>();
  /** The single jobs among them: at most `concurrency`. */
  #singles = new Set<number>();
  #wakers = new Set<() => void>();
  #loops: Promise<void>[] = [];

  constructor(options: WorkerOptions) {
    this.id = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.#options = { concurrency: 4, pollIntervalMs: 1_000, ...options };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loops = [this.#run(), ...(this.#options.batch ? [this.#runBatches(this.#options.batch)] : [])];
  }

  /** New work was enqueued: claim now instead of at the next poll. */
  nudge(): void {
    for (const wake of this.#wakers) wake();
  }

  /**
   * Graceful stop: claim nothing more, let in-flight jobs finish for up to `graceMs`, then hand
   * back whatever is still running so another instance takes it without waiting for the lease.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.nudge();
    await Promise.all(this.#loops);
    const pending = [...this.#inFlight.values()];
    const timedOut = await Promise.race([
      Promise.allSettled(pending).then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
    ]);
    if (timedOut) await this.#options.queue.release(this.id, [...this.#inFlight.keys()]);
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  async #run(): Promise<void> {
    const { queue, logger, concurrency, batch } = this.#options;
    const lane = batch ? { except: batch.task } : undefined;
    while (this.#running) {
      const free = concurrency - this.#singles.size;
      let claimed: Job[] = [];
      if (free > 0) {
        try {
          claimed = await queue.claim(this.id, free, lane);
        } catch (error) {
          logger.error({ err: error }, 'claiming jobs failed; retrying shortly');
        }
      }
      for (const job of claimed) {
        const running = this.#execute(job).finally(() => {
          this.#inFlight.delete(job.id);
          this.#singles.delete(job.id);
          this.nudge();
        });
        this.#inFlight.set(job.id, running);
        this.#singles.add(job.id);
      }
      if (claimed.length === free && free > 0) continue;
      await this.#sleep();
    }
  }

  async #runBatches(batch: BatchTask): Promise<void> {
    const { queue, logger } = this.#options;
    const maxJobs = batch.maxJobs ?? 200;
    while (this.#running) {
      let claimed: Job[] = [];
      try {
        claimed = await queue.claim(this.id, maxJobs, { only: batch.task });
      } catch (error) {
        logger.error({ err: error }, 'claiming a batch failed; retrying shortly');
      }
      if (claimed.length === 0) {
        await this.#sleep();
        continue;
      }
      const running = this.#executeBatch(batch, claimed);
      for (const job of claimed) this.#inFlight.set(job.id, running);
      await running.finally(() => {
        for (const job of claimed) this.#inFlight.delete(job.id);
      });
      // Its results may have enqueued actions for the other lane.
      this.nudge();
    }
  }

  /** Waits for a nudge, or the poll interval. */
  async #sleep(): Promise<void> {
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.#options.pollIntervalMs);
      timer.unref();
      this.#wakers.add(wake);
    });
  }

  async #executeBatch(batch: BatchTask, jobs: Job[]): Promise<void> {
    const { queue, onJobFinished } = this.#options;
    const started = performance.now();
    let result: BatchResult;
    try {
      result = await batch.handle(jobs);
    } catch (error) {
      result = { outcomes: jobs.map(() => ({ ok: false, error })) };
    }
    const durationMs = Math.round(performance.now() - started);
    const done: { job: Job; outcome: { result?: unknown; durationMs: number; incidentId?: string | null; incidentNumber?: string | null } }[] = [];
    const failed: { job: Job; error: unknown }[] = [];
    jobs.forEach((job, index) => {
      const outcome = result.outcomes[index] ?? { ok: false, error: new Error('The batch handler returned no outcome for this job') };
      if (outcome.ok) done.push({ job, outcome: { ...outcome.result, durationMs } });
      else failed.push({ job, error: outcome.error });
    });
    let held: boolean[] = [];
    try {
      held = await queue.completeWith(done, this.id, result.write);
    } catch (error) {
      // Nothing of the batch committed: each job is retried as a failure.
      failed.push(...done.map(({ job }) => ({ job, error })));
      done.length = 0;
    }
    done.forEach(({ job }, index) => onJobFinished?.(job, held[index] ? 'done' : 'lost', durationMs));
    for (const { job, error } of failed) {
      const outcome = await this.#recordFailure(job, error, durationMs);
      onJobFinished?.(job, outcome, durationMs);
    }
  }

  async #execute(job: Job): Promise<void> {
    const { queue, handlers, onJobFinished } = this.#options;
    const started = performance.now();
    let outcome: 'done' | 'failed' | 'dead' | 'lost';
    try {
      const handler = handlers[job.task];
      if (!handler) throw new UnknownTaskError(job.task);
      const result = (await handler(job)) ?? {};
      const durationMs = Math.round(performance.now() - started);
      outcome = (await queue.complete(job, this.id, { ...result, durationMs })) ? 'done' : 'lost';
    } catch (error) {
      outcome = await this.#recordFailure(job, error, Math.round(performance.now() - started));
    }
    onJobFinished?.(job, outcome, Math.round(performance.now() - started));
  }

  async #recordFailure(job: Job, error: unknown, durationMs: number): Promise<'failed' | 'dead' | 'lost'> {
    const { queue, classifyError, logger } = this.#options;
    const failure = error instanceof UnknownTaskError ? { retryable: false, message: error.message } : classifyError(error);
    let outcome: 'failed' | 'dead' | 'lost';
    try {
      outcome = await queue.fail(job, this.id, {
        error: failure.message,
        ...(failure.hint ? { hint: failure.hint } : {}),
        retryable: failure.retryable,
        retryInMs: backoffMs(job.attempts, { retryAfterMs: failure.retryAfterMs ?? 0 }),
        durationMs,
      });
    } catch (storeError) {
      // The store is unreachable: the lease will hand the job to a worker later.
      logger.error({ err: storeError, jobId: job.id }, 'could not record a job failure');
      outcome = 'lost';
    }
    logger[outcome === 'dead' ? 'error' : 'warn']({ jobId: job.id, task: job.task, attempts: job.attempts, outcome, error: failure.message }, 'job failed');
    return outcome;
  }
}

class UnknownTaskError extends Error {
  constructor(task: string) {
    super(`No handler for task "${task}": this job was written by a newer version of the app`);
  }
}
