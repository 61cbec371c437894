import type { Knex } from 'knex';
import { SELF_ALERTS_TABLE } from '../server/store/tables';

/**
 * The connector's alerts about itself (server/selfMonitor/): one row per problem kind while the
 * problem is open, or cleared and its resolve not yet accepted by the Events API. Durable so a
 * restart neither triggers again what PagerDuty already has nor forgets to resolve it; the
 * delivery columns carry the retry with backoff. Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(SELF_ALERTS_TABLE, (table) => {
    table.string('kind', 40).primary();
    table.string('dedup_key', 255).notNullable();
    /** 'open' (the problem is there) or 'cleared' (it went away; the resolve is due). */
    table.string('state', 16).notNullable();
    table.text('summary').notNullable();
    /** JSON: the figures behind the problem, sent as the alert's custom_details. */
    table.text('details').notNullable();
    /** The Events API accepted the event the current state needs (a trigger when open, a resolve when cleared). */
    table.boolean('delivered').notNullable().defaultTo(false);
    /** A trigger was accepted at least once: a cleared problem whose trigger never went out needs no resolve. */
    table.boolean('triggered').notNullable().defaultTo(false);
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('cleared_at', { useTz: true }).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(SELF_ALERTS_TABLE);
}
