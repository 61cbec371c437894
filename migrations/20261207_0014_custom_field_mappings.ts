import type { Knex } from 'knex';
import { FIELD_MAPPING_TABLES } from '../server/store/tables';

/**
 * Custom field mappings (server/store/fieldMappings.ts): one row per Case field ⇄ PagerDuty
 * incident custom field, in the admin's order, with what the save checked about the PagerDuty
 * field (its type and options) so the engine converts values without reading the definitions
 * again. And per incident and PagerDuty field the value last carried either way: a value equal
 * to it is an echo of our own write, or already in place, and travels no further.
 * Portable across SQLite and PostgreSQL (JSON kept as text).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(FIELD_MAPPING_TABLES.mappings, (table) => {
    table.integer('position').notNullable().primary();
    table.string('case_field', 80).notNullable();
    table.string('case_field_type', 40).notNullable();
    table.string('pagerduty_field_id', 40).notNullable().unique();
    table.text('pagerduty_field').notNullable();
    table.string('direction', 20).notNullable();
    table.text('value_map').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable(FIELD_MAPPING_TABLES.syncedValues, (table) => {
    table.string('incident_id', 40).notNullable();
    table.string('pagerduty_field_id', 40).notNullable();
    table.text('value').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['incident_id', 'pagerduty_field_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(FIELD_MAPPING_TABLES.syncedValues);
  await knex.schema.dropTable(FIELD_MAPPING_TABLES.mappings);
}
