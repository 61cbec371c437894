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

  it('keeps one incident per Case: a Case already linked keeps its link, whatever incident a second link names', async () => {
    await links.link(link(1));
    const again = await links.link({ ...link(1), incidentId: 'POTHER' });
    expect(again).toMatchObject({ caseId: link(1).caseId, incidentId: 'PINC1' });
    expect(await links.casesOfIncident('POTHER')).toEqual([]);
  });

  it('lets more Cases join an incident, lists them first linked first, and names the first one primary', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // Case 3 links first, then 1, then 2: the order is the order of linking, not of the Ids.
      for (const [minute, n] of [3, 1, 2].entries()) {
        vi.setSystemTime(new Date(Date.UTC(2026, 0, 1, 10, minute)));
        const joined = await links.link({ ...link(n), incidentId: 'PSHARED' });
        expect(joined).toMatchObject({ caseId: link(n).caseId, incidentId: 'PSHARED' });
      }
      // Two Cases linked in the same millisecond keep one order (by Case Id) at every read.
      vi.setSystemTime(new Date(Date.UTC(2026, 0, 1, 10, 9)));
      await links.link({ ...link(5), incidentId: 'PSHARED' });
      await links.link({ ...link(4), incidentId: 'PSHARED' });
    } finally {
      vi.useRealTimers();
    }
    const order = [3, 1, 2, 4, 5].map((n) => link(n).caseId);
    expect((await links.casesOfIncident('PSHARED')).map((shared) => shared.caseId)).toEqual(order);
    expect((await links.primaryOfIncident('PSHARED'))?.caseId).toBe(link(3).caseId);
    expect((await links.byCasesOrIncidents([], ['PSHARED'])).map((shared) => shared.caseId)).toEqual(order);
    await links.setIncidentStatus('PSHARED', 'acknowledged');
    expect((await links.casesOfIncident('PSHARED')).map((shared) => shared.incidentStatus)).toEqual(Array(5).fill('acknowledged'));
  });

  it('unlinks one Case only; the next linked Case becomes primary; unlinking again answers nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const n of [1, 2, 3]) {
        vi.setSystemTime(new Date(Date.UTC(2026, 0, 1, 10, n)));
        await links.link({ ...link(n), incidentId: 'PSHARED' });
      }
    } finally {
      vi.useRealTimers();
    }
    await links.link(link(4));
    expect(await links.unlink(link(1).caseId)).toMatchObject({ caseId: link(1).caseId, incidentId: 'PSHARED' });
    expect(await links.unlink(link(1).caseId)).toBeUndefined();
    expect(await links.byCase(link(1).caseId)).toBeUndefined();
    expect((await links.casesOfIncident('PSHARED')).map((shared) => shared.caseId)).toEqual([link(2).caseId, link(3).caseId]);
    expect((await links.primaryOfIncident('PSHARED'))?.caseId).toBe(link(2).caseId);
    // Rows the call should not touch were not touched.
    expect(await links.byCase(link(4).caseId)).toMatchObject({ incidentId: 'PINC4' });
    // Unlinked, the Case may join another incident.
    expect(await links.link({ ...link(1), incidentId: 'PINC4' })).toMatchObject({ caseId: link(1).caseId, incidentId: 'PINC4' });
  });

  it('lists each open incident once for reconciliation, however many Cases share it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const n of [1, 2, 3]) {
        vi.setSystemTime(new Date(Date.UTC(2026, 0, 1, 10, n)));
        await links.link({ ...link(n), incidentId: n === 3 ? 'PINC3' : 'PSHARED' });
      }
    } finally {
      vi.useRealTimers();
    }
    const open = await links.openLinks(10);
    expect(open.map((row) => [row.incidentId, row.caseId])).toEqual([
      ['PSHARED', link(1).caseId],
      ['PINC3', link(3).caseId],
    ]);
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
