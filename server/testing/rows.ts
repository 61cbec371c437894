import type { SyncJobState } from '../../contracts/syncLog';

/**
 * Rows of the sync tables as a test reads them straight from the database (`.first<EventRow>()`).
 * Ids are bigint columns: PostgreSQL answers them as strings, SQLite as numbers. Timestamps are
 * left out: their shape depends on the driver too.
 */
export interface EventRow {
  id: number | string;
  source: string;
  source_event_id: string;
  kind: string;
  case_id: string | null;
  case_number: string | null;
  incident_id: string | null;
  incident_number: string | null;
  /** The event as stored: JSON text, or a compressed blob on SQLite (read it with payloadCodec.ts). */
  payload: string | Buffer;
  status: 'received' | 'processed' | 'ignored' | 'failed';
  trace: string | null;
  note: string | null;
}

export interface JobRow {
  id: number | string;
  task: string;
  /** The job's input as JSON. */
  payload: string;
  job_key: string;
  queue_key: string | null;
  event_id: number | string | null;
  state: SyncJobState;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  /** When the holder claimed it or last renewed its lease (a Date, or milliseconds on SQLite). */
  locked_at: unknown;
  last_error: string | null;
  error_hint: string | null;
  /** What the job answered, as JSON. */
  result: string | null;
  case_id: string | null;
  case_number: string | null;
  incident_id: string | null;
  incident_number: string | null;
  duration_ms: number | null;
}
