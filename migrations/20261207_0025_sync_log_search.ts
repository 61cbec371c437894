import type { Knex } from 'knex';
import { createSqliteSearchIndex, createTrigramIndexes, dropSqliteSearchIndex, dropTrigramIndexes } from '../server/store/syncLogSearch';

/**
 * Indexes for SYNC LOG's text search (server/store/syncLogSearch.ts), built for the rows already
 * stored: on SQLite FTS5 trigram tables kept in step by triggers; on PostgreSQL pg_trgm GIN
 * indexes on `lower(column)`. A PostgreSQL where pg_trgm cannot be created still migrates: the
 * search runs without an index, and each start says so and tries again (`openDatabase`).
 */
export async function up(knex: Knex): Promise<void> {
  if ((knex.client as Knex.Client).config.client === 'pg') await createTrigramIndexes(knex);
  else await createSqliteSearchIndex(knex);
}

export async function down(knex: Knex): Promise<void> {
  if ((knex.client as Knex.Client).config.client === 'pg') await dropTrigramIndexes(knex);
  else await dropSqliteSearchIndex(knex);
}
