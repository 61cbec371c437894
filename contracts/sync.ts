/**
 * Contracts of the sync endpoints: sync settings (automatic sync, frequency, start date, intake
 * mode), manual sync runs, and the Salesforce intake status. Pure (zod + types), like api.ts.
 */
import { z } from 'zod';
import { typeOnly, type EndpointGroup } from './endpoint';

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
  .strict();
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

export interface SyncRunView {
  id: string;
  mode: SyncRunMode;
  state: SyncRunState;
  /** Cases handed to the engine so far. */
  processed: number;
  /** Cases the run covers (from `SELECT COUNT()`); null until counted. */
  total: number | null;
  /** Of the processed Cases, how many were new to the inbox (the rest were already there). */
  recorded: number;
  /** 0–100, rounded down; 100 only when succeeded. */
  percent: number;
  cancelRequested: boolean;
  /** Incremental runs: Cases changed after this instant; full runs: the start date. */
  since: string | null;
  /** The last SystemModstamp covered: the next incremental run starts after it. */
  watermark: string | null;
  error: string | null;
  note: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface SyncRunsReply {
  runs: SyncRunView[];
}

// ── Salesforce intake status ─────────────────────────────────────────────────────────────────
export interface IntakeNotice {
  code: 'replay_gap' | 'subscription_failed' | 'auth_failure' | 'poll_failed' | 'not_configured';
  message: string;
  at: string;
}

export interface IntakeStatusReply {
  settings: SyncSettings;
  /** The instance holding the Salesforce intake lease, and until when. */
  leader: { holder: string; expiresAt: string; expired: boolean } | null;
  /** Is this instance the leader (answering the request)? */
  thisInstance: { id: string; leader: boolean; subscribed: boolean };
  lastCdcEventAt: string | null;
  lastCasePollAt: string | null;
  lastCommentPollAt: string | null;
  /** Recent problems worth showing on SUMMARY, newest first. */
  notices: IntakeNotice[];
}

/** The sync settings, manual sync and intake status endpoints. */
export const syncEndpoints = {
  getSyncSettings: { method: 'GET', path: '/api/sync/settings', access: 'admin', reply: typeOnly<SyncSettings>() },
  updateSyncSettings: { method: 'PUT', path: '/api/sync/settings', access: 'admin', body: updateSyncSettingsRequest, reply: typeOnly<SyncSettings>() },
  getSyncIntakeStatus: { method: 'GET', path: '/api/sync/intake', access: 'admin', reply: typeOnly<IntakeStatusReply>() },
  startSyncRun: { method: 'POST', path: '/api/sync/runs', access: 'admin', body: startSyncRunRequest, reply: typeOnly<SyncRunView>(), status: 202 },
  listSyncRuns: { method: 'GET', path: '/api/sync/runs', access: 'admin', reply: typeOnly<SyncRunsReply>() },
  getSyncRun: { method: 'GET', path: '/api/sync/runs/:id', access: 'admin', params: syncRunIdParam, reply: typeOnly<SyncRunView>() },
  cancelSyncRun: { method: 'POST', path: '/api/sync/runs/:id/cancel', access: 'admin', params: syncRunIdParam, reply: typeOnly<SyncRunView>(), status: 202 },
} as const satisfies EndpointGroup;
