import type { Knex } from 'knex';
import * as adminAndConnections from './20261122_0001_admin_and_connections';
import * as syncEngine from './20261122_0002_sync_engine';
import * as syncRuns from './20261122_0003_sync_runs';
import * as pagerdutyWebhooks from './20261123_0001_pagerduty_webhooks';
import * as jobLanes from './20261124_0001_job_lanes';
import * as uniqueRulesetNames from './20261125_0001_unique_ruleset_names';
import * as ownWrites from './20261207_0001_own_writes';
import * as priorityRouting from './20261207_0013_priority_routing';
import * as customFieldMappings from './20261207_0014_custom_field_mappings';
import * as manyCasesPerIncident from './20261207_0020_many_cases_per_incident';
import * as retentionIndexes from './20261207_0022_retention_indexes';
import * as selfAlerts from './20261207_0023_self_alerts';
import * as rateLimitHits from './20261207_0024_rate_limit_hits';
import * as syncLogSearch from './20261207_0025_sync_log_search';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations in order. Listed explicitly rather than discovered from the folder: the app runs
 * TypeScript through tsx, and knex's file loader would need a compiled copy or a loader hook.
 */
const migrations: [name: string, migration: Migration][] = [
  ['20261122_0001_admin_and_connections', adminAndConnections],
  ['20261122_0002_sync_engine', syncEngine],
  ['20261122_0003_sync_runs', syncRuns],
  ['20261123_0001_pagerduty_webhooks', pagerdutyWebhooks],
  ['20261124_0001_job_lanes', jobLanes],
  ['20261125_0001_unique_ruleset_names', uniqueRulesetNames],
  ['20261207_0001_own_writes', ownWrites],
  ['20261207_0013_priority_routing', priorityRouting],
  ['20261207_0014_custom_field_mappings', customFieldMappings],
  ['20261207_0020_many_cases_per_incident', manyCasesPerIncident],
  ['20261207_0022_retention_indexes', retentionIndexes],
  ['20261207_0023_self_alerts', selfAlerts],
  ['20261207_0024_rate_limit_hits', rateLimitHits],
  ['20261207_0025_sync_log_search', syncLogSearch],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: () => Promise.resolve(migrations),
  getMigrationName: ([name]) => name,
  getMigration: ([, migration]) => Promise.resolve(migration),
};
