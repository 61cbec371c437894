import { Clock } from '../shared/clock';
import { FaultInjector } from '../shared/faults';
import { RequestLog } from '../shared/requestLog';
import { listen } from '../../lib/listen';
import type { LocalCertificate } from '../../lib/localTls';
import { createSalesforceApp } from './app';
import { AuthRegistry } from './auth/authRegistry';
import { SANDBOX_LOGIN_PREFIX } from './auth/loginHosts';
import { createCdcBroker, type CdcBroker } from './cdc';
import type { EmulatorContext } from './context';
import { ORG_ID } from './ids';
import { ApiUsage } from './rest/apiUsage';
import { QueryLocators } from './rest/queryLocators';
import { supportedApiVersions } from './rest/versions';
import { applySeed, type SeedInfo, type SeedName } from './seed/applySeed';
import { OrgStore } from './store';
import { CanvasApps, type CanvasApp } from './canvas/canvasApps';

export interface SalesforceEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `demo`. */
  seed?: SeedName;
  /** The org's daily API allocation; default 100,000. */
  dailyApiRequests?: number;
  /** How long change events stay replayable; default 3 days, as Salesforce keeps them. */
  cdcRetentionMs?: number;
  /** Emulate a sandbox (login at `{url}/sandbox`, usernames ending in `.uat`); default production. */
  sandbox?: boolean;
  /** Largest accepted request body; default 6mb. */
  bodyLimit?: string;
  /** Connected apps with Canvas enabled, registered at start (more through `POST /__emulator/canvas-apps`). */
  canvasApps?: CanvasApp[];
  /** Serve HTTPS (REST, OAuth, CometD, console) with this certificate (lib/localTls.ts); plain HTTP without. */
  tls?: LocalCertificate;
}

export interface SalesforceEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4010` (`https://` with `tls`): the instance URL and the production login URL. */
  url: string;
  port: number;
  /** The sandbox login URL (`{url}/sandbox`). */
  sandboxLoginUrl: string;
  /** The login URL matching the org's kind (production or sandbox). */
  loginUrl: string;
  store: OrgStore;
  context: EmulatorContext;
  cdc: CdcBroker;
  seedInfo(): SeedInfo;
  reset(seed?: SeedName): SeedInfo;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts a Salesforce org emulator: REST, auth, CometD CDC, control API and console on one port. */
export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const dailyApiRequests = options.dailyApiRequests ?? 100_000;
  const clock = new Clock();
  const store = new OrgStore(clock);
  const apiVersions = supportedApiVersions();
  const ctx: EmulatorContext = {
    org: { id: ORG_ID, name: 'Acme Support (emulated)', sandbox: options.sandbox ?? false, instanceName: 'EMU1' },
    store,
    auth: new AuthRegistry(clock),
    clock,
    faults: new FaultInjector(),
    requestLog: new RequestLog(),
    apiUsage: new ApiUsage(clock, dailyApiRequests),
    apiVersions,
    canvasApps: new CanvasApps(),
  };
  for (const canvasApp of options.canvasApps ?? []) ctx.canvasApps.register(canvasApp);
  const locators = new QueryLocators(clock);
  const cdc = createCdcBroker({
    clock,
    retentionMs: options.cdcRetentionMs ?? 3 * DAY_MS,
    authenticate(accessToken) {
      const session = ctx.auth.authenticate(accessToken);
      const user = session ? ctx.auth.user(session.userId) : undefined;
      return session && user && !user.frozen && user.apiEnabled && !session.restricted ? { userId: session.userId } : undefined;
    },
    entityExists: (entityName) => store.sobject(entityName) !== undefined,
  });
  store.onChange((change) => cdc.publish(change));

  let seedInfo = applySeed(ctx, options.seed ?? 'demo');
  const reset = (seed: SeedName = seedInfo.seed): SeedInfo => {
    seedInfo = applySeed(ctx, seed);
    locators.reset();
    cdc.reset();
    ctx.faults.clear();
    ctx.requestLog.reset();
    ctx.apiUsage.reset(dailyApiRequests);
    ctx.clock.setOffset(0);
    return seedInfo;
  };
  const hooks = {
    reset,
    seedInfo: () => seedInfo,
    streamingSubscribers: () => cdc.subscribers(),
    resetStreamingPeaks: () => cdc.resetSubscriberPeaks(),
  };
  const app = createSalesforceApp(ctx, locators, hooks, { bodyLimit: options.bodyLimit ?? '6mb' });
  const listening = await listen(app, { port: options.port ?? 0, host: options.host ?? '127.0.0.1', ...(options.tls ? { tls: options.tls } : {}) });
  cdc.attach(listening.server);
  return {
    url: listening.url,
    port: listening.port,
    sandboxLoginUrl: `${listening.url}${SANDBOX_LOGIN_PREFIX}`,
    loginUrl: ctx.org.sandbox ? `${listening.url}${SANDBOX_LOGIN_PREFIX}` : listening.url,
    store,
    context: ctx,
    cdc,
    seedInfo: () => seedInfo,
    reset,
    async close() {
      await cdc.close();
      await listening.close();
    },
  };
}

export type { SeedInfo, SeedName } from './seed/applySeed';
export { OrgStore } from './store';
