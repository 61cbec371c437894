import type { Knex } from 'knex';
import { SYNC_RUN_TABLE } from '../server/store/tables';

/**
 * Manual sync runs (full or incremental), for the progress bar, cancellation from any instance,
 * the next incremental run's starting point and the SYNC LOG / SUMMARY history.
 * Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(SYNC_RUN_TABLE, (table) => {
    table.string('id', 36).primary();
    /** 'full' | 'incremental' */
    table.string('mode', 20).notNullable();
    /** 'running' | 'succeeded' | 'failed' | 'cancelled' */
    table.string('state', 20).notNullable();
    table.integer('processed').notNullable().defaultTo(0);
    table.integer('total').nullable();
    table.integer('recorded').notNullable().defaultTo(0);
    table.boolean('cancel_requested').notNullable().defaultTo(false);
    /** The instance running it. */
    table.string('holder', 100).notNullable();
    /** ISO instant: full runs the start date, incremental runs the previous watermark. */
    table.string('since', 40).nullable();
    /** ISO instant: the last SystemModstamp covered. */
    table.string('watermark', 40).nullable();
    table.text('error').nullable();
    table.string('note', 500).nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    /** Moves while the run makes progress; a running row whose heartbeat stopped lost its instance. */
    table.timestamp('heartbeat_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['started_at']);
    table.index(['state']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(SYNC_RUN_TABLE);
}
