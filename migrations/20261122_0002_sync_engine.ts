import type { Knex } from 'knex';
import { SYNC_TABLES } from '../server/store/tables';

/**
 * The sync engine's durable state: the inbox (every inbound change, deduplicated by its source
 * id, stored before it is acknowledged), jobs (claim-and-update with attempts, backoff, leases
 * and a dead state), Case ⇄ incident links, per-entity snapshots for "changed" conditions,
 * intake cursors, leader leases, and the rulesets. Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(SYNC_TABLES.rulesets, (table) => {
    table.string('id', 36).primary();
    table.string('name', 200).notNullable();
    table.boolean('enabled').notNullable().defaultTo(false);
    table.integer('position').notNullable();
    table.integer('schema_version').notNullable();
    /** The ruleset's rules as versioned JSON (rules/ validates and migrates it). */
    table.text('document').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable(SYNC_TABLES.events, (table) => {
    table.bigIncrements('id').primary();
    /** 'salesforce' | 'pagerduty' | 'manual_sync' | 'reconcile' */
    table.string('source', 20).notNullable();
    /** The source's own id (CDC replay/transaction+record, webhook event id): duplicates are dropped. */
    table.string('source_event_id', 200).notNullable();
    /** e.g. case.create, case.update, case_comment.create, incident.acknowledged */
    table.string('kind', 60).notNullable();
    table.string('case_id', 18).nullable();
    table.string('case_number', 40).nullable();
    table.string('incident_id', 40).nullable();
    table.string('incident_number', 40).nullable();
    table.text('payload').notNullable();
    /** received | processed | ignored (an echo of our own write) | failed */
    table.string('status', 20).notNullable();
    /** JSON: the rules' evaluation trace, for SYNC LOG. */
    table.text('trace').nullable();
    table.string('note', 500).nullable();
    table.timestamp('occurred_at', { useTz: true }).nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.timestamp('processed_at', { useTz: true }).nullable();
    table.unique(['source', 'source_event_id']);
    table.index(['received_at']);
    table.index(['case_id']);
    table.index(['incident_id']);
  });

  await knex.schema.createTable(SYNC_TABLES.jobs, (table) => {
    table.bigIncrements('id').primary();
    table.string('task', 60).notNullable();
    table.text('payload').notNullable();
    /** Idempotency key: the same work is never enqueued twice. */
    table.string('job_key', 300).notNullable().unique();
    /** Jobs sharing a queue key run one at a time, in id order (per Case / per incident ordering). */
    table.string('queue_key', 100).nullable();
    table.bigInteger('event_id').nullable().references('id').inTable(SYNC_TABLES.events).onDelete('SET NULL');
    /** pending | running | done | failed | dead; see server/pipeline/jobStates.ts */
    table.string('state', 10).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('max_attempts').notNullable();
    table.timestamp('run_at', { useTz: true }).notNullable();
    table.string('locked_by', 100).nullable();
    table.timestamp('locked_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.string('error_hint', 500).nullable();
    /** JSON: what the action did (incident id, Case id…), for SYNC LOG. */
    table.text('result').nullable();
    table.string('case_id', 18).nullable();
    table.string('case_number', 40).nullable();
    table.string('incident_id', 40).nullable();
    table.string('incident_number', 40).nullable();
    table.integer('duration_ms').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['state', 'run_at']);
    table.index(['queue_key', 'state']);
    table.index(['created_at']);
  });

  await knex.schema.createTable(SYNC_TABLES.links, (table) => {
    table.string('case_id', 18).primary();
    table.string('case_number', 40).nullable();
    table.string('incident_id', 40).notNullable().unique();
    table.string('incident_number', 40).nullable();
    table.string('incident_url', 500).nullable();
    table.string('service_id', 40).nullable();
    table.string('incident_status', 20).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable(SYNC_TABLES.snapshots, (table) => {
    /** 'case' | 'incident' */
    table.string('entity_type', 10).notNullable();
    table.string('entity_id', 40).notNullable();
    table.text('fields').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['entity_type', 'entity_id']);
  });

  await knex.schema.createTable(SYNC_TABLES.cursors, (table) => {
    table.string('name', 100).primary();
    table.text('value').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable(SYNC_TABLES.leases, (table) => {
    /** e.g. 'salesforce-cdc': exactly one instance holds it. */
    table.string('name', 100).primary();
    table.string('holder', 100).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    SYNC_TABLES.leases,
    SYNC_TABLES.cursors,
    SYNC_TABLES.snapshots,
    SYNC_TABLES.links,
    SYNC_TABLES.jobs,
    SYNC_TABLES.events,
    SYNC_TABLES.rulesets,
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
