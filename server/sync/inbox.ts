import type { Db } from '../store/db';
import { SYNC_TABLES } from '../store/tables';
import { JobQueue } from './jobQueue';

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

export const PROCESS_EVENT_TASK = 'process_event';

/**
 * The durable inbox. `record` stores the event and its processing job in one transaction and
 * only then returns, so intake acknowledges (webhook 2xx, CDC replayId saved) only what is safe
 * on disk. Duplicates (at-least-once delivery, replays) are recognised by the unique
 * (source, source_event_id) and dropped.
 */
export class Inbox {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
  ) {}

  async record(event: InboundEvent): Promise<{ eventId: number | null; duplicate: boolean }> {
    return this.db.transaction(async (trx) => {
      const now = new Date();
      const inserted = await trx(SYNC_TABLES.events)
        .insert({
          source: event.source,
          source_event_id: event.sourceEventId.slice(0, 200),
          kind: event.kind,
          case_id: event.caseId ?? null,
          case_number: event.caseNumber ?? null,
          incident_id: event.incidentId ?? null,
          incident_number: event.incidentNumber ?? null,
          payload: JSON.stringify(event.payload),
          status: 'received',
          occurred_at: event.occurredAt ?? null,
          received_at: now,
        })
        .onConflict(['source', 'source_event_id'])
        .ignore()
        .returning('id');
      const row = inserted[0] as { id: number | string } | number | undefined;
      if (row === undefined) return { eventId: null, duplicate: true };
      const eventId = Number(typeof row === 'object' ? row.id : row);
      await this.jobs.enqueue(
        {
          task: PROCESS_EVENT_TASK,
          payload: { eventId },
          key: `event:${eventId}`,
          queueKey: queueKeyFor(event),
          eventId,
          caseId: event.caseId ?? null,
          caseNumber: event.caseNumber ?? null,
          incidentId: event.incidentId ?? null,
          incidentNumber: event.incidentNumber ?? null,
        },
        trx,
      );
      return { eventId, duplicate: false };
    });
  }
}

/** Changes to one Case, or to one incident, are processed in arrival order. */
export function queueKeyFor(event: Pick<InboundEvent, 'caseId' | 'incidentId'>): string | null {
  if (event.caseId) return `case:${event.caseId}`;
  if (event.incidentId) return `incident:${event.incidentId}`;
  return null;
}
