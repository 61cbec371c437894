import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Library code takes this typed config, never
 * `process.env`. Every bad variable is reported at once, with what to do about it.
 */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : ['true', '1', 'yes'].includes(value)));
const proxyUrl = (name: string) =>
  optionalString.pipe(z.url({ protocol: /^https?$/, error: `${name} must be an http:// or https:// URL such as http://proxy.example.com:3128` }).optional());

export const envSchema = z.object({
  PORT: port(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Public base URL of the app (used in links and the webhook address); defaults to http://localhost:PORT. */
  PUBLIC_URL: optionalString.pipe(z.url({ error: 'PUBLIC_URL must be an absolute URL such as https://sync.example.com' }).optional()),
  DATA_DIR: z.string().default('./data'),
  /** postgres://… switches the store to PostgreSQL; otherwise SQLite at DATA_DIR/app.db. */
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^(postgres|postgresql):\/\//, 'DATABASE_URL must start with postgres:// (SQLite needs no variable)')
      .optional(),
  ),
  /** 32 bytes, base64 or hex, for AES-256-GCM of secrets at rest. Otherwise DATA_DIR/secret.key (mode 0600). */
  SECRET_KEY: optionalString,
  SECRET_KEY_FILE: optionalString,
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters').optional()),
  /** Force demo mode on or off; by default it is on when no real connection is configured. */
  DEMO: flag,
  /** Demo mode's emulators serve HTTPS with a certificate made at start (also `npm start -- --tls`). */
  DEMO_TLS: flag,
  SF_EMULATOR_PORT: port(4010),
  PD_EMULATOR_PORT: port(4020),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Jobs one instance runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** A job claimed by an instance that died is taken over by another after this many seconds. */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** Mark session cookies Secure (set when serving over HTTPS, directly or behind a proxy). */
  COOKIE_SECURE: flag,
  TRUST_PROXY: flag,
  /** Bearer token that GET /metrics requires when set (`Authorization: Bearer <token>`); others get 404. Unset: /metrics is open. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional()),
  /**
   * Development and tests: check every JSON reply against its contract's schema and answer 500,
   * saying what differs, when it does not match. Off in production (the check costs a parse per reply).
   */
  CHECK_REPLIES: flag,
  /**
   * Outbound forward proxy for every call to PagerDuty and Salesforce (REST, SOAP, OAuth, CDC), read
   * as undici and curl read them: the lower-case form wins; HTTPS_PROXY serves https:// targets
   * (falling back to HTTP_PROXY), HTTP_PROXY http:// ones; NO_PROXY lists hosts reached directly.
   */
  HTTPS_PROXY: proxyUrl('HTTPS_PROXY'),
  https_proxy: proxyUrl('https_proxy'),
  HTTP_PROXY: proxyUrl('HTTP_PROXY'),
  http_proxy: proxyUrl('http_proxy'),
  /** Comma-separated hosts (suffix match), `host:port`, or `*`; localhost is not exempt unless listed. */
  NO_PROXY: optionalString,
  no_proxy: optionalString,
  /** Minutes between two reconciliations of open linked incidents with PagerDuty (missed webhooks); 0 turns it off. */
  RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1_440).default(5),
  /** Seconds between two looks of the self-monitor for the connector's own problems (it pages through the Events API); 0 turns it off. */
  SELF_MONITOR_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  /**
   * Days finished sync history (inbox events, jobs, SYNC LOG rows) and what only it needed are
   * kept. At least 3: an inbox event is also what recognises a redelivery (Salesforce replays CDC
   * events for 72 hours, PagerDuty retries a webhook for about 48), so it must outlive both.
   */
  RETENTION_DAYS: z.coerce
    .number({ error: 'RETENTION_DAYS must be a whole number of days, such as 30' })
    .int({ error: 'RETENTION_DAYS must be a whole number of days, such as 30' })
    .min(3, 'RETENTION_DAYS must be at least 3 (Salesforce replays change events for 72 hours: the inbox must remember them that long)')
    .max(3_650, 'RETENTION_DAYS must be at most 3650 (ten years)')
    .default(30),

  // PagerDuty connection (optional; the CONNECTIONS tab can set it instead)
  PD_API_KEY: optionalString,
  PD_API_URL: optionalString.pipe(z.url({ error: 'PD_API_URL must be an absolute URL such as https://api.pagerduty.com' }).optional()),
  PD_FROM_EMAIL: optionalString.pipe(z.email({ error: 'PD_FROM_EMAIL must be an email address' }).optional()),

  // Salesforce connection (optional; the CONNECTIONS tab can set it instead)
  SF_AUTH_MODE: z.enum(['password', 'client_credentials', 'jwt', 'sfdx']).optional(),
  SF_LOGIN_URL: optionalString.pipe(z.url({ error: 'SF_LOGIN_URL must be an absolute URL such as https://login.salesforce.com' }).optional()),
  SF_USERNAME: optionalString,
  SF_PASSWORD: optionalString,
  SF_SECURITY_TOKEN: optionalString,
  SF_CLIENT_ID: optionalString,
  SF_CLIENT_SECRET: optionalString,
  SF_PRIVATE_KEY_FILE: optionalString,
  SF_ALIAS: optionalString,
});

export type Env = z.infer<typeof envSchema>;

/** The outbound proxy variables, both cases, as the schema reads them. */
export const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'] as const satisfies readonly (keyof Env)[];

/** The outbound forward proxy, from `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (vendors/outboundProxy.ts applies it). */
export interface ProxySettings {
  /** Proxy for `http://` targets (`HTTP_PROXY`). */
  httpProxy?: string | undefined;
  /** Proxy for `https://` targets (`HTTPS_PROXY`); without it they use `httpProxy`, as undici and curl do. */
  httpsProxy?: string | undefined;
  /**
   * Hosts reached directly (`NO_PROXY`): comma- or space-separated; `example.com` also covers its
   * subdomains, a leading `.` or `*.` is the same, `host:port` only that port, `*` every host.
   * No host is exempt by default, not even localhost.
   */
  noProxy?: string | undefined;
}

export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: { client: 'sqlite'; filename: string } | { client: 'pg'; connectionString: string };
  secretKey: { value: string } | { file: string };
  admin: { username: string; password?: string };
  demo: boolean | undefined;
  /** Demo mode serves its emulators over HTTPS (self-signed, trusted by this app only). */
  demoTls: boolean;
  emulatorPorts: { salesforce: number; pagerduty: number };
  logLevel: Env['LOG_LEVEL'];
  cookieSecure: boolean;
  trustProxy: boolean;
  /** CHECK_REPLIES: every JSON reply is checked against its contract (server/http/checkReplies.ts). */
  checkReplies: boolean;
  reconcileIntervalMinutes: number;
  /** Days finished sync history is kept (RETENTION_DAYS); server/store/retention.ts deletes what is older. */
  retentionDays: number;
  /** The outbound proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY); empty when none is set. */
  outboundProxy: ProxySettings;
  env: Env;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    dataDir,
    database: env.DATABASE_URL ? { client: 'pg', connectionString: env.DATABASE_URL } : { client: 'sqlite', filename: path.join(dataDir, 'app.db') },
    secretKey: env.SECRET_KEY ? { value: env.SECRET_KEY } : { file: env.SECRET_KEY_FILE ?? path.join(dataDir, 'secret.key') },
    admin: { username: env.ADMIN_USERNAME, ...(env.ADMIN_PASSWORD ? { password: env.ADMIN_PASSWORD } : {}) },
    demo: env.DEMO,
    demoTls: env.DEMO_TLS ?? false,
    emulatorPorts: { salesforce: env.SF_EMULATOR_PORT, pagerduty: env.PD_EMULATOR_PORT },
    logLevel: env.LOG_LEVEL,
    cookieSecure: env.COOKIE_SECURE ?? env.PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxy: env.TRUST_PROXY ?? false,
    checkReplies: env.CHECK_REPLIES ?? false,
    reconcileIntervalMinutes: env.RECONCILE_INTERVAL_MINUTES,
    retentionDays: env.RETENTION_DAYS,
    outboundProxy: {
      httpsProxy: env.https_proxy ?? env.HTTPS_PROXY,
      httpProxy: env.http_proxy ?? env.HTTP_PROXY,
      noProxy: env.no_proxy ?? env.NO_PROXY,
    },
    env,
  };
}
