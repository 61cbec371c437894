/**
 * The session, CONNECTIONS and SUMMARY contracts and the error envelope; re-exports every other
 * feature's contracts (the route table that gathers them all is routes.ts). Imported by the server
 * handlers, the web client and the tests. Pure (zod + types): no Node imports, so the web bundle can use it.
 */
import { z } from 'zod';
import { typeOnly, type EndpointGroup } from './endpoint';
import type { SelfAlertView } from './selfAlerts';
import type { IntakeNotice } from './sync';
import { parseCustomHeaders } from './customHeaders';

/** The error envelope every failure answers with; `code` is a stable literal (server/errors.ts lists them). */
export const apiErrorBodySchema = z
  .strictObject({ error: z.strictObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'ApiError' });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

// ── Session ──────────────────────────────────────────────────────────────────────────────────
export const signInRequest = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }).strict();
export type SignInRequest = z.infer<typeof signInRequest>;
export interface SessionReply {
  authenticated: boolean;
  username?: string;
  /** Send back in `X-CSRF-Token` on every state-changing request. */
  csrfToken?: string;
  demo: boolean;
}

// ── Connections ──────────────────────────────────────────────────────────────────────────────
export interface SecretState {
  set: boolean;
  /** For a long secret, an ellipsis and its last four characters (`…abcd`); never more. */
  hint?: string;
}

export const salesforceAuthModes = ['password', 'client_credentials', 'jwt', 'sfdx'] as const;
export type SalesforceAuthMode = (typeof salesforceAuthModes)[number];
export const salesforceEnvironments = ['production', 'sandbox', 'custom'] as const;
export type SalesforceEnvironment = (typeof salesforceEnvironments)[number];

export interface PagerDutyConnectionView {
  configured: boolean;
  apiUrl: string;
  fromEmail: string | null;
  apiKey: SecretState;
  /** Sent on every PagerDuty REST call; values are write-only, shown masked like the key. */
  customHeaders: { name: string; value: SecretState }[];
  /** Set when the API URL is http:// to a host other than this machine: the key travels unencrypted. Shown on the card. */
  apiUrlWarning: string | null;
  updatedAt: string | null;
}

export interface SalesforceConnectionView {
  configured: boolean;
  authMode: SalesforceAuthMode;
  environment: SalesforceEnvironment;
  /** The login host used: production, sandbox, or a My Domain / custom URL. */
  loginUrl: string;
  username: string | null;
  clientId: string | null;
  alias: string | null;
  apiVersion: string;
  password: SecretState;
  securityToken: SecretState;
  clientSecret: SecretState;
  privateKey: SecretState;
  updatedAt: string | null;
}

export interface ConnectionsReply {
  pagerduty: PagerDutyConnectionView;
  salesforce: SalesforceConnectionView;
}

const secretInput = z.string().max(20_000);
const trimmed = (max: number) => z.string().trim().max(max);

export const updatePagerDutyConnectionRequest = z
  .object({
    apiUrl: z.url({ error: 'Enter the API base URL, e.g. https://api.pagerduty.com' }).max(500).optional(),
    apiKey: secretInput.min(1, 'Enter the REST API key').optional(),
    fromEmail: z.email({ error: 'Enter the email of an existing PagerDuty user' }).max(254).nullable().optional(),
    /** One `Name: value` per line; replaces every saved header ("" removes them all); absent keeps them. */
    customHeaders: z
      .string()
      .max(100_000)
      .superRefine((text, context) => {
        const parsed = parseCustomHeaders(text);
        if (!parsed.ok) for (const problem of parsed.problems) context.addIssue({ code: 'custom', message: problem.message });
      })
      .optional(),
  })
  .strict();
export type UpdatePagerDutyConnectionRequest = z.infer<typeof updatePagerDutyConnectionRequest>;

export const updateSalesforceConnectionRequest = z
  .object({
    authMode: z.enum(salesforceAuthModes).optional(),
    environment: z.enum(salesforceEnvironments).optional(),
    loginUrl: z.url({ error: 'Enter the login URL, e.g. https://mycompany.my.salesforce.com' }).max(500).optional(),
    username: trimmed(254).nullable().optional(),
    clientId: trimmed(500).nullable().optional(),
    alias: trimmed(200).nullable().optional(),
    apiVersion: z
      .string()
      .regex(/^\d{2}\.0$/, 'API version looks like 62.0')
      .optional(),
    password: secretInput.optional(),
    securityToken: secretInput.optional(),
    clientSecret: secretInput.optional(),
    privateKey: secretInput.optional(),
  })
  .strict();
export type UpdateSalesforceConnectionRequest = z.infer<typeof updateSalesforceConnectionRequest>;

/** The text fields each auth mode cannot do without: sending one empty (`null` or "") is refused on that field. */
export const salesforceRequiredText = {
  password: ['username'],
  client_credentials: ['clientId'],
  jwt: ['clientId', 'username'],
  sfdx: ['alias'],
} as const satisfies Record<SalesforceAuthMode, readonly ('username' | 'clientId' | 'alias')[]>;
export const salesforceRequiredTextMessages = {
  username: 'Enter the username, e.g. integration@acme.com',
  clientId: 'Enter the consumer key of the connected app',
  alias: 'Enter the org alias or username the sf CLI knows',
} as const;

/** The result of a Test button. */
export interface ConnectionTestResult {
  ok: boolean;
  /** One plain sentence: "Connection OK" or what is wrong. */
  message: string;
  /** On failure: what to fix. */
  hint?: string;
  /** A stable reason code for the failure, e.g. `invalid_key`, `invalid_login`, `unreachable`. */
  reason?: string;
  checkedAt: string;
  details?: Record<string, unknown>;
}

/**
 * The reply of a connection Save: the settings as saved and, at once, the Test button's check of
 * them. A save never fails because the settings do not work; `test` says that they do not, and why.
 */
export interface SavedPagerDutyConnection extends PagerDutyConnectionView {
  test: ConnectionTestResult;
}
export interface SavedSalesforceConnection extends SalesforceConnectionView {
  test: ConnectionTestResult;
}

// ── Summary ──────────────────────────────────────────────────────────────────────────────────
export interface ConnectionHealth extends ConnectionTestResult {
  configured: boolean;
}

export interface SummaryReply {
  pagerduty: ConnectionHealth;
  salesforce: ConnectionHealth;
  integrationUser: ConnectionHealth;
  webhook: { state: 'not_provisioned' | 'enabled' | 'disabled' | 'unknown'; message: string };
  rulesets: { enabled: number; total: number };
  budgets: {
    salesforce: { used: number; limit: number } | null;
    pagerduty: { remaining: number; limit: number } | null;
  };
  sync: {
    lastInboundAt: string | null;
    lastActionAt: string | null;
    /** Jobs failed in the last 24 h that have not succeeded since. */
    failures24h: number;
    /** Inbound events handled in the last 24 h. */
    processed24h: number;
    /** Actions carried out in the last 24 h. */
    actionsDone24h: number;
    /** Actions the engine chose not to carry out in the last 24 h; SYNC LOG says why. */
    actionsSkipped24h: number;
    /** Jobs waiting for an admin's retry (SYNC LOG). */
    deadJobs: number;
  } | null;
  /** Problems of the Salesforce intake in the last 24 h (a replay gap, a failing subscription), newest first. */
  intakeNotices: IntakeNotice[];
  /** The connector's problems it raised an alert about (Events API v2), oldest first; empty when all is well. */
  selfAlerts: SelfAlertView[];
  /** Whether a routing key is set on CONNECTIONS (else problems are shown here only). */
  selfAlertsConfigured: boolean;
  demo: boolean;
  generatedAt: string;
}

/** The session, CONNECTIONS and SUMMARY endpoints; routes.ts gathers every group into the route table. */
export const endpoints = {
  getSession: { method: 'GET', path: '/api/session', access: 'public', reply: typeOnly<SessionReply>() },
  signIn: { method: 'POST', path: '/api/session', access: 'public', body: signInRequest, reply: typeOnly<SessionReply>() },
  signOut: { method: 'DELETE', path: '/api/session', access: 'admin', status: 204 },
  getConnections: { method: 'GET', path: '/api/connections', access: 'admin', reply: typeOnly<ConnectionsReply>() },
  updatePagerDutyConnection: {
    method: 'PUT',
    path: '/api/connections/pagerduty',
    access: 'admin',
    body: updatePagerDutyConnectionRequest,
    reply: typeOnly<SavedPagerDutyConnection>(),
  },
  updateSalesforceConnection: {
    method: 'PUT',
    path: '/api/connections/salesforce',
    access: 'admin',
    body: updateSalesforceConnectionRequest,
    reply: typeOnly<SavedSalesforceConnection>(),
  },
  testPagerDutyConnection: { method: 'POST', path: '/api/connections/pagerduty/test', access: 'admin', reply: typeOnly<ConnectionTestResult>() },
  testPagerDutyUser: { method: 'POST', path: '/api/connections/pagerduty/test-user', access: 'admin', reply: typeOnly<ConnectionTestResult>() },
  testSalesforceConnection: { method: 'POST', path: '/api/connections/salesforce/test', access: 'admin', reply: typeOnly<ConnectionTestResult>() },
  getSummary: { method: 'GET', path: '/api/summary', access: 'admin', reply: typeOnly<SummaryReply>() },
} as const satisfies EndpointGroup;
export * from './webhooks';
export * from './syncLog';
export * from './authoring';
export * from './sync';
export * from './endpoint';
export * from './customHeaders';
