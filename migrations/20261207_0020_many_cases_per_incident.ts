import type { Knex } from 'knex';
import { SYNC_TABLES } from '../server/store/tables';

/**
 * Many Cases, one incident: when 40 customers report one outage, all 40 Cases link to the same
 * incident. `incident_id` stops being unique (it keeps an index: the engine looks links up by
 * incident on every PagerDuty event); `case_id` stays the primary key, so a Case still links to
 * at most one incident. No row changes: every existing link stays as it was, and the Case that
 * linked first (the oldest `created_at`) is its incident's primary Case.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable(SYNC_TABLES.links, (table) => {
    table.dropUnique(['incident_id']);
    table.index(['incident_id', 'created_at'], INCIDENT_INDEX);
  });
}

/**
 * Back to one Case per incident. Refused, with what to do, while an incident has several
 * Cases: dropping the extra links would silently stop syncing those Cases.
 */
export async function down(knex: Knex): Promise<void> {
  const shared = (await knex(SYNC_TABLES.links).select('incident_id').count({ cases: '*' }).groupBy('incident_id').havingRaw('count(*) > 1').limit(5)) as {
    incident_id: string;
    cases: number | string;
  }[];
  if (shared.length > 0) {
    const incidents = shared.map((row) => `${row.incident_id} (${String(row.cases)} Cases)`).join(', ');
    throw new Error(
      `Cannot go back to one Case per incident: incidents ${incidents} have several linked Cases. Unlink all but one Case of each (agents' console → Unlink), then migrate down again.`,
    );
  }
  await knex.schema.alterTable(SYNC_TABLES.links, (table) => {
    table.dropIndex(['incident_id', 'created_at'], INCIDENT_INDEX);
    table.unique(['incident_id']);
  });
}

const INCIDENT_INDEX = 'case_incident_links_incident_id_created_at_index';
