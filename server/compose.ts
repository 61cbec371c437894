import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { AppContext } from './context';
import { ManualSyncRunner } from './intake/manualSync';
import { Reconciler } from './intake/reconcile';
import { SalesforceIntake } from './intake/salesforce/intake';
import { SyncEngine } from './pipeline/engine';
import { JobQueue } from './pipeline/jobQueue';
import { LinkStore } from './pipeline/links';
import { SnapshotStore } from './pipeline/snapshots';
import type { SecretBox } from './security/secrets';
import { defaultProbes } from './selfMonitor/probes';
import { SelfMonitor } from './selfMonitor/selfMonitor';
import { AgentTokens } from './security/agentAuth';
import { CanvasSessionCheck } from './security/canvasSessionCheck';
import { fetchUserInfo } from './vendors/salesforce/userInfo';
import type { ConnectionStore } from './store/connections';
import type { Db } from './store/db';
import { GroupCommit } from './store/groupCommit';
import { RetentionSchedule } from './store/retentionSchedule';
import { HealthMonitor } from './vendors/connectionHealth';
import { WebhookSubscriptions } from './vendors/pagerduty/subscriptions';
import { OutboundProxy } from './vendors/outboundProxy';
import { Readiness } from './readiness';
import { vendorTimeoutMs } from './vendors/requestTimeout';
import { VendorSessions } from './vendors/sessions';

/**
 * The composition root: every long-lived part of an app instance is built here, once, and handed
 * explicitly to whoever needs it. `npm start` (start.ts) and the API test server
 * (testing/harness.ts) both build through it, so tests run the wiring that production runs.
 */

export interface SyncOptions {
  db: Db;
  connections: ConnectionStore;
  logger: Logger;
  /** Jobs run at once by this instance. Default 8. */
  concurrency?: number;
  /** How long a claimed job is protected before another instance may take it over. Default 5 min. */
  leaseMs?: number;
  /**
   * Attempts before a job goes dead. Default 20: with backoff capped at 10 minutes that is about
   * two hours of retrying, so an outage of either vendor heals by itself; errors a retry cannot
   * fix (bad data, missing fields) go dead at once regardless.
   */
  maxAttempts?: number;
  pollIntervalMs?: number;
  workerId?: string;
  /** How vendor calls leave this instance (HTTPS_PROXY / HTTP_PROXY / NO_PROXY). Default: directly. */
  proxy?: OutboundProxy;
}

/** The sync pipeline with what it works on: the vendor sessions, the job queue, links and snapshots. */
export interface SyncParts {
  sessions: VendorSessions;
  jobs: JobQueue;
  links: LinkStore;
  snapshots: SnapshotStore;
  sync: SyncEngine;
}

export function composeSync(options: SyncOptions): SyncParts {
  const { db, logger } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  // Every vendor call a job makes ends well within the job's lease.
  const sessions = new VendorSessions(options.connections, logger, options.proxy ?? OutboundProxy.direct, vendorTimeoutMs(leaseMs));
  // One group commit for intake and job completions: under load they share transactions.
  const commits = new GroupCommit(db);
  const jobs = new JobQueue(db, { leaseMs, defaultMaxAttempts: options.maxAttempts ?? 20, commits });
  const links = new LinkStore(db);
  const snapshots = new SnapshotStore(db);
  const sync = new SyncEngine({
    db,
    logger,
    sessions,
    jobs,
    commits,
    links,
    snapshots,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.workerId !== undefined ? { workerId: options.workerId } : {}),
  });
  return { sessions, jobs, links, snapshots, sync };
}

export interface AppFoundation {
  config: AppConfig;
  db: Db;
  box: SecretBox;
  connections: ConnectionStore;
  logger: Logger;
  /** True when the app runs against its built-in emulators. */
  demo: boolean;
  /** Demo mode's own certificate (PEM) when its emulators serve HTTPS: the app's clients trust it. */
  demoCa?: string | undefined;
}

/** Everything request handlers reach, built from the store and the configuration. Nothing is started. */
export function composeApp(foundation: AppFoundation, options: { reconcileIntervalMs?: number } = {}): AppContext {
  const { config, db, box, connections, logger } = foundation;
  const parts = composeSync({
    db,
    connections,
    logger,
    concurrency: config.env.WORKER_CONCURRENCY,
    leaseMs: config.env.JOB_LEASE_SECONDS * 1000,
    proxy: new OutboundProxy(config.outboundProxy, { trustedCa: foundation.demoCa }),
  });
  const { sessions, sync } = parts;
  const salesforceIntake = new SalesforceIntake({ db, events: sync, salesforce: sessions.salesforce, logger });
  const health = new HealthMonitor(connections, sessions.proxy);
  const webhooks = new WebhookSubscriptions({ db, box, pagerduty: sessions.pagerduty, logger, publicUrl: config.publicUrl });
  return {
    config,
    db,
    connections,
    logger,
    demo: foundation.demo,
    ...parts,
    health,
    salesforceIntake,
    manualSync: new ManualSyncRunner({ db, events: sync, salesforce: sessions.salesforce, logger, instanceId: salesforceIntake.instanceId }),
    webhooks,
    reconciler: new Reconciler({
      db,
      events: sync,
      links: parts.links,
      snapshots: parts.snapshots,
      pagerduty: sessions.pagerduty,
      logger,
      intervalMs: options.reconcileIntervalMs ?? config.reconcileIntervalMinutes * 60_000,
    }),
    retention: new RetentionSchedule({ db, logger, retentionDays: config.retentionDays, instanceId: salesforceIntake.instanceId }),
    agentTokens: new AgentTokens(box),
    canvasSessions: new CanvasSessionCheck((instanceUrl, accessToken) => fetchUserInfo(instanceUrl, accessToken, sessions.proxy)),
    readiness: new Readiness(),
    selfMonitor: new SelfMonitor({
      db,
      connections,
      logger,
      probes: defaultProbes({ db, health, webhooks }),
      instanceId: salesforceIntake.instanceId,
      publicUrl: () => webhooks.publicUrl,
      intervalMs: config.env.SELF_MONITOR_INTERVAL_SECONDS * 1000,
      events: { dispatcher: sessions.proxy.dispatcher },
    }),
  };
}
