/**
 * The session, CONNECTIONS and SUMMARY contracts and the error envelope; re-exports every other
 * feature's contracts (the route table that gathers them all is routes.ts). Imported by the server
 * handlers, the web client and the tests. Pure (zod + types): no Node imports, so the web bundle can use it.
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';
import { secretStateSchema } from './secretState';
import { selfAlertViewSchema } from './selfAlerts';
import { intakeNoticeSchema } from './sync';
import { parseCustomHeaders } from './customHeaders';

/** The error envelope every failure answers with; `code` is a stable literal (server/errors.ts lists them). */
export const apiErrorBodySchema = z
  .strictObject({ error: z.strictObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'ApiError' });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

// ── Session ──────────────────────────────────────────────────────────────────────────────────
export const signInRequest = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }).strict();
export type SignInRequest = z.infer<typeof signInRequest>;
export const sessionReplySchema = z
  .strictObject({
    authenticated: z.boolean(),
    username: z.string().optional(),
    /** Send back in `X-CSRF-Token` on every state-changing request. */
    csrfToken: z.string().optional(),
    demo: z.boolean(),
  })
  .meta({ id: 'SessionReply' });
export type SessionReply = z.infer<typeof sessionReplySchema>;

// ── Connections ──────────────────────────────────────────────────────────────────────────────
export { secretStateSchema, type SecretState } from './secretState';

export const salesforceAuthModes = ['password', 'client_credentials', 'jwt', 'sfdx'] as const;
export type SalesforceAuthMode = (typeof salesforceAuthModes)[number];
export const salesforceEnvironments = ['production', 'sandbox', 'custom'] as const;
export type SalesforceEnvironment = (typeof salesforceEnvironments)[number];

export const pagerDutyConnectionViewSchema = z
  .strictObject({
    configured: z.boolean(),
    apiUrl: z.string(),
    fromEmail: z.string().nullable(),
    apiKey: secretStateSchema,
    /** Sent on every PagerDuty REST call; values are write-only, shown masked like the key. */
    customHeaders: z.array(z.strictObject({ name: z.string(), value: secretStateSchema })),
    /** Set when the API URL is http:// to a host other than this machine: the key travels unencrypted. Shown on the card. */
    apiUrlWarning: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'PagerDutyConnectionView' });
export type PagerDutyConnectionView = z.infer<typeof pagerDutyConnectionViewSchema>;

export const salesforceConnectionViewSchema = z
  .strictObject({
    configured: z.boolean(),
    authMode: z.enum(salesforceAuthModes),
    environment: z.enum(salesforceEnvironments),
    /** The login host used: production, sandbox, or a My Domain / custom URL. */
    loginUrl: z.string(),
    username: z.string().nullable(),
    clientId: z.string().nullable(),
    alias: z.string().nullable(),
    apiVersion: z.string(),
    password: secretStateSchema,
    securityToken: secretStateSchema,
    clientSecret: secretStateSchema,
    privateKey: secretStateSchema,
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'SalesforceConnectionView' });
export type SalesforceConnectionView = z.infer<typeof salesforceConnectionViewSchema>;

export const connectionsReplySchema = z
  .strictObject({ pagerduty: pagerDutyConnectionViewSchema, salesforce: salesforceConnectionViewSchema })
  .meta({ id: 'ConnectionsReply' });
export type ConnectionsReply = z.infer<typeof connectionsReplySchema>;

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
const connectionTestFields = {
  ok: z.boolean(),
  /** One plain sentence: "Connection OK" or what is wrong. */
  message: z.string(),
  /** On failure: what to fix. */
  hint: z.string().optional(),
  /** A stable reason code for the failure, e.g. `invalid_key`, `invalid_login`, `unreachable`. */
  reason: z.string().optional(),
  checkedAt: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
};
export const connectionTestResultSchema = z.strictObject(connectionTestFields).meta({ id: 'ConnectionTestResult' });
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

/**
 * The reply of a connection Save: the settings as saved and, at once, the Test button's check of
 * them. A save never fails because the settings do not work; `test` says that they do not, and why.
 */
export const savedPagerDutyConnectionSchema = z
  .strictObject({ ...pagerDutyConnectionViewSchema.shape, test: connectionTestResultSchema })
  .meta({ id: 'SavedPagerDutyConnection' });
export type SavedPagerDutyConnection = z.infer<typeof savedPagerDutyConnectionSchema>;
export const savedSalesforceConnectionSchema = z
  .strictObject({ ...salesforceConnectionViewSchema.shape, test: connectionTestResultSchema })
  .meta({ id: 'SavedSalesforceConnection' });
export type SavedSalesforceConnection = z.infer<typeof savedSalesforceConnectionSchema>;

// ── Summary ──────────────────────────────────────────────────────────────────────────────────
export const connectionHealthSchema = z.strictObject({ ...connectionTestFields, configured: z.boolean() }).meta({ id: 'ConnectionHealth' });
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;

const count = z.number().int().min(0);

export const summaryReplySchema = z
  .strictObject({
    pagerduty: connectionHealthSchema,
    salesforce: connectionHealthSchema,
    integrationUser: connectionHealthSchema,
    webhook: z.strictObject({ state: z.enum(['not_provisioned', 'enabled', 'disabled', 'unknown']), message: z.string() }),
    rulesets: z.strictObject({ enabled: count, total: count }),
    budgets: z.strictObject({
      salesforce: z.strictObject({ used: z.number(), limit: z.number() }).nullable(),
      pagerduty: z.strictObject({ remaining: z.number(), limit: z.number() }).nullable(),
    }),
    sync: z
      .strictObject({
        lastInboundAt: z.string().nullable(),
        lastActionAt: z.string().nullable(),
        /** Jobs failed in the last 24 h that have not succeeded since. */
        failures24h: count,
        /** Inbound events handled in the last 24 h. */
        processed24h: count,
        /** Actions carried out in the last 24 h. */
        actionsDone24h: count,
        /** Actions the engine chose not to carry out in the last 24 h; SYNC LOG says why. */
        actionsSkipped24h: count,
        /** Jobs waiting for an admin's retry (SYNC LOG). */
        deadJobs: count,
      })
      .nullable(),
    /** Problems of the Salesforce intake in the last 24 h (a replay gap, a failing subscription), newest first. */
    intakeNotices: z.array(intakeNoticeSchema),
    /** The connector's problems it raised an alert about (Events API v2), oldest first; empty when all is well. */
    selfAlerts: z.array(selfAlertViewSchema),
    /** Whether a routing key is set on CONNECTIONS (else problems are shown here only). */
    selfAlertsConfigured: z.boolean(),
    demo: z.boolean(),
    generatedAt: z.string(),
  })
  .meta({ id: 'SummaryReply' });
export type SummaryReply = z.infer<typeof summaryReplySchema>;

/** The session, CONNECTIONS and SUMMARY endpoints; routes.ts gathers every group into the route table. */
export const endpoints = {
  getSession: { method: 'GET', path: '/api/session', access: 'public', reply: sessionReplySchema },
  signIn: { method: 'POST', path: '/api/session', access: 'public', body: signInRequest, reply: sessionReplySchema },
  signOut: { method: 'DELETE', path: '/api/session', access: 'admin', status: 204 },
  getConnections: { method: 'GET', path: '/api/connections', access: 'admin', reply: connectionsReplySchema },
  updatePagerDutyConnection: {
    method: 'PUT',
    path: '/api/connections/pagerduty',
    access: 'admin',
    body: updatePagerDutyConnectionRequest,
    reply: savedPagerDutyConnectionSchema,
  },
  updateSalesforceConnection: {
    method: 'PUT',
    path: '/api/connections/salesforce',
    access: 'admin',
    body: updateSalesforceConnectionRequest,
    reply: savedSalesforceConnectionSchema,
  },
  testPagerDutyConnection: { method: 'POST', path: '/api/connections/pagerduty/test', access: 'admin', reply: connectionTestResultSchema },
  testPagerDutyUser: { method: 'POST', path: '/api/connections/pagerduty/test-user', access: 'admin', reply: connectionTestResultSchema },
  testSalesforceConnection: { method: 'POST', path: '/api/connections/salesforce/test', access: 'admin', reply: connectionTestResultSchema },
  getSummary: { method: 'GET', path: '/api/summary', access: 'admin', reply: summaryReplySchema },
} as const satisfies EndpointGroup;
export * from './webhooks';
export * from './syncLog';
export * from './authoring';
export * from './sync';
export * from './endpoint';
export * from './customHeaders';
