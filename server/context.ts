import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { HealthMonitor } from './vendors/connectionHealth';
import type { WebhookSubscriptions } from './vendors/pagerduty/subscriptions';
import type { VendorSessions } from './vendors/sessions';
import type { ConnectionStore } from './store/connections';
import type { Db } from './store/db';
import type { SalesforceIntake } from './intake/salesforce/intake';
import type { SyncEngine } from './pipeline/engine';
import type { JobQueue } from './pipeline/jobQueue';
import type { LinkStore } from './pipeline/links';
import type { SnapshotStore } from './pipeline/snapshots';
import type { ManualSyncRunner } from './intake/manualSync';
import type { Reconciler } from './intake/reconcile';
import type { AgentTokens } from './security/agentAuth';
import type { CanvasSessionCheck } from './security/canvasSessionCheck';
import type { Readiness } from './readiness';
import type { SelfMonitor } from './selfMonitor/selfMonitor';
import type { RetentionSchedule } from './store/retentionSchedule';

/** What request handlers need, built once by compose.ts (for start.ts or a test) and passed to createApp. */
export interface AppContext {
  config: AppConfig;
  db: Db;
  connections: ConnectionStore;
  health: HealthMonitor;
  logger: Logger;
  /** True when the app runs against its built-in emulators. */
  demo: boolean;
  /** The sessions with Salesforce and PagerDuty; reset when the connection settings change. */
  sessions: VendorSessions;
  /** The durable job queue: SYNC LOG reads it, metrics count it. */
  jobs: JobQueue;
  links: LinkStore;
  snapshots: SnapshotStore;
  /** The sync pipeline: the inbox intake records into, and the worker. */
  sync: SyncEngine;
  /** The Salesforce intake (CDC or polling, comment polling) behind its leader lease. */
  salesforceIntake: SalesforceIntake;
  /** Manual full / incremental sync runs, one at a time per installation. */
  manualSync: ManualSyncRunner;
  /** The app's PagerDuty webhook subscriptions: provisioning, state, signature secrets. */
  webhooks: WebhookSubscriptions;
  /** Periodic and on-demand comparison of open linked incidents with PagerDuty. */
  reconciler: Reconciler;
  /** Deletes finished sync history older than RETENTION_DAYS, on one instance at a time. */
  retention: RetentionSchedule;
  /** Issues and reads the agent tokens of the Canvas console (sealed with the app's key). */
  agentTokens: AgentTokens;
  /** Whether a Canvas request's OAuth token is a live Salesforce session (see security/verifyCanvasPost.ts), answers cached briefly. */
  canvasSessions: CanvasSessionCheck;
  /** Started and not yet shutting down: what /readyz answers (start.ts moves it). */
  readiness: Readiness;
  /** The connector's alerts about itself (Events API v2), behind their own lease. */
  selfMonitor: SelfMonitor;
}
