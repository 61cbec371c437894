import crypto from 'node:crypto';
import os from 'node:os';
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
 * its lease then lets another worker take it.
 */
export class Worker {
  readonly id: string;
  readonly #options: Required<Omit<WorkerOptions, 'onJobFinished' | 'workerId'>> & Pick<WorkerOptions, 'onJobFinished'>;
  #running = false;
  #inFlight = new Map<number, Promise<void>>();
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: WorkerOptions) {
    this.id = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.#options = { concurrency: 4, pollIntervalMs: 1_000, ...options };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** New work was enqueued: claim now instead of at the next poll. */
  nudge(): void {
    this.#wake?.();
  }

  /**
   * Graceful stop: claim nothing more, let in-flight jobs finish for up to `graceMs`, then hand
   * back whatever is still running so another instance takes it without waiting for the lease.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#wake?.();
    await this.#loop;
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
    const { queue, logger, concurrency, pollIntervalMs } = this.#options;
    while (this.#running) {
      const free = concurrency - this.#inFlight.size;
      let claimed: Job[] = [];
      if (free > 0) {
        try {
          claimed = await queue.claim(this.id, free);
        } catch (error) {
          logger.error({ err: error }, 'claiming jobs failed; retrying shortly');
        }
      }
      for (const job of claimed) {
        const running = this.#execute(job).finally(() => {
          this.#inFlight.delete(job.id);
          this.#wake?.();
        });
        this.#inFlight.set(job.id, running);
      }
      if (claimed.length === free && free > 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        timer.unref();
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  async #execute(job: Job): Promise<void> {
    const { queue, handlers, classifyError, logger, onJobFinished } = this.#options;
    const started = performance.now();
    let outcome: 'done' | 'failed' | 'dead' | 'lost';
    try {
      const handler = handlers[job.task];
      if (!handler) throw new UnknownTaskError(job.task);
      const result = (await handler(job)) ?? {};
      const durationMs = Math.round(performance.now() - started);
      outcome = (await queue.complete(job, this.id, { ...result, durationMs })) ? 'done' : 'lost';
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      const failure = error instanceof UnknownTaskError ? { retryable: false, message: error.message } : classifyError(error);
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
    }
    onJobFinished?.(job, outcome, Math.round(performance.now() - started));
  }
}

class UnknownTaskError extends Error {
  constructor(task: string) {
    super(`No handler for task "${task}": this job was written by a newer version of the app`);
  }
}
