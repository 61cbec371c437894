/**
 * Every admin endpoint's contract, declared once: method, path, request schema and reply type.
 * Imported by the server handlers, the web client and the tests. Pure (zod + types): no Node
 * imports, so the web bundle can use it.
 */
import { z } from 'zod';
import type { IntakeNotice } from './sync';

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

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
    apiUrl: z.url({ message: 'Enter the API base URL, e.g. https://api.pagerduty.com' }).max(500).optional(),
    apiKey: secretInput.min(1, 'Enter the REST API key').optional(),
    fromEmail: z.email({ message: 'Enter the email of an existing PagerDuty user' }).max(254).nullable().optional(),
  })
  .strict();
export type UpdatePagerDutyConnectionRequest = z.infer<typeof updatePagerDutyConnectionRequest>;

export const updateSalesforceConnectionRequest = z
  .object({
    authMode: z.enum(salesforceAuthModes).optional(),
    environment: z.enum(salesforceEnvironments).optional(),
    loginUrl: z.url({ message: 'Enter the login URL, e.g. https://mycompany.my.salesforce.com' }).max(500).optional(),
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
    actionsDone24h: number;
    /** Jobs waiting for an admin's retry (SYNC LOG). */
    deadJobs: number;
  } | null;
  /** Problems of the Salesforce intake in the last 24 h (a replay gap, a failing subscription), newest first. */
  intakeNotices: IntakeNotice[];
  demo: boolean;
  generatedAt: string;
}

/** Endpoint table: one entry per route, used by the web client and tests to build requests. */
export const endpoints = {
  getSession: { method: 'GET', path: '/api/session' },
  signIn: { method: 'POST', path: '/api/session' },
  signOut: { method: 'DELETE', path: '/api/session' },
  getConnections: { method: 'GET', path: '/api/connections' },
  updatePagerDutyConnection: { method: 'PUT', path: '/api/connections/pagerduty' },
  updateSalesforceConnection: { method: 'PUT', path: '/api/connections/salesforce' },
  testPagerDutyConnection: { method: 'POST', path: '/api/connections/pagerduty/test' },
  testPagerDutyUser: { method: 'POST', path: '/api/connections/pagerduty/test-user' },
  testSalesforceConnection: { method: 'POST', path: '/api/connections/salesforce/test' },
  getSummary: { method: 'GET', path: '/api/summary' },
} as const;
export * from './webhooks';
export * from './syncLog';
export * from './authoring';
export * from './sync';
