import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { DEFAULT_START_DAYS, defaultSyncSettings, initSyncSettings, readSyncSettings, updateSyncSettings } from './syncSettings';

/** The sync settings' defaults on real SQLite: the start date an admin expects, fixed at the first start. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('sqlite');
});
afterAll(() => database.drop());

const firstStart = new Date('2026-03-31T12:00:00.000Z');

describe('sync settings defaults', () => {
  it(`start ${DEFAULT_START_DAYS} days before the first start, so a first full sync reads the last month of Cases`, () => {
    expect(DEFAULT_START_DAYS).toBe(30);
    expect(defaultSyncSettings(firstStart)).toEqual({
      automaticSync: true,
      intakeMode: 'cdc',
      pollIntervalSeconds: 60,
      commentPollSeconds: 30,
      startDate: '2026-03-01T12:00:00.000Z',
    });
  });

  it('are fixed at the first read: a later start keeps the first start date', async () => {
    expect((await readSyncSettings(database.db, () => firstStart)).startDate).toBe('2026-03-01T12:00:00.000Z');
    expect((await readSyncSettings(database.db, () => new Date('2026-06-01T00:00:00Z'))).startDate).toBe('2026-03-01T12:00:00.000Z');
  });

  it('initSyncSettings sets the start date of a new installation only', async () => {
    const fresh = await createTestDatabase('sqlite');
    try {
      expect(await initSyncSettings(fresh.db, { startDate: '2026-02-01T00:00:00.000Z' }, () => firstStart)).toMatchObject({
        startDate: '2026-02-01T00:00:00.000Z',
        automaticSync: true,
      });
      expect((await readSyncSettings(fresh.db)).startDate).toBe('2026-02-01T00:00:00.000Z');
      await updateSyncSettings(fresh.db, { startDate: '2026-03-15T00:00:00.000Z' });
      expect((await initSyncSettings(fresh.db, { startDate: '2026-02-01T00:00:00.000Z' })).startDate).toBe('2026-03-15T00:00:00.000Z');
    } finally {
      await fresh.drop();
    }
  });
});
