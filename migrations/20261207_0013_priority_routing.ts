import type { Knex } from 'knex';
import { PRIORITY_ROUTING_TABLES } from '../server/store/tables';

/**
 * Priority routing (OBJECT MAPPINGS): which escalation policy an incident of a service goes to
 * at a priority, each row with an Active switch, and which PagerDuty priority each value of the
 * chosen Case field means (the field itself is a setting). The primary keys refuse a second row
 * for the same (service, priority) or the same Case value. Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(PRIORITY_ROUTING_TABLES.routes, (table) => {
    table.string('service_id', 40).notNullable();
    table.string('priority_id', 40).notNullable();
    table.string('escalation_policy_id', 40).notNullable();
    table.boolean('active').notNullable();
    // The admin's row order, kept as entered.
    table.integer('position').notNullable();
    table.primary(['service_id', 'priority_id']);
  });
  await knex.schema.createTable(PRIORITY_ROUTING_TABLES.caseValues, (table) => {
    table.string('case_value', 255).notNullable().primary();
    table.string('priority_id', 40).notNullable();
    table.integer('position').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(PRIORITY_ROUTING_TABLES.caseValues);
  await knex.schema.dropTable(PRIORITY_ROUTING_TABLES.routes);
}
