import type { Knex } from 'knex';
import type { Db } from '../store/db';
import { GroupCommit } from '../store/groupCommit';
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

/**
 * The durable inbox. Events are stored with their processing jobs in one transaction, and a
 * caller hears back only after the commit, so intake acknowledges (webhook 2xx, CDC replayId
 * saved) only what is safe on disk. Duplicates (at-least-once delivery, replays) are recognised
 * by the unique (source, source_event_id) and dropped.
 *
 * `record` goes through the engine's group commit: concurrent webhook requests and pollers
 * share transactions, and a failing one is retried alone.
 */
export class Inbox {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly commits: GroupCommit = new GroupCommit(db),
  ) {}

  record(event: InboundEvent, also?: AlsoInTransaction): Promise<Recorded> {
    return this.commits.run(async (trx) => {
      const [recorded] = await this.#store(trx, [event]);
      if (also) await also(trx);
      return recorded!;
    });
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
    return results;
  }
}

/** Changes to one Case, or to one incident, are processed in arrival order. */
export function queueKeyFor(event: Pick<InboundEvent, 'caseId' | 'incidentId'>): string | null {
  if (event.caseId) return `case:${event.caseId}`;
  if (event.incidentId) return `incident:${event.incidentId}`;
  return null;
}
