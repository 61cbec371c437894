/**
 * SYNC LOG contracts: the log of inbound events with their processing and the actions they
 * caused, one event's trace, a manual retry, and the CSV export. Pure (zod + types) so the web
 * bundle can import it.
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';

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

export const syncJobStates = ['pending', 'running', 'done', 'failed', 'dead'] as const;
export type SyncJobState = (typeof syncJobStates)[number];

/** The Case and the incident a row of the log is about, each with a link (null where there is none). */
const caseAndIncidentShape = {
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  caseUrl: z.string().nullable(),
  incidentId: z.string().nullable(),
  incidentNumber: z.string().nullable(),
  incidentUrl: z.string().nullable(),
};

/** One job: the processing of an event, or an action. */
export const syncLogJobSchema = z
  .strictObject({
    id: z.number().int(),
    task: z.string(),
    state: z.enum(syncJobStates),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    lastError: z.string().nullable(),
    /** What the admin can do about the error. */
    errorHint: z.string().nullable(),
    durationMs: z.number().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    ...caseAndIncidentShape,
    /** What the action did (incident id, Case id…), as the task reported it. */
    result: z.unknown(),
    /** Done without doing anything, because the engine skipped it: why (shown as Skipped). Null otherwise. */
    skippedReason: z.string().nullable(),
    /** Dead or failed: POST /api/sync/jobs/:id/retry accepts it. */
    retryable: z.boolean(),
  })
  .meta({ id: 'SyncLogJob' });
export type SyncLogJob = z.infer<typeof syncLogJobSchema>;

/** A row of the log: an inbound event (with its processing folded in), or an action without an event. */
export const syncLogEntrySchema = z
  .strictObject({
    type: z.enum(['event', 'job']),
    /** Event id for `event` rows, job id for `job` rows. */
    id: z.number().int(),
    at: z.string(),
    source: z.enum(syncLogSources).nullable(),
    /** Event kind (case.create, incident.acknowledged…) or, for `job` rows, the task. */
    kind: z.string(),
    status: z.enum(syncLogStatuses),
    /** The inbox status: received | processed | ignored | failed (null for `job` rows). */
    eventStatus: z.string().nullable(),
    note: z.string().nullable(),
    ...caseAndIncidentShape,
    /** "Ruleset › Rule" of every rule that matched. */
    matchedRules: z.array(z.string()),
    /** The `process_event` job (for `job` rows: the job itself). */
    processing: syncLogJobSchema.nullable(),
    /** Action jobs the event caused, oldest first. */
    actions: z.array(syncLogJobSchema),
  })
  .meta({ id: 'SyncLogEntry' });
export type SyncLogEntry = z.infer<typeof syncLogEntrySchema>;

/** One page of the log. */
const syncLogPageShape = {
  entries: z.array(syncLogEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
};
export const syncLogPageSchema = z.strictObject(syncLogPageShape).meta({ id: 'SyncLogPage' });
export type SyncLogPage = z.infer<typeof syncLogPageSchema>;

export const syncLogReplySchema = z
  .strictObject({
    ...syncLogPageShape,
    /** RETENTION_DAYS: finished rows older than this many days are deleted (dead and unfinished ones stay). */
    retentionDays: z.number(),
  })
  .meta({ id: 'SyncLogReply' });
export type SyncLogReply = z.infer<typeof syncLogReplySchema>;

export const syncTraceConditionSchema = z
  .strictObject({
    index: z.number().int(),
    field: z.string(),
    operator: z.string(),
    expected: z.unknown(),
    actual: z.unknown(),
    previous: z.unknown().optional(),
    outcome: z.boolean(),
    note: z.string().optional(),
  })
  .meta({ id: 'SyncTraceCondition' });
export type SyncTraceCondition = z.infer<typeof syncTraceConditionSchema>;

export const syncTraceRuleSchema = z
  .strictObject({
    rulesetId: z.string(),
    rulesetName: z.string(),
    ruleId: z.string(),
    ruleName: z.string(),
    matched: z.boolean(),
    skippedReason: z.string().optional(),
    logic: z.string(),
    conditions: z.array(syncTraceConditionSchema),
  })
  .meta({ id: 'SyncTraceRule' });
export type SyncTraceRule = z.infer<typeof syncTraceRuleSchema>;

export const syncLogEventReplySchema = z
  .strictObject({
    entry: syncLogEntrySchema,
    /** The rules' evaluation, per rule and condition; null when rules did not run (echo, no rules…). */
    trace: z.array(syncTraceRuleSchema).nullable(),
    occurredAt: z.string().nullable(),
    processedAt: z.string().nullable(),
  })
  .meta({ id: 'SyncLogEventReply' });
export type SyncLogEventReply = z.infer<typeof syncLogEventReplySchema>;

export const syncJobRetryReplySchema = z.strictObject({ job: syncLogJobSchema }).meta({ id: 'SyncJobRetryReply' });
export type SyncJobRetryReply = z.infer<typeof syncJobRetryReplySchema>;

/** The SYNC LOG endpoints (the CSV export takes the log's query, without paging). */
export const syncLogEndpoints = {
  getSyncLog: { method: 'GET', path: '/api/sync/log', access: 'admin', query: syncLogQuery, reply: syncLogReplySchema },
  getSyncLogEvent: { method: 'GET', path: '/api/sync/log/events/:id', access: 'admin', params: syncLogIdParams, reply: syncLogEventReplySchema },
  retrySyncJob: { method: 'POST', path: '/api/sync/jobs/:id/retry', access: 'admin', params: syncLogIdParams, reply: syncJobRetryReplySchema },
  exportSyncLogCsv: { method: 'GET', path: '/api/sync/log.csv', access: 'admin', query: syncLogQuery, mediaType: 'text/csv' },
} as const satisfies EndpointGroup;
