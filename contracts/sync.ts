/**
 * Contracts of the sync endpoints: sync settings (automatic sync, frequency, start date, intake
 * mode), manual sync runs, and the Salesforce intake status. Pure (zod + types), like api.ts.
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';

// ── Sync settings ────────────────────────────────────────────────────────────────────────────
export const intakeModes = ['cdc', 'poll'] as const;
export type IntakeMode = (typeof intakeModes)[number];

/** Seconds between two polls: a whole number from 10 to a day, refused in the admin's words. */
const pollSeconds = (example: number) =>
  z
    .number({ error: `Enter a number of seconds, e.g. ${example}` })
    .int('Enter a whole number of seconds')
    .min(10, 'Enter 10 seconds or more')
    .max(86_400, 'Enter 86,400 seconds (one day) or less');

/** Every message here is shown at its field on SYNC LOG, so each speaks the form's language. */
export const syncSettingsSchema = z
  .object({
    /** Off: no CDC subscription and no polling (manual sync still works). */
    automaticSync: z.boolean({ error: 'Choose On or Off' }),
    /** `cdc`: Change Data Capture (near real time); `poll`: SystemModstamp polling for orgs without CDC. */
    intakeMode: z.enum(intakeModes, { error: 'Choose Change Data Capture or Polling' }),
    /** Polling mode: seconds between two Case polls (each costs one API call). */
    pollIntervalSeconds: pollSeconds(60),
    /** Seconds between two CaseComment polls while comments sync to notes. */
    commentPollSeconds: pollSeconds(30),
    /** Cases changed before this instant are never synced (ISO date-time). */
    startDate: z.iso.datetime({ offset: true, error: 'Enter a date and time, e.g. 2026-01-01T00:00:00Z' }),
  })
  .strict()
  .meta({ id: 'SyncSettings' });
export type SyncSettings = z.infer<typeof syncSettingsSchema>;

/** PUT /api/sync/settings: any subset; the rest keeps its stored value. */
export const updateSyncSettingsRequest = syncSettingsSchema.partial().strict();
export type UpdateSyncSettingsRequest = z.infer<typeof updateSyncSettingsRequest>;

// ── Manual sync runs ─────────────────────────────────────────────────────────────────────────
export const syncRunModes = ['full', 'incremental'] as const;
export type SyncRunMode = (typeof syncRunModes)[number];
export const syncRunStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type SyncRunState = (typeof syncRunStates)[number];

export const startSyncRunRequest = z.object({ mode: z.enum(syncRunModes, { error: "Choose 'full' or 'incremental'" }) }).strict();
export type StartSyncRunRequest = z.infer<typeof startSyncRunRequest>;

export const syncRunIdParam = z.object({ id: z.uuid({ error: 'Not a sync run id' }) }).strict();

export const syncRunViewSchema = z
  .strictObject({
    id: z.string(),
    mode: z.enum(syncRunModes),
    state: z.enum(syncRunStates),
    /** Cases handed to the engine so far. */
    processed: z.number().int(),
    /** Cases the run covers (from `SELECT COUNT()`); null until counted. */
    total: z.number().int().nullable(),
    /** Of the processed Cases, how many were new to the inbox (the rest were already there). */
    recorded: z.number().int(),
    /** 0–100, rounded down; 100 only when succeeded. */
    percent: z.number().int().min(0).max(100),
    cancelRequested: z.boolean(),
    /** Incremental runs: Cases changed after this instant; full runs: the start date. */
    since: z.string().nullable(),
    /** The last SystemModstamp covered: the next incremental run starts after it. */
    watermark: z.string().nullable(),
    error: z.string().nullable(),
    note: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'SyncRunView' });
export type SyncRunView = z.infer<typeof syncRunViewSchema>;

export const syncRunsReplySchema = z.strictObject({ runs: z.array(syncRunViewSchema) }).meta({ id: 'SyncRunsReply' });
export type SyncRunsReply = z.infer<typeof syncRunsReplySchema>;

// ── Salesforce intake status ─────────────────────────────────────────────────────────────────
export const intakeNoticeSchema = z
  .strictObject({
    code: z.enum(['replay_gap', 'subscription_failed', 'auth_failure', 'poll_failed', 'not_configured']),
    message: z.string(),
    at: z.string(),
  })
  .meta({ id: 'IntakeNotice' });
export type IntakeNotice = z.infer<typeof intakeNoticeSchema>;

export const intakeStatusReplySchema = z
  .strictObject({
    settings: syncSettingsSchema,
    /** The instance holding the Salesforce intake lease, and until when. */
    leader: z.strictObject({ holder: z.string(), expiresAt: z.string(), expired: z.boolean() }).nullable(),
    /** Is this instance the leader (answering the request)? */
    thisInstance: z.strictObject({ id: z.string(), leader: z.boolean(), subscribed: z.boolean() }),
    lastCdcEventAt: z.string().nullable(),
    lastCasePollAt: z.string().nullable(),
    lastCommentPollAt: z.string().nullable(),
    /** Recent problems worth showing on SUMMARY, newest first. */
    notices: z.array(intakeNoticeSchema),
  })
  .meta({ id: 'IntakeStatusReply' });
export type IntakeStatusReply = z.infer<typeof intakeStatusReplySchema>;

/** The sync settings, manual sync and intake status endpoints. */
export const syncEndpoints = {
  getSyncSettings: { method: 'GET', path: '/api/sync/settings', access: 'admin', reply: syncSettingsSchema },
  updateSyncSettings: { method: 'PUT', path: '/api/sync/settings', access: 'admin', body: updateSyncSettingsRequest, reply: syncSettingsSchema },
  getSyncIntakeStatus: { method: 'GET', path: '/api/sync/intake', access: 'admin', reply: intakeStatusReplySchema },
  startSyncRun: { method: 'POST', path: '/api/sync/runs', access: 'admin', body: startSyncRunRequest, reply: syncRunViewSchema, status: 202 },
  listSyncRuns: { method: 'GET', path: '/api/sync/runs', access: 'admin', reply: syncRunsReplySchema },
  getSyncRun: { method: 'GET', path: '/api/sync/runs/:id', access: 'admin', params: syncRunIdParam, reply: syncRunViewSchema },
  cancelSyncRun: { method: 'POST', path: '/api/sync/runs/:id/cancel', access: 'admin', params: syncRunIdParam, reply: syncRunViewSchema, status: 202 },
} as const satisfies EndpointGroup;
