/**
 * SYNC LOG contracts: the log of inbound events with their processing and the actions they
 * caused, one event's trace, a manual retry, and the CSV export. Pure (zod + types) so the web
 * bundle can import it.
 */
import { z } from 'zod';
import { typeOnly, type EndpointGroup } from './endpoint';

/** Where an inbound event came from (mirrors server/pipeline/inbox.ts EventSource). */
export const syncLogSources = ['salesforce', 'pagerduty', 'manual_sync', 'reconcile', 'agent'] as const;
export type SyncLogSource = (typeof syncLogSources)[number];

/**
 * One status per log row, worst first: `dead` (a job gave up: retry it), `failed` (a job failed
 * and will be retried by itself), `pending` (not finished yet), `skipped` (the engine chose not
 * to carry out an action, e.g. the incident has no linked Case: the action says why),
 * `ignored` (an echo of our own change or nothing to do), `done` (processed and every action done).
 */
export const syncLogStatuses = ['dead', 'failed', 'pending', 'skipped', 'ignored', 'done'] as const;
export type SyncLogStatus = (typeof syncLogStatuses)[number];

export const SYNC_LOG_MAX_LIMIT = 200;
export const SYNC_LOG_DEFAULT_LIMIT = 50;

/** Query of GET /api/sync/log and GET /api/sync/log.csv. */
export const syncLogQuery = z
  .object({
    source: z.enum(syncLogSources, { error: `source is one of ${syncLogSources.join(', ')}` }).optional(),
    status: z.enum(syncLogStatuses, { error: `status is one of ${syncLogStatuses.join(', ')}` }).optional(),
    /** Exact event kind (case.create) or action task (create_incident). */
    kind: z.string().trim().min(1).max(60).optional(),
    /** Searches Case number, incident number, kind and error text (case-insensitive substring). */
    q: z.string().trim().max(200).optional(),
    /** The `nextBefore` cursor of the previous page. */
    before: z
      .string()
      .regex(/^\d{1,15}\.[ej]\.\d{1,15}$/, 'before is the nextBefore value of a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(SYNC_LOG_MAX_LIMIT).default(SYNC_LOG_DEFAULT_LIMIT),
  })
  .strict();
export type SyncLogQuery = z.input<typeof syncLogQuery>;
export type SyncLogFilters = z.output<typeof syncLogQuery>;

export const syncLogIdParams = z.object({ id: z.coerce.number().int().positive({ error: 'id is a positive number' }) }).strict();

export type SyncJobState = 'pending' | 'running' | 'done' | 'failed' | 'dead';

/** One job: the processing of an event, or an action. */
export interface SyncLogJob {
  id: number;
  task: string;
  state: SyncJobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  /** What the admin can do about the error. */
  errorHint: string | null;
  durationMs: number | null;
  createdAt: string;
  finishedAt: string | null;
  caseId: string | null;
  caseNumber: string | null;
  caseUrl: string | null;
  incidentId: string | null;
  incidentNumber: string | null;
  incidentUrl: string | null;
  /** What the action did (incident id, Case id…), as the task reported it. */
  result: unknown;
  /** Done without doing anything, because the engine skipped it: why (shown as Skipped). Null otherwise. */
  skippedReason: string | null;
  /** Dead or failed: POST /api/sync/jobs/:id/retry accepts it. */
  retryable: boolean;
}

/** A row of the log: an inbound event (with its processing folded in), or an action without an event. */
export interface SyncLogEntry {
  type: 'event' | 'job';
  /** Event id for `event` rows, job id for `job` rows. */
  id: number;
  at: string;
  source: SyncLogSource | null;
  /** Event kind (case.create, incident.acknowledged…) or, for `job` rows, the task. */
  kind: string;
  status: SyncLogStatus;
  /** The inbox status: received | processed | ignored | failed (null for `job` rows). */
  eventStatus: string | null;
  note: string | null;
  caseId: string | null;
  caseNumber: string | null;
  caseUrl: string | null;
  incidentId: string | null;
  incidentNumber: string | null;
  incidentUrl: string | null;
  /** "Ruleset › Rule" of every rule that matched. */
  matchedRules: string[];
  /** The `process_event` job (for `job` rows: the job itself). */
  processing: SyncLogJob | null;
  /** Action jobs the event caused, oldest first. */
  actions: SyncLogJob[];
}

/** One page of the log. */
export interface SyncLogPage {
  entries: SyncLogEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export interface SyncLogReply extends SyncLogPage {
  /** RETENTION_DAYS: finished rows older than this many days are deleted (dead and unfinished ones stay). */
  retentionDays: number;
}

export interface SyncTraceCondition {
  index: number;
  field: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  previous?: unknown;
  outcome: boolean;
  note?: string;
}

export interface SyncTraceRule {
  rulesetId: string;
  rulesetName: string;
  ruleId: string;
  ruleName: string;
  matched: boolean;
  skippedReason?: string;
  logic: string;
  conditions: SyncTraceCondition[];
}

export interface SyncLogEventReply {
  entry: SyncLogEntry;
  /** The rules' evaluation, per rule and condition; null when rules did not run (echo, no rules…). */
  trace: SyncTraceRule[] | null;
  occurredAt: string | null;
  processedAt: string | null;
}

export interface SyncJobRetryReply {
  job: SyncLogJob;
}

/** The SYNC LOG endpoints (the CSV export takes the log's query, without paging). */
export const syncLogEndpoints = {
  getSyncLog: { method: 'GET', path: '/api/sync/log', access: 'admin', query: syncLogQuery, reply: typeOnly<SyncLogReply>() },
  getSyncLogEvent: { method: 'GET', path: '/api/sync/log/events/:id', access: 'admin', params: syncLogIdParams, reply: typeOnly<SyncLogEventReply>() },
  retrySyncJob: { method: 'POST', path: '/api/sync/jobs/:id/retry', access: 'admin', params: syncLogIdParams, reply: typeOnly<SyncJobRetryReply>() },
  exportSyncLogCsv: { method: 'GET', path: '/api/sync/log.csv', access: 'admin', query: syncLogQuery, mediaType: 'text/csv' },
} as const satisfies EndpointGroup;
