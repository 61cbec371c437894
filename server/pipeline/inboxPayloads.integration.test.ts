import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from './inbox';
import { JobQueue } from './jobQueue';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { insertEvent } from '../testing/syncLogRows';
import { decodeStoredPayload } from '../store/payloadCodec';
import { SYNC_TABLES } from '../store/tables';

const engines = await testEngines();

const payload = {
  id: '01DEN3WQ2J5VKYVS8D9DXHS1MR',
  event_type: 'incident.triggered',
  resource_type: 'incident',
  agent: { html_url: 'https://acme.pagerduty.com/users/PUSER01', id: 'PUSER01', self: 'https://api.pagerduty.com/users/PUSER01', type: 'user_reference' },
  data: {
    id: 'PINC1',
    type: 'incident',
    self: 'https://api.pagerduty.com/incidents/PINC1',
    html_url: 'https://acme.pagerduty.com/incidents/PINC1',
    title: 'Zürich ✓',
  },
};

describe.each(engines)('Inbox payloads as stored on %s', (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(() => database.drop());

  it('stores the payload compressed on SQLite (a BLOB in the TEXT column), as text on PostgreSQL, and reads back the JSON', async () => {
    const inbox = new Inbox(database.db, new JobQueue(database.db));
    const json = JSON.stringify(payload);
    const [recorded] = await inbox.recordMany([{ source: 'pagerduty', sourceEventId: 'e1', kind: 'incident.triggered', payload, incidentId: 'PINC1' }]);
    const id = recorded!.eventId!;
    if (engine === 'sqlite') {
      const column = await database
        .db(SYNC_TABLES.events)
        .where({ id })
        .first<{ type: string; bytes: number }>(database.db.raw('typeof(payload) AS type'), database.db.raw('length(payload) AS bytes'));
      expect(column.type).toBe('blob');
      expect(column.bytes).toBeLessThan(Buffer.byteLength(json));
    }
    const row = await database.db(SYNC_TABLES.events).where({ id }).first<{ payload: unknown }>();
    if (engine === 'postgres') expect(row.payload).toBe(json);
    expect(decodeStoredPayload(row.payload)).toBe(json);
  });

  it('reads rows stored as text before compression', async () => {
    const id = await insertEvent(database.db, { payload, at: new Date() });
    const row = await database.db(SYNC_TABLES.events).where({ id }).first<{ payload: unknown }>();
    expect(typeof row.payload).toBe('string');
    expect(JSON.parse(decodeStoredPayload(row.payload))).toEqual(payload);
  });
});
