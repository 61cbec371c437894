import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { HealthMonitor } from './vendors/connectionHealth';
import type { WebhookSubscriptions } from './vendors/pagerduty/subscriptions';
import type { ConnectionStore } from './store/connections';
import type { Db } from './store/db';
import type { SalesforceIntake } from './intake/salesforce/intake';
import type { SyncEngine } from './pipeline/engine';
import type { ManualSyncRunner } from './intake/manualSync';
import type { Reconciler } from './intake/reconcile';

/** What request handlers need, built once in main.ts (or a test) and passed to createApp. */
export interface AppContext {
  config: AppConfig;
  db: Db;
  connections: ConnectionStore;
  health: HealthMonitor;
  logger: Logger;
  /** True when the app runs against its built-in emulators. */
  demo: boolean;
  sync: SyncEngine;
  /** The Salesforce intake (CDC or polling, comment polling) behind its leader lease. */
  salesforceIntake: SalesforceIntake;
  /** Manual full / incremental sync runs, one at a time per installation. */
  manualSync: ManualSyncRunner;
  /** The app's PagerDuty webhook subscriptions: provisioning, state, signature secrets. */
  webhooks: WebhookSubscriptions;
  /** Periodic and on-demand comparison of open linked incidents with PagerDuty. */
  reconciler: Reconciler;
}
