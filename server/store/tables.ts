/** Table names, shared by migrations and the store so a rename happens in one place. */
export const TABLES = {
  adminUsers: 'admin_users',
  adminSessions: 'admin_sessions',
  signInLinks: 'sign_in_links',
  connections: 'connections',
  settings: 'settings',
} as const;

/** Sync engine and authoring tables (migration 0002). */
export const SYNC_TABLES = {
  rulesets: 'rulesets',
  events: 'inbox_events',
  jobs: 'jobs',
  links: 'case_incident_links',
  snapshots: 'snapshots',
  cursors: 'cursors',
  leases: 'leases',
} as const;

/** SYNC LOG's text search on SQLite: FTS5 trigram tables over events and jobs (migration 20261207_0025, server/store/syncLogSearch.ts). */
export const SYNC_LOG_SEARCH_TABLES = {
  events: 'inbox_events_search',
  jobs: 'jobs_search',
} as const;

/** Sign-in attempts per client address, shared by every instance (migration 20261207_0024). */
export const RATE_LIMIT_TABLE = 'rate_limit_hits';

/** Manual sync runs (migration 0003). */
export const SYNC_RUN_TABLE = 'sync_runs';

/** PagerDuty webhook intake tables (migration 20261123_0001). */
export const WEBHOOK_TABLES = {
  subscriptions: 'pagerduty_webhook_subscriptions',
  deliveries: 'pagerduty_webhook_deliveries',
} as const;

/** The notes and comments the integration wrote, by digest, to recognise their echoes (migration 20261207_0001). */
export const OWN_WRITES_TABLE = 'own_writes';

/** Custom field mappings (Case field ⇄ PagerDuty incident custom field) and the values they last carried (migration 20261207_0014). */
export const FIELD_MAPPING_TABLES = {
  mappings: 'custom_field_mappings',
  syncedValues: 'custom_field_synced_values',
} as const;

/** Priority routing (migration 20261207_0013): (service, priority) → escalation policy, and Case field values → priorities. */
export const PRIORITY_ROUTING_TABLES = {
  routes: 'priority_routes',
  caseValues: 'priority_case_values',
} as const;

/** The connector's alerts about itself (Events API v2) and where each stands (migration 20261207_0023). */
export const SELF_ALERTS_TABLE = 'self_alerts';
