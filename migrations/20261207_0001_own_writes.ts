import type { Knex } from 'knex';
import { OWN_WRITES_TABLE } from '../server/store/tables';

/**
 * The notes and Case comments the integration wrote (pipeline/ownWrites.ts), by a digest of
 * their text: how their echoes are recognised now that nothing is appended to the text.
 * Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(OWN_WRITES_TABLE, (table) => {
    table.string('kind', 20).notNullable();
    table.string('target_id', 40).notNullable();
    table.string('text_digest', 64).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['kind', 'target_id', 'text_digest']);
    // Retention deletes by age.
    table.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(OWN_WRITES_TABLE);
}
