import type { Knex } from 'knex';
import { SYNC_TABLES } from '../server/store/tables';

/**
 * The worker claims inbox processing (`process_event`, in batches) separately from the action
 * jobs (one by one, calling the vendors). Each lane's claim walks its own partial index in
 * run_at order, so a backlog in one lane never makes the other lane's claim scan it. The task
 * name is a literal on purpose: both engines use a partial index only for a query that repeats
 * its predicate. Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX jobs_process_event_due ON ${SYNC_TABLES.jobs} (state, run_at) WHERE task = 'process_event'`);
  await knex.raw(`CREATE INDEX jobs_actions_due ON ${SYNC_TABLES.jobs} (state, run_at) WHERE task <> 'process_event'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX jobs_process_event_due');
  await knex.raw('DROP INDEX jobs_actions_due');
}
