import { afterEach, describe, expect, it } from 'vitest';
import { migrationSource } from './index';
import { openUnmigratedDatabase, testEngines } from '../server/testing/databases';
import { SYNC_TABLES } from '../server/store/tables';

const THIS_MIGRATION = '20261125_0001_unique_ruleset_names';

/** The migrations before this one: the schema an installation upgrades from. */
const before: typeof migrationSource = {
  ...migrationSource,
  getMigrations: async (loadExtensions) => (await migrationSource.getMigrations(loadExtensions)).filter(([name]) => name < THIS_MIGRATION),
};

function row(id: string, name: string, position: number) {
  const ruleset = { id, name, enabled: false, position, rules: [] };
  return {
    id,
    name,
    enabled: false,
    position,
    schema_version: 1,
    document: JSON.stringify({ schemaVersion: 1, ruleset }),
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, position)),
    updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, position)),
  };
}

describe.each(await testEngines())('migration %s: unique ruleset names', (engine) => {
  let opened: Awaited<ReturnType<typeof openUnmigratedDatabase>> | undefined;
  afterEach(async () => {
    await opened?.drop();
    opened = undefined;
  });

  it('renames existing duplicates "Name (2)"… in evaluation order, keeps the first, and refuses new duplicates', async () => {
    opened = await openUnmigratedDatabase(engine);
    const { db } = opened;
    await db.migrate.latest({ migrationSource: before, tableName: 'knex_migrations' });
    const long = 'L'.repeat(80);
    await db(SYNC_TABLES.rulesets).insert([
      row('a', 'Support', 0),
      row('b', 'support ', 1),
      row('c', 'Support (2)', 2),
      row('d', 'SUPPORT', 3),
      row('e', 'Other', 4),
      row('f', long, 5),
      row('g', long.toLowerCase(), 6),
    ]);

    await db.migrate.latest({ migrationSource, tableName: 'knex_migrations' });

    const rows = await db<{ id: string; name: string; name_key: string; document: string }>(SYNC_TABLES.rulesets).orderBy('position');
    expect(rows.map((r) => r.name)).toEqual(['Support', 'support (3)', 'Support (2)', 'SUPPORT (4)', 'Other', long, `${'l'.repeat(76)} (2)`]);
    expect(rows.map((r) => r.name_key)).toEqual(['support', 'support (3)', 'support (2)', 'support (4)', 'other', long.toLowerCase(), `${'l'.repeat(76)} (2)`]);
    // The document follows the new name, so an export says the same as the list.
    expect((JSON.parse(rows[1]!.document) as { ruleset: { name: string } }).ruleset.name).toBe('support (3)');
    expect((JSON.parse(rows[0]!.document) as { ruleset: { name: string } }).ruleset.name).toBe('Support');

    await expect(db(SYNC_TABLES.rulesets).insert({ ...row('h', 'Other', 7), name_key: 'other' })).rejects.toThrow(/unique|duplicate/i);
  });

  it('upgrades an installation without rulesets, and goes down again', async () => {
    opened = await openUnmigratedDatabase(engine);
    const { db } = opened;
    await db.migrate.latest({ migrationSource, tableName: 'knex_migrations' });
    expect(await db.schema.hasColumn(SYNC_TABLES.rulesets, 'name_key')).toBe(true);
    // This migration by name: later ones may have been added on top of it.
    await db.migrate.down({ migrationSource, tableName: 'knex_migrations', name: '20261125_0001_unique_ruleset_names' });
    expect(await db.schema.hasColumn(SYNC_TABLES.rulesets, 'name_key')).toBe(false);
  });
});
