import type { Knex } from 'knex';
import type { Db } from '../store/db';
import { GroupCommit } from '../store/groupCommit';
import { encodeStoredPayload } from '../store/payloadCodec';
import { SYNC_TABLES } from '../store/tables';
import type { Job, JobOutcome, JobQueue, NewJob } from './jobQueue';

/** `agent`: an action a support agent took in the Command Console (agentActions.ts). */
export type EventSource = 'salesforce' | 'pagerduty' | 'manual_sync' | 'reconcile' | 'agent';

export interface InboundEvent {
  source: EventSource;
  /** The source's own id; a second event with the same source and id is a duplicate. */
  sourceEventId: string;
  kind: string;
  payload: unknown;
  caseId?: string | null;
  caseNumber?: string | null;
  incidentId?: string | null;
  incidentNumber?: string | null;
  occurredAt?: Date | null;
}

export interface Recorded {
  eventId: number | null;
  duplicate: boolean;
  /** Processed in the transaction that stored it, not left to the worker. */
  processed?: ProcessedAtIntake;
}

/** An event processed at intake: its `process_event` job, recorded done, and how long processing took. */
export interface ProcessedAtIntake {
  job: Job;
  durationMs: number;
}

/** An inbox row as processing reads it. */
export interface StoredInboxEvent {
  id: number;
  kind: string;
  status: string;
  /** JSON */
  payload: string;
  case_id: string | null;
  case_number: string | null;
  incident_id: string | null;
  incident_number: string | null;
}

/**
 * Processing in the intake's transaction. `begin` prepares the events' shared reads. `process`
 * processes one event, answering its job result and its action jobs (for the caller to enqueue),
 * or undefined when the event must be left to its job; it throws when processing failed. `write`
 * writes the other effects of every event processed, in the same transaction.
 */
export interface IntakeProcessing {
  begin(
    trx: Knex.Transaction,
    events: readonly StoredInboxEvent[],
  ): Promise<{
    process(event: StoredInboxEvent): Promise<{ result: unknown; actions: NewJob[] } | undefined>;
    write(): Promise<void>;
  }>;
  /** Processing at intake failed and rolled back: the events wait for their jobs. */
  failed?(error: unknown): void;
}

/** Work that must commit or roll back together with the events (a cursor, a delivery id). */
export type AlsoInTransaction = (trx: Knex.Transaction) => Promise<void>;

export const PROCESS_EVENT_TASK = 'process_event';

/** Rows per INSERT: far below SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_INSERT = 200;

/**
 * The durable inbox. Events are stored with their processing jobs in one transaction, and a
 * caller hears back only after the commit, so intake acknowledges (webhook 2xx, CDC replayId
 * saved) only what is safe on disk. Duplicates (at-least-once delivery, replays) are recognised
 * by the unique (source, source_event_id) and dropped.
 *
 * `record` goes through the engine's group commit: concurrent webhook requests and pollers
 * share transactions, and a failing one is retried alone. The events recorded in one turn of
 * the event loop are stored together, as one unit of that group: one multi-row INSERT, one
 * set of reads and writes for their processing at intake, instead of a set per event (under a
 * burst of webhooks, the statements per event, not the commits, were most of the intake's
 * cost). If that unit fails, each event is recorded again in a unit of its own, so a bad event
 * (or its `also`) fails alone, as before.
 *
 * With `atIntake`, an event whose queue (its Case's or incident's) has no unfinished job is
 * processed right there, in the transaction that stores it: the same processing its job would
 * do, minus the job's claim, second read and second commit. That is most events, including the
 * webhooks echoing the integration's own changes, which otherwise cost more than the change.
 * An event behind an unfinished job of its queue, or one needing a vendor call to process,
 * waits for its `process_event` job as before, and so does every later event of its queue.
 */
export class Inbox {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly commits: GroupCommit = new GroupCommit(db),
    private readonly atIntake?: IntakeProcessing,
  ) {}

  /** Events asked to be recorded in this turn of the event loop, stored together at its end. */
  #pending: PendingRecord[] = [];

  record(event: InboundEvent, also?: AlsoInTransaction): Promise<Recorded> {
    return new Promise<Recorded>((resolve, reject) => {
      this.#pending.push({ event, also, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => this.#recordPending());
    });
  }

  #recordPending(): void {
    const pending = this.#pending.splice(0, MAX_EVENTS_PER_UNIT);
    if (this.#pending.length > 0) setImmediate(() => this.#recordPending());
    const [only] = pending;
    if (only && pending.length === 1) {
      this.#recordAlone(only);
      return;
    }
    this.commits
      .run(async (trx) => {
        const recorded = await this.#store(
          trx,
          pending.map(({ event }) => event),
        );
        for (const { also } of pending) if (also) await also(trx);
        return recorded;
      })
      .then(
        (recorded) => {
          pending.forEach((waiting, index) => {
            const result = recorded[index];
            if (result) waiting.resolve(result);
            else waiting.reject(new Error('Storing the events answered no result for one of them'));
          });
        },
        // Rolled back: each event alone, so the one at fault fails alone.
        () => {
          for (const waiting of pending) this.#recordAlone(waiting);
        },
      );
  }

  #recordAlone({ event, also, resolve, reject }: PendingRecord): void {
    this.commits
      .run(async (trx) => {
        const [recorded] = await this.#store(trx, [event]);
        if (!recorded) throw new Error('Storing one event answered no result for it');
        if (also) await also(trx);
        return recorded;
      })
      .then(resolve, reject);
  }

  /**
   * Stores `events` (in order) and a processing job for each new one, plus `also`, in ONE
   * transaction; returns per event its id, or that it was a duplicate.
   */
  async recordMany(events: readonly InboundEvent[], also?: AlsoInTransaction): Promise<Recorded[]> {
    return this.db.transaction(async (trx) => {
      const results = await this.#store(trx, events);
      if (also) await also(trx);
      return results;
    });
  }

  async #store(trx: Knex.Transaction, events: readonly InboundEvent[]): Promise<Recorded[]> {
    const results: Recorded[] = [];
    const receivedAt = new Date();
    for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
      const chunk = events
        .slice(start, start + ROWS_PER_INSERT)
        .map((event) => ({ event, sourceEventId: event.sourceEventId.slice(0, 200), payload: JSON.stringify(event.payload) }));
      const inserted = await trx(SYNC_TABLES.events)
        .insert(
          chunk.map(({ event, sourceEventId, payload }) => ({
            source: event.source,
            source_event_id: sourceEventId,
            kind: event.kind,
            case_id: event.caseId ?? null,
            case_number: event.caseNumber ?? null,
            incident_id: event.incidentId ?? null,
            incident_number: event.incidentNumber ?? null,
            // Compressed on SQLite (payloadCodec.ts); what callers get back stays the JSON text.
            payload: encodeStoredPayload(payload, trx),
            status: 'received',
            occurred_at: event.occurredAt ?? null,
            received_at: receivedAt,
          })),
        )
        .onConflict(['source', 'source_event_id'])
        .ignore()
        .returning<{ id: number | string; source: string; source_event_id: string }[]>(['id', 'source', 'source_event_id']);
      // RETURNING yields rows for the inserted events only; a key seen twice in one chunk is stored once.
      const newIds = new Map(inserted.map((row) => [`${row.source}\n${row.source_event_id}`, Number(row.id)]));
      const fresh: Fresh[] = [];
      for (const { event, sourceEventId, payload } of chunk) {
        const key = `${event.source}\n${sourceEventId}`;
        const eventId = newIds.get(key);
        if (eventId === undefined) {
          results.push({ eventId: null, duplicate: true });
          continue;
        }
        newIds.delete(key);
        results.push({ eventId, duplicate: false });
        const job: NewJob = {
          task: PROCESS_EVENT_TASK,
          payload: { eventId },
          key: `event:${eventId}`,
          queueKey: queueKeyFor(event),
          eventId,
          caseId: event.caseId ?? null,
          caseNumber: event.caseNumber ?? null,
          incidentId: event.incidentId ?? null,
          incidentNumber: event.incidentNumber ?? null,
        };
        fresh.push({ event, eventId, payload, job });
      }
      const processed = this.atIntake ? await this.#processAtIntake(trx, fresh, this.atIntake) : undefined;
      if (!processed) {
        await this.jobs.enqueueMany(
          fresh.map(({ job }) => job),
          trx,
        );
        continue;
      }
      for (const result of results.slice(start)) {
        const done = result.eventId === null ? undefined : processed.get(result.eventId);
        if (done) result.processed = done;
      }
    }
    return results;
  }

  /**
   * Processes the events at intake, within a savepoint: whatever fails there (a bad stored row,
   * on PostgreSQL a deadlock between two instances' queue locks) rolls back to it, and the
   * events wait for their jobs as without processing at intake (undefined). Otherwise every
   * event has been processed or has its job, and the processed ones are returned by event id.
   */
  async #processAtIntake(trx: Knex.Transaction, fresh: readonly Fresh[], atIntake: IntakeProcessing): Promise<Map<number, ProcessedAtIntake> | undefined> {
    if (fresh.length === 0) return new Map();
    try {
      return await trx.transaction((savepoint) => this.#processInOrder(savepoint, fresh, atIntake));
    } catch (error) {
      atIntake.failed?.(error);
      return undefined;
    }
  }

  /**
   * Processes, in order, the events whose queue has no unfinished job. Once an event of a queue
   * is left to its job, or adds an action job to a queue, later events of that queue wait too.
   * Jobs are enqueued in event order (a left event's processing job where it stands, a processed
   * event's actions where it stands), so each queue runs them as it would have without this.
   */
  async #processInOrder(trx: Knex.Transaction, fresh: readonly Fresh[], atIntake: IntakeProcessing): Promise<Map<number, ProcessedAtIntake>> {
    const busy = await this.jobs.busyQueues(
      fresh.flatMap(({ job }) => (job.queueKey ? [job.queueKey] : [])),
      trx,
    );
    const items = fresh.map((item) => ({ job: item.job, stored: toStored(item) }));
    const processing = await atIntake.begin(
      trx,
      items.map(({ stored }) => stored),
    );
    const inOrder: NewJob[] = [];
    const finished: { job: NewJob; outcome: JobOutcome }[] = [];
    for (const { job, stored } of items) {
      const queue = job.queueKey ?? null;
      const started = performance.now();
      const outcome = queue !== null && busy.has(queue) ? undefined : await processing.process(stored);
      if (!outcome) {
        inOrder.push(job);
        if (queue !== null) busy.add(queue);
        continue;
      }
      inOrder.push(...outcome.actions);
      for (const action of outcome.actions) if (action.queueKey) busy.add(action.queueKey);
      finished.push({ job, outcome: { result: outcome.result, durationMs: Math.round(performance.now() - started) } });
    }
    await this.jobs.enqueueMany(inOrder, trx);
    await processing.write();
    const jobs = await this.jobs.recordDone(
      finished.map(({ job }) => job),
      finished.map(({ outcome }) => outcome),
      trx,
    );
    const durations = new Map(finished.map(({ job, outcome }) => [job.eventId, outcome.durationMs ?? 0]));
    const done = new Map<number, ProcessedAtIntake>();
    for (const job of jobs) if (job.eventId !== null) done.set(job.eventId, { job, durationMs: durations.get(job.eventId) ?? 0 });
    return done;
  }
}

/** An event waiting to be recorded with the others of its turn of the event loop. */
interface PendingRecord {
  event: InboundEvent;
  also: AlsoInTransaction | undefined;
  resolve: (recorded: Recorded) => void;
  reject: (error: unknown) => void;
}

/** Events recorded in one unit at most: a burst's unit stays a few milliseconds of work. */
const MAX_EVENTS_PER_UNIT = 200;

/** An event just stored, with its payload as stored and the job that processes it unless intake does. */
interface Fresh {
  event: InboundEvent;
  eventId: number;
  payload: string;
  job: NewJob;
}

function toStored({ event, eventId, payload }: Fresh): StoredInboxEvent {
  return {
    id: eventId,
    kind: event.kind,
    status: 'received',
    payload,
    case_id: event.caseId ?? null,
    case_number: event.caseNumber ?? null,
    incident_id: event.incidentId ?? null,
    incident_number: event.incidentNumber ?? null,
  };
}

/** Changes to one Case, or to one incident, are processed in arrival order. */
export function queueKeyFor(event: Pick<InboundEvent, 'caseId' | 'incidentId'>): string | null {
  if (event.caseId) return `case:${event.caseId}`;
  if (event.incidentId) return `incident:${event.incidentId}`;
  return null;
}
