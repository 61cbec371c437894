import type { Knex } from 'knex';
import { TABLES } from '../server/store/tables';

// Written for both SQLite and PostgreSQL: only portable column types, ISO timestamps as text
// would lose ordering guarantees on neither engine, so we use knex's timestamp type.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLES.adminUsers, (table) => {
    table.increments('id').primary();
    table.string('username', 100).notNullable().unique();
    /** scrypt hash (`scrypt$N$r$p$salt$hash`); null when the admin signs in by one-time link only. */
    table.string('password_hash', 300).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('password_changed_at', { useTz: true }).nullable();
  });
  await knex.schema.createTable(TABLES.adminSessions, (table) => {
    /** SHA-256 of the session token: a stolen database does not yield usable cookies. */
    table.string('id_hash', 64).primary();
    table.integer('user_id').notNullable().references('id').inTable(TABLES.adminUsers).onDelete('CASCADE');
    table.string('csrf_token', 64).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.index(['expires_at']);
  });
  await knex.schema.createTable(TABLES.signInLinks, (table) => {
    table.string('token_hash', 64).primary();
    table.integer('user_id').notNullable().references('id').inTable(TABLES.adminUsers).onDelete('CASCADE');
    table.timestamp('expires_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable(TABLES.connections, (table) => {
    /** 'pagerduty' | 'salesforce' */
    table.string('id', 32).primary();
    /** Non-secret settings as JSON. */
    table.text('config').notNullable();
    /** AES-256-GCM ciphertext of the secret settings (JSON), never plain text. */
    table.text('secrets_encrypted').nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable(TABLES.settings, (table) => {
    table.string('key', 64).primary();
    table.text('value').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [TABLES.settings, TABLES.connections, TABLES.signInLinks, TABLES.adminSessions, TABLES.adminUsers]) {
    await knex.schema.dropTableIfExists(table);
  }
}
