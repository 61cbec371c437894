import type { Knex } from 'knex';
import { FIELD_MAPPING_TABLES, SYNC_TABLES } from '../server/store/tables';

/**
 * Indexes for a store that holds a month of a busy org's history (bench/year.bench.ts) and for
 * the retention pass (server/store/retention.ts) that keeps it at a month:
 * - jobs by event: SYNC LOG nests each event's jobs and filters events by their jobs' states
 *   (`EXISTS (… WHERE j.event_id = e.id)`), and retention deletes an event with its jobs. Without
 *   it each of those lookups read the whole job table. It also serves SYNC LOG's rows of jobs
 *   without an event (`event_id IS NULL`), few among a million jobs that have one.
 * - events by source, newest first: SYNC LOG's source filter read the (source, source_event_id)
 *   index and sorted every event of the source (a third of a million at 1,000,000 rows).
 * - snapshots, links and custom field values by last update: retention finds the old ones.
 * Portable across SQLite and PostgreSQL (partial indexes exist on both).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable(SYNC_TABLES.jobs, (table) => {
    table.index(['event_id'], 'jobs_by_event');
  });
  await knex.schema.alterTable(SYNC_TABLES.events, (table) => {
    table.index(['source', 'received_at'], 'inbox_events_by_source_time');
  });
  await knex.schema.alterTable(SYNC_TABLES.snapshots, (table) => {
    table.index(['updated_at'], 'snapshots_by_update');
  });
  await knex.schema.alterTable(SYNC_TABLES.links, (table) => {
    table.index(['updated_at'], 'links_by_update');
  });
  await knex.schema.alterTable(FIELD_MAPPING_TABLES.syncedValues, (table) => {
    table.index(['updated_at'], 'custom_field_synced_values_by_update');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable(FIELD_MAPPING_TABLES.syncedValues, (table) => {
    table.dropIndex(['updated_at'], 'custom_field_synced_values_by_update');
  });
  await knex.schema.alterTable(SYNC_TABLES.links, (table) => {
    table.dropIndex(['updated_at'], 'links_by_update');
  });
  await knex.schema.alterTable(SYNC_TABLES.snapshots, (table) => {
    table.dropIndex(['updated_at'], 'snapshots_by_update');
  });
  await knex.schema.alterTable(SYNC_TABLES.events, (table) => {
    table.dropIndex(['source', 'received_at'], 'inbox_events_by_source_time');
  });
  await knex.schema.alterTable(SYNC_TABLES.jobs, (table) => {
    table.dropIndex(['event_id'], 'jobs_by_event');
  });
}
