import type { Db } from '../store/db';
import { SYNC_TABLES } from '../store/tables';
import type { SyncJobState } from '../../contracts/syncLog';

/**
 * Inbox events and jobs written straight into the tables, with chosen times and states, for
 * SYNC LOG and SUMMARY tests (the engine would need both vendors to produce them).
 */
export interface EventRowInput {
  source?: string;
  kind?: string;
  status?: 'received' | 'processed' | 'ignored' | 'failed';
  at: Date;
  caseId?: string | null;
  caseNumber?: string | null;
  incidentId?: string | null;
  incidentNumber?: string | null;
  note?: string | null;
  trace?: unknown;
  processedAt?: Date | null;
  /** The event as the source sent it (stored as JSON); `{}` when left out. */
  payload?: unknown;
}

export interface JobRowInput {
  task: string;
  state: SyncJobState;
  eventId?: number | null;
  at: Date;
  attempts?: number;
  maxAttempts?: number;
  lastError?: string | null;
  errorHint?: string | null;
  result?: unknown;
  durationMs?: number | null;
  caseId?: string | null;
  caseNumber?: string | null;
  incidentId?: string | null;
  incidentNumber?: string | null;
  finishedAt?: Date | null;
}

let sequence = 0;

/** What `RETURNING id` answers: a row on PostgreSQL and recent SQLite, a bare id on older drivers. */
type ReturnedId = { id: number | string } | number | string;

function idOf(returned: ReturnedId | undefined): number {
  if (returned === undefined) throw new Error('The insert returned no id');
  return Number(typeof returned === 'object' ? returned.id : returned);
}

export async function insertEvent(db: Db, input: EventRowInput): Promise<number> {
  const [row] = await db(SYNC_TABLES.events)
    .insert({
      source: input.source ?? 'salesforce',
      source_event_id: `test:${++sequence}:${Math.random()}`,
      kind: input.kind ?? 'case.create',
      case_id: input.caseId ?? null,
      case_number: input.caseNumber ?? null,
      incident_id: input.incidentId ?? null,
      incident_number: input.incidentNumber ?? null,
      payload: JSON.stringify(input.payload ?? {}),
      status: input.status ?? 'processed',
      trace: input.trace === undefined ? null : JSON.stringify(input.trace),
      note: input.note ?? null,
      occurred_at: input.at,
      received_at: input.at,
      processed_at: input.processedAt === undefined ? (input.status === 'received' ? null : input.at) : input.processedAt,
    })
    .returning<ReturnedId[]>('id');
  return idOf(row);
}

export async function insertJob(db: Db, input: JobRowInput): Promise<number> {
  const finished = input.state === 'done' || input.state === 'dead';
  const [row] = await db(SYNC_TABLES.jobs)
    .insert({
      task: input.task,
      payload: '{}',
      job_key: `test:${++sequence}:${Math.random()}`,
      event_id: input.eventId ?? null,
      state: input.state,
      attempts: input.attempts ?? (input.state === 'pending' ? 0 : 1),
      max_attempts: input.maxAttempts ?? 8,
      run_at: input.at,
      last_error: input.lastError ?? null,
      error_hint: input.errorHint ?? null,
      result: input.result === undefined ? null : JSON.stringify(input.result),
      duration_ms: input.durationMs ?? null,
      case_id: input.caseId ?? null,
      case_number: input.caseNumber ?? null,
      incident_id: input.incidentId ?? null,
      incident_number: input.incidentNumber ?? null,
      created_at: input.at,
      updated_at: input.finishedAt ?? input.at,
      finished_at: input.finishedAt === undefined ? (finished ? input.at : null) : input.finishedAt,
    })
    .returning<ReturnedId[]>('id');
  return idOf(row);
}
