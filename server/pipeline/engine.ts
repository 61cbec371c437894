import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { PagerDutySession } from '../vendors/pagerduty/session';
import { SalesforceSession } from '../vendors/salesforce/session';
import type { ConnectionStore } from '../store/connections';
import type { Db } from '../store/db';
import { GroupCommit } from '../store/groupCommit';
import { actionHandlers } from './actions';
import { classifyError } from './classifyError';
import { Inbox, PROCESS_EVENT_TASK, type AlsoInTransaction, type InboundEvent, type Recorded } from './inbox';
import { JobQueue, type Job } from './jobQueue';
import { LinkStore } from './links';
import { processEventsTask, processorAtIntake } from './processEvent';
import { RulesCache } from './rulesCache';
import { SalesforceWriter } from '../vendors/salesforce/batchingWriter';
import { SnapshotStore } from './snapshots';
import { Worker } from './worker';

export interface SyncEngineOptions {
  db: Db;
  connections: ConnectionStore;
  logger: Logger;
  /** Jobs run at once by this instance. Default 8. */
  concurrency?: number;
  pollIntervalMs?: number;
  /** How long a claimed job is protected before another instance may take it over. Default 5 min. */
  leaseMs?: number;
  /**
   * Attempts before a job goes dead. Default 20: with backoff capped at 10 minutes that is about
   * two hours of retrying, so an outage of either vendor heals by itself; errors a retry cannot
   * fix (bad data, missing fields) go dead at once regardless.
   */
  maxAttempts?: number;
  workerId?: string;
}

export interface SyncEngineEvents {
  jobFinished: [job: Job, outcome: 'done' | 'failed' | 'dead' | 'lost', durationMs: number];
  eventRecorded: [event: InboundEvent, eventId: number];
}

/**
 * The sync engine of one app instance: the durable inbox, the job queue and its worker, the
 * sessions with both vendors, and the stores the tasks use. Intake (CDC, pollers, webhooks,
 * manual sync, reconciliation) calls `record`; everything after that is jobs.
 */
export class SyncEngine extends EventEmitter<SyncEngineEvents> {
  readonly db: Db;
  readonly logger: Logger;
  readonly jobs: JobQueue;
  readonly inbox: Inbox;
  readonly links: LinkStore;
  readonly snapshots: SnapshotStore;
  readonly salesforce: SalesforceSession;
  readonly pagerduty: PagerDutySession;
  readonly rules: RulesCache;
  readonly writer: SalesforceWriter;
  readonly worker: Worker;

  constructor(options: SyncEngineOptions) {
    super();
    this.db = options.db;
    this.logger = options.logger;
    // One group commit for intake and job completions: under load they share transactions.
    const commits = new GroupCommit(options.db);
    this.jobs = new JobQueue(options.db, { leaseMs: options.leaseMs ?? 5 * 60_000, defaultMaxAttempts: options.maxAttempts ?? 20, commits });
    this.links = new LinkStore(options.db);
    this.snapshots = new SnapshotStore(options.db);
    this.salesforce = new SalesforceSession(options.connections, options.logger);
    this.pagerduty = new PagerDutySession(options.connections);
    this.rules = new RulesCache(options.db, this.salesforce);
    this.writer = new SalesforceWriter(this.salesforce);
    const deps = {
      db: options.db,
      jobs: this.jobs,
      links: this.links,
      snapshots: this.snapshots,
      rules: this.rules,
      salesforce: this.salesforce,
      pagerduty: this.pagerduty,
      writer: this.writer,
    };
    this.inbox = new Inbox(options.db, this.jobs, commits, processorAtIntake(deps, options.logger.child({ component: 'inbox' })));
    this.worker = new Worker({
      queue: this.jobs,
      handlers: actionHandlers(deps),
      batch: { task: PROCESS_EVENT_TASK, handle: processEventsTask(deps), maxJobs: 200 },
      classifyError,
      logger: options.logger.child({ component: 'worker' }),
      concurrency: options.concurrency ?? 8,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      ...(options.workerId ? { workerId: options.workerId } : {}),
      onJobFinished: (job, outcome, durationMs) => this.emit('jobFinished', job, outcome, durationMs),
    });
  }

  /**
   * Stores an inbound change durably (deduplicated) and wakes the worker; resolves once on disk.
   * `also` commits in the same transaction (e.g. the webhook delivery id).
   */
  async record(event: InboundEvent, also?: AlsoInTransaction): Promise<Recorded> {
    const stored = await this.inbox.record(event, also);
    this.#recorded([event], [stored]);
    return stored;
  }

  /** Stores several changes in one transaction (a batch of CDC messages), with `also` (the cursor). */
  async recordMany(events: readonly InboundEvent[], also?: AlsoInTransaction): Promise<Recorded[]> {
    const stored = await this.inbox.recordMany(events, also);
    this.#recorded(events, stored);
    return stored;
  }

  #recorded(events: readonly InboundEvent[], stored: readonly Recorded[]): void {
    let leftToJobs = false;
    let processed = false;
    stored.forEach((result, index) => {
      if (result.duplicate || result.eventId === null) return;
      this.emit('eventRecorded', events[index]!, result.eventId);
      if (result.processed) {
        processed = true;
        this.emit('jobFinished', result.processed.job, 'done', result.processed.durationMs);
      } else {
        leftToJobs = true;
      }
    });
    // Processing at intake may have added action jobs; an event left to its job waits in the batch lane.
    if (processed) this.worker.nudge('single');
    if (leftToJobs) this.worker.nudge('batch');
  }

  /** Connection settings changed: drop sessions and cached describes. */
  connectionsChanged(): void {
    this.salesforce.reset();
    this.pagerduty.reset();
  }

  start(): void {
    this.worker.start();
  }

  async stop(graceMs?: number): Promise<void> {
    await this.worker.stop(graceMs);
  }
}
