import type { Knex } from 'knex';
import type { Db } from '../store/db';
import { SYNC_TABLES } from '../store/tables';
import type { JobQueue, NewJob } from './jobQueue';

export type EventSource = 'salesforce' | 'pagerduty' | 'manual_sync' | 'reconcile';

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
}

/** Work that must commit or roll back together with the events (a cursor, a delivery id). */
export type AlsoInTransaction = (trx: Knex.Transaction) => Promise<void>;

export const PROCESS_EVENT_TASK = 'process_event';

/** Rows per INSERT: far below SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_INSERT = 200;
/** Calls of `record` committed together at most. */
const MAX_GROUP = 500;

interface Waiting {
  event: InboundEvent;
  also: AlsoInTransaction | undefined;
  resolve: (recorded: Recorded) => void;
  reject: (error: unknown) => void;
}

/**
 * The durable inbox. Events are stored with their processing jobs in one transaction, and a
 * caller hears back only after the commit, so intake acknowledges (webhook 2xx, CDC replayId
 * saved) only what is safe on disk. Duplicates (at-least-once delivery, replays) are recognised
 * by the unique (source, source_event_id) and dropped.
 *
 * `record` is a group commit: the calls made while the previous commit runs (concurrent
 * webhook requests, pollers) share the next transaction, because a commit costs far more than
 * the rows in it. A group that fails is retried event by event, so one bad event cannot fail
 * its neighbours.
 */
export class Inbox {
  #waiting: Waiting[] = [];
  #flushing = false;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
  ) {}

  record(event: InboundEvent, also?: AlsoInTransaction): Promise<Recorded> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ event, also, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const group = this.#waiting.splice(0, MAX_GROUP);
        const also = group.flatMap((waiting) => (waiting.also ? [waiting.also] : []));
        try {
          const results = await this.recordMany(
            group.map((waiting) => waiting.event),
            also.length ? async (trx) => {
              for (const run of also) await run(trx);
            } : undefined,
          );
          group.forEach((waiting, index) => waiting.resolve(results[index]!));
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          for (const waiting of group) {
            await this.recordMany([waiting.event], waiting.also).then((results) => waiting.resolve(results[0]!), waiting.reject);
          }
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  /**
   * Stores `events` (in order) and a processing job for each new one, plus `also`, in ONE
   * transaction; returns per event its id, or that it was a duplicate.
   */
  async recordMany(events: readonly InboundEvent[], also?: AlsoInTransaction): Promise<Recorded[]> {
    return this.db.transaction(async (trx) => {
      const results: Recorded[] = [];
      const receivedAt = new Date();
      for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
        const chunk = events.slice(start, start + ROWS_PER_INSERT).map((event) => ({ event, sourceEventId: event.sourceEventId.slice(0, 200) }));
        const inserted = (await trx(SYNC_TABLES.events)
          .insert(
            chunk.map(({ event, sourceEventId }) => ({
              source: event.source,
              source_event_id: sourceEventId,
              kind: event.kind,
              case_id: event.caseId ?? null,
              case_number: event.caseNumber ?? null,
              incident_id: event.incidentId ?? null,
              incident_number: event.incidentNumber ?? null,
              payload: JSON.stringify(event.payload),
              status: 'received',
              occurred_at: event.occurredAt ?? null,
              received_at: receivedAt,
            })),
          )
          .onConflict(['source', 'source_event_id'])
          .ignore()
          .returning(['id', 'source', 'source_event_id'])) as { id: number | string; source: string; source_event_id: string }[];
        // RETURNING yields rows for the inserted events only; a key seen twice in one chunk is stored once.
        const newIds = new Map(inserted.map((row) => [`${row.source}\n${row.source_event_id}`, Number(row.id)]));
        const jobs: NewJob[] = [];
        for (const { event, sourceEventId } of chunk) {
          const key = `${event.source}\n${sourceEventId}`;
          const eventId = newIds.get(key);
          if (eventId === undefined) {
            results.push({ eventId: null, duplicate: true });
            continue;
          }
          newIds.delete(key);
          results.push({ eventId, duplicate: false });
          jobs.push({
            task: PROCESS_EVENT_TASK,
            payload: { eventId },
            key: `event:${eventId}`,
            queueKey: queueKeyFor(event),
            eventId,
            caseId: event.caseId ?? null,
            caseNumber: event.caseNumber ?? null,
            incidentId: event.incidentId ?? null,
            incidentNumber: event.incidentNumber ?? null,
          });
        }
        await this.jobs.enqueueMany(jobs, trx);
      }
      if (also) await also(trx);
      return results;
    });
  }
}

/** Changes to one Case, or to one incident, are processed in arrival order. */
export function queueKeyFor(event: Pick<InboundEvent, 'caseId' | 'incidentId'>): string | null {
  if (event.caseId) return `case:${event.caseId}`;
  if (event.incidentId) return `incident:${event.incidentId}`;
  return null;
}
