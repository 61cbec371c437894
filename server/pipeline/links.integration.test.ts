import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { LinkStore } from './links';

const engines = await testEngines();

describe.each(engines)('LinkStore on %s', (engine) => {
  let database: TestDatabase;
  let links: LinkStore;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    links = new LinkStore(database.db);
  });
  afterEach(() => database.drop());

  const link = (n: number) => ({
    caseId: `50000000000000${n}AAA`,
    caseNumber: `0000${n}`,
    incidentId: `PINC${n}`,
    incidentNumber: String(n),
    incidentUrl: null,
    serviceId: 'PSVC',
    incidentStatus: 'triggered',
  });

  it('keeps one incident per Case and one Case per incident: the first link wins', async () => {
    await links.link(link(1));
    const again = await links.link({ ...link(1), incidentId: 'POTHER' });
    expect(again.incidentId).toBe('PINC1');
    const other = await links.link({ ...link(2), incidentId: 'PINC1' });
    expect(other.caseId).toBe(link(1).caseId);
  });

  it('lists open links least recently checked first, so reconciliation rotates through all of them', async () => {
    // The store stamps rows with the time of day: a faked clock (timers left real, for the
    // database drivers) gives each step its own minute.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      let minute = 0;
      const nextMinute = () => vi.setSystemTime(new Date(Date.UTC(2026, 0, 1, 10, minute++)));
      for (const n of [1, 2, 3]) {
        nextMinute();
        await links.link(link(n));
      }
      nextMinute();
      await links.setIncidentStatus('PINC3', 'resolved');
      expect((await links.openLinks(10)).map((open) => open.incidentId)).toEqual(['PINC1', 'PINC2']);
      nextMinute();
      await links.markChecked(['PINC1']);
      expect((await links.openLinks(1)).map((open) => open.incidentId)).toEqual(['PINC2']);
    } finally {
      vi.useRealTimers();
    }
  });
});
