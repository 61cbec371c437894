import type { Knex } from 'knex';
import { RATE_LIMIT_TABLE } from '../server/store/tables';

/**
 * Rate-limit counters in the database (server/security/databaseRateLimitStore.ts): one row per
 * limited key (a limiter's prefix and a client address), its hits in the current window and when
 * the window ends. In the database so that every instance behind a load balancer counts the same
 * attempts. Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(RATE_LIMIT_TABLE, (table) => {
    table.string('key', 255).notNullable().primary();
    table.integer('hits').notNullable();
    table.timestamp('reset_at', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(RATE_LIMIT_TABLE);
}
