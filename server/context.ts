import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { HealthMonitor } from './connections/health';
import type { ConnectionStore } from './store/connections';
import type { Db } from './store/db';
import type { SyncEngine } from './sync/engine';

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
}
