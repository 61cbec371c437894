import crypto from 'node:crypto';
import os from 'node:os';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { backoffMs } from './backoff';
import type { Job, JobQueue } from './jobQueue';

/** What a task returns when it succeeds: shown in SYNC LOG. */
export interface TaskResult {
  result?: unknown;
  /**
   * Why the task did nothing, when the engine chose to skip it (no linked Case, a Case already
   * linked…): the job ends done, and SYNC LOG shows it as Skipped with this reason.
   */
  skipped?: string;
  incidentId?: string | null;
  incidentNumber?: string | null;
  /** Writes that commit in the same transaction as the job's completion. */
  write?: (trx: Knex.Transaction) => Promise<void>;
}

export type TaskHandler = (job: Job) => Promise<TaskResult | undefined>;

/**
 * How a claimed job ended, for metrics and SUMMARY: `skipped` is a job done without acting (its
 * result says why); `lost` is one whose lease another worker took over before it finished.
 */
export type JobFinish = 'done' | 'skipped' | 'failed' | 'dead' | 'lost';

/** Per job of a batch: its result (with the writes that commit with its completion), or its error. */
export type BatchOutcome = { ok: true; result: TaskResult } | { ok: false; error: unknown };

/**
 * Handles many jobs of one task at once, for work that is cheap per job but costly per
 * transaction (inbox processing): the reads are shared, and the jobs' writes and completions
 * go through the group commit together, each job still committing or failing on its own.
 */
export interface BatchTask {
  task: string;
  handle: (jobs: Job[]) => Promise<BatchOutcome[]>;
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
  /** Called after every job, for metrics and SUMMARY; `error` is what a failed attempt threw (the console answers an agent with it). */
  onJobFinished?: (job: Job, outcome: JobFinish, durationMs: number, error?: unknown) => void;
  /** How often the leases of running jobs are renewed, in ms. Default a third of the queue's lease. */
  heartbeatMs?: number;
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
  /** The claims of the jobs in flight, whose leases the heartbeat renews. */
  #claims = new Map<number, Job>();
  /** Jobs whose lease a renewal found taken over: their outcome is not recorded. */
  #lost = new Set<number>();
  #heartbeat: NodeJS.Timeout | undefined;
  /** The single jobs among them: at most `concurrency`. */
  #singles = new Set<number>();
  /** Per lane: its wake-up while it sleeps, or a nudge that came while it was busy. */
  #lanes = { single: new LaneSignal(), batch: new LaneSignal() };
  /**
   * Single jobs claimed ahead of a free slot. One claim then feeds several slots as jobs finish,
   * instead of one claim per job. A job that waited for a slot longer than a tenth of its lease
   * is handed back rather than run, so it always starts with most of its lease ahead of it.
   */
  #ready: { job: Job; claimedAt: number }[] = [];
  #loops: Promise<void>[] = [];

  constructor(options: WorkerOptions) {
    this.id = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.#options = { concurrency: 4, pollIntervalMs: 1_000, heartbeatMs: options.queue.leaseMs / 3, ...options };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loops = [this.#run(), ...(this.#options.batch ? [this.#runBatches(this.#options.batch)] : [])];
    // Three renewals per lease: one failed renewal (a slow commit, a blip of the database) still
    // leaves the next one time to land before the lease runs out.
    this.#heartbeat = setInterval(() => void this.#renewLeases(), this.#options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /**
   * The heartbeat: a job runs as long as its vendor calls take (each bounded by a timeout below
   * the lease), so its lease is renewed while it runs instead of another instance taking it over
   * and running it a second time (a Case or an incident created twice).
   */
  async #renewLeases(): Promise<void> {
    const claims = [...this.#claims.values()];
    if (claims.length === 0) return;
    try {
      const held = await this.#options.queue.renew(claims, this.id);
      for (const job of claims) {
        if (held.has(job.id) || !this.#claims.has(job.id)) continue;
        this.#lost.add(job.id);
        this.#options.logger.warn({ jobId: job.id, task: job.task }, 'another worker took over a running job (its lease expired): this run records nothing');
      }
    } catch (error) {
      this.#options.logger.error({ err: error }, 'could not renew the leases of running jobs; retrying at the next heartbeat');
    }
  }

  /** Tracks a claimed job from its start until its outcome is recorded (or it is handed back). */
  #track(job: Job, running: Promise<void>): void {
    this.#inFlight.set(job.id, running);
    this.#claims.set(job.id, job);
  }

  #untrack(jobId: number): void {
    this.#inFlight.delete(jobId);
    this.#claims.delete(jobId);
    this.#lost.delete(jobId);
  }

  /** New work was enqueued (for one lane, or either): claim now instead of at the next poll. */
  nudge(lane?: 'single' | 'batch'): void {
    if (lane !== 'batch') this.#lanes.single.nudge();
    if (lane !== 'single') this.#lanes.batch.nudge();
  }

  /**
   * Graceful stop: claim nothing more, let in-flight jobs finish for up to `graceMs`, then hand
   * back whatever is still running so another instance takes it without waiting for the lease.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.nudge();
    const deadline = Date.now() + graceMs;
    const timedOut = (work: Promise<unknown>) =>
      Promise.race([work.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), Math.max(0, deadline - Date.now())).unref())]);
    // A lane may be inside a batch or a claim: both count against the grace period.
    await timedOut(Promise.all(this.#loops));
    await this.#handBack(this.#ready.splice(0).map(({ job }) => job));
    if (await timedOut(Promise.allSettled([...this.#inFlight.values()]))) await this.#options.queue.release(this.id, [...this.#inFlight.keys()]);
    clearInterval(this.#heartbeat);
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /**
   * Whether the worker still runs, read afresh: `stop` clears it while a lane awaits a claim,
   * which TypeScript's narrowing of `this.#running` by the lane's loop condition cannot know.
   */
  #isRunning(): boolean {
    return this.#running;
  }

  async #run(): Promise<void> {
    const { queue, logger, concurrency, batch } = this.#options;
    const lane = batch ? { except: batch.task } : undefined;
    while (this.#running) {
      this.#startReady();
      // Claim before the prefetched jobs run out, not once they have: under load a slot that
      // frees up then finds a job waiting instead of idling through a claim, and each claim
      // takes most of a round of jobs at once.
      if (this.#ready.length < this.#lowWater) {
        try {
          const wanted = concurrency - this.#singles.size + 2 * concurrency - this.#ready.length;
          const claimed = await queue.claim(this.id, wanted, lane);
          const claimedAt = performance.now();
          this.#ready.push(...claimed.map((job) => ({ job, claimedAt })));
        } catch (error) {
          logger.error({ err: error }, 'claiming jobs failed; retrying shortly');
        }
        this.#startReady();
      }
      // Wake on a finished job (a free slot) or new work, or poll.
      if (this.#isRunning()) await this.#lanes.single.sleep(this.#options.pollIntervalMs);
    }
  }

  /** Fewer prefetched jobs than this and the lane claims more: half a round of slots. */
  get #lowWater(): number {
    return Math.ceil(this.#options.concurrency / 2);
  }

  /** Starts claimed jobs while slots are free (at once, also while the lane's loop awaits a claim). */
  #startReady(): void {
    const stale: Job[] = [];
    while (this.#ready.length > 0 && this.#singles.size < this.#options.concurrency && this.#running) {
      const next = this.#ready.shift();
      if (!next) break;
      const { job, claimedAt } = next;
      if (performance.now() - claimedAt > this.#options.queue.leaseMs / 10) {
        stale.push(job);
        continue;
      }
      // A slot bounds the calls to the vendors, not the commits: it is freed once the task has
      // run, and the next prefetched job starts while this one's outcome is being committed.
      const freeSlot = () => {
        if (!this.#singles.delete(job.id)) return;
        this.#startReady();
        // The lane claims when few prefetched jobs are left; jobs finishing meanwhile share that claim.
        if (this.#ready.length < this.#lowWater) this.#lanes.single.nudge();
      };
      const running = this.#execute(job, freeSlot).finally(() => {
        this.#untrack(job.id);
        freeSlot();
        // A finished job may unblock a batched job of its queue (the next change of its Case).
        // Finishing jobs come hundreds a second under load: they share one batch claim.
        this.#lanes.batch.nudgeSoon(UNBLOCK_CLAIM_DELAY_MS);
      });
      this.#track(job, running);
      this.#singles.add(job.id);
    }
    void this.#handBack(stale);
  }

  /** Returns claimed jobs that were never started; their attempt does not count. */
  async #handBack(jobs: Job[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.#options.queue
      .release(
        this.id,
        jobs.map((job) => job.id),
      )
      .catch((error: unknown) => {
        // Their lease hands them to a worker later.
        this.#options.logger.warn({ err: error }, 'could not hand back claimed jobs');
      });
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
        await this.#lanes.batch.sleep(this.#options.pollIntervalMs);
        continue;
      }
      if (!this.#isRunning()) {
        await this.#handBack(claimed);
        break;
      }
      const running = this.#executeBatch(batch, claimed).catch((error: unknown) => {
        // Only a broken store gets here (failures are recorded per job): leases hand the jobs on.
        logger.error({ err: error }, 'a batch could not be finished');
      });
      for (const job of claimed) this.#track(job, running);
      await running.finally(() => {
        for (const job of claimed) this.#untrack(job.id);
      });
      // Its results may have enqueued actions for the other lane.
      this.#lanes.single.nudge();
    }
  }

  async #executeBatch(batch: BatchTask, jobs: Job[]): Promise<void> {
    const started = performance.now();
    let outcomes: BatchOutcome[];
    try {
      outcomes = await batch.handle(jobs);
    } catch (error) {
      outcomes = jobs.map(() => ({ ok: false, error }));
    }
    const durationMs = Math.round(performance.now() - started);
    // All completions are submitted in this turn of the event loop, so the group commit writes
    // them in one transaction; one whose write fails is retried alone and fails alone.
    await Promise.all(
      jobs.map(async (job, index) => {
        const outcome = outcomes[index] ?? { ok: false, error: new Error('The batch handler returned no outcome for this job') };
        this.#finished(
          job,
          outcome.ok ? await this.#complete(job, outcome.result, durationMs) : await this.#recordFailure(job, outcome.error, durationMs),
          durationMs,
          outcome.ok ? undefined : outcome.error,
        );
      }),
    );
  }

  /** Commits a job's writes with its completion; a failing write fails the job instead. */
  async #complete(job: Job, result: TaskResult, durationMs: number): Promise<JobFinish> {
    const { write, ...outcome } = result;
    if (this.#lost.has(job.id)) return 'lost';
    try {
      if (!(await this.#options.queue.completeWith(job, this.id, { ...outcome, durationMs }, write))) return 'lost';
      return outcome.skipped === undefined ? 'done' : 'skipped';
    } catch (error) {
      return this.#recordFailure(job, error, durationMs);
    }
  }

  /** Tells the owner (metrics, SUMMARY); a listener that throws must not stop the worker. */
  #finished(job: Job, outcome: JobFinish, durationMs: number, error?: unknown): void {
    try {
      this.#options.onJobFinished?.(job, outcome, durationMs, error);
    } catch (error) {
      this.#options.logger.error({ err: error, jobId: job.id }, 'a job-finished listener failed');
    }
  }

  /** Runs the job's task, calls `ran` once it has run (succeeded or thrown), then records its outcome. */
  async #execute(job: Job, ran: () => void): Promise<void> {
    const { handlers } = this.#options;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let attempt: BatchOutcome;
    try {
      const handler = handlers[job.task];
      if (!handler) throw new UnknownTaskError(job.task);
      attempt = { ok: true, result: (await handler(job)) ?? {} };
    } catch (error) {
      attempt = { ok: false, error };
    }
    ran();
    const outcome = attempt.ok ? await this.#complete(job, attempt.result, elapsed()) : await this.#recordFailure(job, attempt.error, elapsed());
    this.#finished(job, outcome, elapsed(), attempt.ok ? undefined : attempt.error);
  }

  async #recordFailure(job: Job, error: unknown, durationMs: number): Promise<'failed' | 'dead' | 'lost'> {
    const { queue, classifyError, logger } = this.#options;
    const failure = error instanceof UnknownTaskError ? { retryable: false, message: error.message } : classifyError(error);
    if (this.#lost.has(job.id)) return 'lost';
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

/** How long a batch claim may lag behind a finished job that unblocked its queue. */
const UNBLOCK_CLAIM_DELAY_MS = 20;

/** Wakes a lane's loop: at once if it sleeps, or right after its current round if it is busy. */
class LaneSignal {
  #wake: (() => void) | undefined;
  #nudged = false;
  #soon: NodeJS.Timeout | undefined;

  /** A nudge within `ms`, shared by every call until then. */
  nudgeSoon(ms: number): void {
    if (this.#soon) return;
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      this.nudge();
    }, ms);
    this.#soon.unref();
  }

  nudge(): void {
    if (this.#wake) this.#wake();
    else this.#nudged = true;
  }

  async sleep(maxMs: number): Promise<void> {
    if (this.#nudged) {
      this.#nudged = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.#wake?.(), maxMs);
      timer.unref();
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }
}

class UnknownTaskError extends Error {
  constructor(task: string) {
    super(`No handler for task "${task}": this job was written by a newer version of the app`);
  }
}
