import fs from 'node:fs';
import type { DestinationStream } from 'pino';
import { listen, type ListeningServer } from '../lib/listen';
import { createApp } from './app';
import { composeApp } from './compose';
import type { AppConfig } from './config';
import type { AppContext } from './context';
import { startDemo, type DemoEmulators } from './demo/demo';
import { registerDemoCanvasApp } from './demo/demoCanvasApp';
import { applyEnvConnections } from './store/envConnections';
import { createLogger } from './logger';
import { createSignInLink, ensureAdmin } from './security/adminAuth';
import { loadSecretKey, SecretBox } from './security/secrets';
import { ConnectionStore } from './store/connections';
import { trustInJsforce } from './vendors/salesforce/jsforceTrust';
import { openDatabase } from './store/db';

export interface RunningApp {
  url: string;
  port: number;
  /** One-time sign-in link for the admin (printed at start, as Jupyter prints its token URL). */
  signInUrl: string;
  ctx: AppContext;
  emulators?: DemoEmulators;
  close(): Promise<void>;
}

/**
 * Starts everything `npm start` starts: the store (migrated), the first admin, in demo mode the
 * two emulators with the app connected to them, then the HTTP server.
 */
export interface StartOptions {
  logDestination?: DestinationStream;
  /**
   * Demo mode: add the starter rulesets on the first start, the first two enabled, so the
   * README's round trip works at once. `npm start` does; the test harnesses start a bare demo,
   * where each test writes the rules it needs.
   */
  demoStarterRulesets?: boolean;
}

export async function startApp(config: AppConfig, options: StartOptions = {}): Promise<RunningApp> {
  const logger = createLogger(config.logLevel, options.logDestination);
  // A data directory has run before once its secret key file exists (an empty app.db is then a lost store).
  const ranBefore = 'file' in config.secretKey && fs.existsSync(config.secretKey.file);
  const db = await openDatabase(config.database, { ranBefore, log: (message) => logger.info(message) });
  const box = new SecretBox(loadSecretKey(config.secretKey));
  const connections = new ConnectionStore(db, box);
  const adminId = await ensureAdmin(db, config.admin);
  await applyEnvConnections(config, connections);
  const emulators = await startDemo(config, db, connections, logger, { starterRulesets: options.demoStarterRulesets ?? false });
  const ctx = composeApp({ config, db, box, connections, logger, demo: Boolean(emulators), demoCa: emulators?.tls?.ca });
  // jsforce reaches the emulated org through its own process-wide undici dispatcher (see trustInJsforce).
  const untrust = ctx.sessions.proxy.ca ? trustInJsforce(ctx.sessions.proxy.ca) : undefined;
  const { sync, salesforceIntake, manualSync, webhooks, reconciler, selfMonitor } = ctx;

  let server: ListeningServer;
  try {
    server = await listen(createApp(ctx), { port: config.port, host: config.host });
  } catch (error) {
    untrust?.();
    await emulators?.close();
    await db.destroy();
    throw error;
  }
  // A load balancer closes an idle connection after its own timeout (AWS ALB: 60 s by default).
  // Keeping ours longer means it is always the balancer that closes first, so it never sends a
  // request on a connection this server is closing at that moment (a 502 for the caller).
  server.server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  sync.start();
  salesforceIntake.start();
  const publicUrl = config.port === 0 ? server.url : config.publicUrl;
  webhooks.setPublicUrl(publicUrl);
  // The emulated org shows the Command Console on every Case (Canvas), at this app's URL.
  if (emulators) {
    await registerDemoCanvasApp(emulators.salesforce, connections, publicUrl).catch((error: unknown) =>
      logger.warn({ err: error }, 'demo mode: registering the Canvas app with the Salesforce emulator failed'),
    );
  }
  reconciler.start();
  selfMonitor.start();
  ctx.retention.start();
  // Subscriptions provisioned by an earlier version, or before the rules changed elsewhere, are
  // brought in line with what the rules need now (in the background: PagerDuty may be away).
  webhooks
    .followRules()
    .catch((error: unknown) => logger.warn({ err: error }, 'the webhook subscriptions could not follow the rules: Provision again on CONNECTIONS'));
  // The in-process PagerDuty emulator reaches this app, so demo mode is complete with webhooks.
  if (emulators) await webhooks.provision().catch((error: unknown) => logger.warn({ err: error }, 'demo mode: provisioning the PagerDuty webhook failed'));
  const signInUrl = `${publicUrl}/auth/sign-in?token=${await createSignInLink(db, adminId)}`;
  ctx.readiness.started();
  logger.info({ url: publicUrl, demo: ctx.demo, database: config.database.client }, 'app started');
  return {
    url: server.url,
    port: server.port,
    signInUrl,
    ctx,
    ...(emulators ? { emulators } : {}),
    async close() {
      // Out of rotation first: /readyz answers 503 at once, no new connection is accepted, idle
      // keep-alive connections close now and busy ones after their response.
      ctx.readiness.draining();
      const http = server.server;
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await selfMonitor.stop();
      await reconciler.stop();
      await ctx.retention.stop();
      await manualSync.stop();
      await salesforceIntake.stop();
      // Running jobs finish within the worker's grace period; the rest are handed back at once.
      await sync.stop();
      // Requests still being answered get a little longer; then the remaining connections (a
      // status dashboard's event stream never ends by itself) are closed.
      await Promise.race([httpClosed, new Promise((resolve) => setTimeout(resolve, HTTP_DRAIN_MS).unref())]);
      http.closeAllConnections();
      await httpClosed;
      await ctx.sessions.proxy.close();
      await emulators?.close();
      untrust?.();
      await db.destroy();
    },
  };
}

/** Above common load balancers' idle timeouts (AWS ALB 60 s, nginx upstream keepalive 60 s). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** How long a shutdown waits for requests still being answered once the worker is drained. */
const HTTP_DRAIN_MS = 5_000;
