import { afterEach, describe, expect, it } from 'vitest';
import { migrationSource } from './index';
import { openUnmigratedDatabase, testEngines } from '../server/testing/databases';
import { SYNC_TABLES } from '../server/store/tables';

const THIS_MIGRATION = '20261207_0020_many_cases_per_incident';
const MIGRATIONS = { migrationSource, tableName: 'knex_migrations' };

/** The migrations before this one: the schema an installation upgrades from. */
const before: typeof migrationSource = {
  ...migrationSource,
  getMigrations: async (loadExtensions) => (await migrationSource.getMigrations(loadExtensions)).filter(([name]) => name < THIS_MIGRATION),
};

function linkRow(n: number, incidentId = `PINC${n}`) {
  return {
    case_id: `50000000000000${n}AAA`,
    case_number: `0000${n}`,
    incident_id: incidentId,
    incident_number: String(n),
    incident_url: `https://acme.pagerduty.com/incidents/${incidentId}`,
    service_id: 'PSVC',
    incident_status: n % 2 ? 'triggered' : 'resolved',
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    updated_at: new Date(Date.UTC(2026, 0, 2, 0, 0, n)),
  };
}

describe.each(await testEngines())('migration %s: many Cases per incident', (engine) => {
  let opened: Awaited<ReturnType<typeof openUnmigratedDatabase>> | undefined;
  afterEach(async () => {
    await opened?.drop();
    opened = undefined;
  });

  it('keeps every existing link as it was, lets a second Case join an incident, and still refuses a second link of one Case', async () => {
    opened = await openUnmigratedDatabase(engine);
    const { db } = opened;
    await db.migrate.latest({ ...MIGRATIONS, migrationSource: before });
    await db(SYNC_TABLES.links).insert([linkRow(1), linkRow(2), linkRow(3)]);
    const stored = await db(SYNC_TABLES.links).orderBy('case_id');
    // Proves the test starts from the old schema: one Case per incident.
    await expect(db(SYNC_TABLES.links).insert({ ...linkRow(4), incident_id: 'PINC1' })).rejects.toThrow(/unique|duplicate/i);

    await db.migrate.latest(MIGRATIONS);

    expect(await db(SYNC_TABLES.links).orderBy('case_id')).toEqual(stored);
    await db(SYNC_TABLES.links).insert({ ...linkRow(4), incident_id: 'PINC1' });
    expect(await db(SYNC_TABLES.links).where({ incident_id: 'PINC1' }).orderBy('created_at').pluck('case_id')).toEqual([
      linkRow(1).case_id,
      linkRow(4).case_id,
    ]);
    await expect(db(SYNC_TABLES.links).insert({ ...linkRow(1), incident_id: 'PINC2' })).rejects.toThrow(/unique|duplicate|primary/i);
  });

  it('goes down again only when each incident has one Case, saying which incidents to unlink', async () => {
    opened = await openUnmigratedDatabase(engine);
    const { db } = opened;
    await db.migrate.latest(MIGRATIONS);
    await db(SYNC_TABLES.links).insert([linkRow(1), { ...linkRow(2), incident_id: 'PINC1' }, linkRow(3)]);

    await expect(db.migrate.down({ ...MIGRATIONS, name: THIS_MIGRATION })).rejects.toThrow(/incidents PINC1 \(2 Cases\) have several linked Cases/);
    expect(await db(SYNC_TABLES.links).pluck('case_id')).toHaveLength(3);

    await db(SYNC_TABLES.links)
      .where({ case_id: linkRow(2).case_id })
      .delete();
    await db.migrate.down({ ...MIGRATIONS, name: THIS_MIGRATION });
    await expect(db(SYNC_TABLES.links).insert({ ...linkRow(4), incident_id: 'PINC1' })).rejects.toThrow(/unique|duplicate/i);
  });
});
