import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { VendorSessions } from '../vendors/sessions';
import type { Db } from '../store/db';
import type { GroupCommit } from '../store/groupCommit';
import { SalesforceWriter } from '../vendors/salesforce/batchingWriter';
import { actionHandlers } from './actions';
import { priorityRoutingHandlers } from './priorityRouting';
import { classifyError } from './classifyError';
import { fieldMappingHandlers } from './fieldMappings';
import { agentActionHandlers } from './agentActions';
import type { EventSink } from './events';
import { Inbox, PROCESS_EVENT_TASK, type AlsoInTransaction, type InboundEvent, type Recorded } from './inbox';
import type { JobQueue, Job } from './jobQueue';
import type { LinkStore } from './links';
import { OwnWrites } from './ownWrites';
import { processEventsTask, processorAtIntake } from './processEvent';
import { RulesCache } from './rulesCache';
import type { SnapshotStore } from './snapshots';
import { Worker, type JobFinish } from './worker';

export interface SyncEngineOptions {
  db: Db;
  logger: Logger;
  /** The vendor sessions built at start-up: the engine uses them, it does not own them. */
  sessions: VendorSessions;
  jobs: JobQueue;
  /** The group commit the job queue uses: intake shares its transactions with job completions. */
  commits: GroupCommit;
  links: LinkStore;
  snapshots: SnapshotStore;
  /** Jobs run at once by this instance. Default 8. */
  concurrency?: number;
  pollIntervalMs?: number;
  workerId?: string;
}

export interface SyncEngineEvents {
  /** `error`: what a failed attempt threw, for a caller waiting on the job (the agents' console). */
  jobFinished: [job: Job, outcome: JobFinish, durationMs: number, error?: unknown];
  eventRecorded: [event: InboundEvent, eventId: number];
}

/**
 * The sync pipeline of one app instance: the durable inbox and the worker that runs its jobs.
 * Intake (CDC, pollers, webhooks, manual sync, reconciliation) hands events to `record`;
 * everything after that is jobs. The stores and vendor sessions it works with are built at
 * start-up (server/compose.ts) and passed in.
 */
export class SyncEngine extends EventEmitter<SyncEngineEvents> implements EventSink {
  readonly #jobs: JobQueue;
  readonly #inbox: Inbox;
  readonly #worker: Worker;

  constructor(options: SyncEngineOptions) {
    super();
    this.#jobs = options.jobs;
    const rules = new RulesCache(options.db, options.sessions.salesforce);
    const deps = {
      db: options.db,
      jobs: options.jobs,
      links: options.links,
      snapshots: options.snapshots,
      ownWrites: new OwnWrites(options.db),
      rules,
      salesforce: options.sessions.salesforce,
      pagerduty: options.sessions.pagerduty,
      writer: new SalesforceWriter(options.sessions.salesforce),
    };
    this.#inbox = new Inbox(options.db, options.jobs, options.commits, processorAtIntake(deps, options.logger.child({ component: 'inbox' })));
    this.#worker = new Worker({
      queue: options.jobs,
      handlers: { ...actionHandlers(deps), ...fieldMappingHandlers(deps), ...priorityRoutingHandlers(deps), ...agentActionHandlers(deps) },
      batch: { task: PROCESS_EVENT_TASK, handle: processEventsTask(deps), maxJobs: 200 },
      classifyError,
      logger: options.logger.child({ component: 'worker' }),
      concurrency: options.concurrency ?? 8,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      ...(options.workerId ? { workerId: options.workerId } : {}),
      onJobFinished: (job, outcome, durationMs, error) => this.emit('jobFinished', job, outcome, durationMs, error),
    });
  }

  /**
   * Stores an inbound change durably (deduplicated) and wakes the worker; resolves once on disk.
   * `also` commits in the same transaction (e.g. the webhook delivery id).
   */
  async record(event: InboundEvent, also?: AlsoInTransaction): Promise<Recorded> {
    const stored = await this.#inbox.record(event, also);
    this.#recorded([event], [stored]);
    return stored;
  }

  /** Stores several changes in one transaction (a batch of CDC messages), with `also` (the cursor). */
  async recordMany(events: readonly InboundEvent[], also?: AlsoInTransaction): Promise<Recorded[]> {
    const stored = await this.#inbox.recordMany(events, also);
    this.#recorded(events, stored);
    return stored;
  }

  #recorded(events: readonly InboundEvent[], stored: readonly Recorded[]): void {
    let leftToJobs = false;
    let processed = false;
    for (const [index, result] of stored.entries()) {
      const event = events[index];
      if (result.duplicate || result.eventId === null || !event) continue;
      this.emit('eventRecorded', event, result.eventId);
      if (result.processed) {
        processed = true;
        this.emit('jobFinished', result.processed.job, 'done', result.processed.durationMs);
      } else {
        leftToJobs = true;
      }
    }
    // Processing at intake may have added action jobs; an event left to its job waits in the batch lane.
    if (processed) this.#worker.nudge('single');
    if (leftToJobs) this.#worker.nudge('batch');
  }

  /**
   * An admin's retry (SYNC LOG): a dead or waiting failed job gets a fresh set of attempts now.
   * False when it is no longer retryable (another admin or instance retried it in between).
   */
  async retry(jobId: number): Promise<boolean> {
    if (!(await this.#jobs.retry(jobId))) return false;
    this.#worker.nudge();
    return true;
  }

  start(): void {
    this.#worker.start();
  }

  async stop(graceMs?: number): Promise<void> {
    await this.#worker.stop(graceMs);
  }
}
