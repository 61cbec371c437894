import type { Knex } from 'knex';
import { rulesetNameKey, uniqueRulesetName } from '../rules/model';
import { SYNC_TABLES } from '../server/store/tables';

const INDEX = 'rulesets_name_key_unique';

interface Row {
  id: string;
  name: string;
  document: string;
}

/**
 * Ruleset names become unique, ignoring case and surrounding spaces: the sync log names a rule
 * "Ruleset › Rule", which two rulesets of one name would make ambiguous. A `name_key` column
 * (`rulesetNameKey(name)`, computed by the app so both engines fold case alike) carries a unique
 * index. Rulesets that already share a name keep it in evaluation order; the later ones become
 * "Name (2)", "Name (3)"…, so the upgrade never fails on existing data and loses nothing.
 * Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable(SYNC_TABLES.rulesets, (table) => {
    table.string('name_key', 200);
  });
  const rows = await knex<Row>(SYNC_TABLES.rulesets)
    .orderBy([{ column: 'position' }, { column: 'created_at' }, { column: 'id' }])
    .select('id', 'name', 'document');
  // First the names that stay (the first ruleset of each name), then the later ones pick a free name.
  const taken = new Set<string>();
  const later: Row[] = [];
  for (const row of rows) {
    const key = rulesetNameKey(row.name);
    if (taken.has(key)) later.push(row);
    else {
      taken.add(key);
      await knex(SYNC_TABLES.rulesets).where({ id: row.id }).update({ name_key: key });
    }
  }
  for (const row of later) {
    const name = uniqueRulesetName(row.name, taken);
    taken.add(rulesetNameKey(name));
    await knex(SYNC_TABLES.rulesets)
      .where({ id: row.id })
      .update({ name, name_key: rulesetNameKey(name), document: renamedDocument(row.document, name) });
  }
  await knex.schema.alterTable(SYNC_TABLES.rulesets, (table) => {
    table.unique(['name_key'], { indexName: INDEX });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable(SYNC_TABLES.rulesets, (table) => {
    table.dropUnique(['name_key'], INDEX);
  });
  await knex.schema.alterTable(SYNC_TABLES.rulesets, (table) => {
    table.dropColumn('name_key');
  });
}

/** The stored document with the new name (the name column wins on reading; the document follows for exports). */
function renamedDocument(document: string, name: string): string {
  try {
    const parsed: unknown = JSON.parse(document);
    if (typeof parsed !== 'object' || parsed === null) return document;
    const ruleset = 'ruleset' in parsed ? parsed.ruleset : parsed;
    if (typeof ruleset !== 'object' || ruleset === null) return document;
    return JSON.stringify('ruleset' in parsed ? { ...parsed, ruleset: { ...ruleset, name } } : { ...ruleset, name });
  } catch {
    return document;
  }
}
