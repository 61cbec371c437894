import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_TABLES } from '../store/tables';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { Inbox, PROCESS_EVENT_TASK, type InboundEvent } from './inbox';
import { JobQueue } from './jobQueue';

const engines = await testEngines();

const webhook = (id: string, incidentId = 'PINC1'): InboundEvent => ({
  source: 'pagerduty',
  sourceEventId: id,
  kind: 'incident.triggered',
  payload: { id },
  incidentId,
});

describe.each(engines)('Inbox on %s', (engine) => {
  let database: TestDatabase;
  let inbox: Inbox;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    inbox = new Inbox(database.db, new JobQueue(database.db));
  });
  afterEach(() => database.drop());

  const stored = async () => ({
    events: await database.db(SYNC_TABLES.events).orderBy('id').select('id', 'source_event_id'),
    jobs: await database.db(SYNC_TABLES.jobs).orderBy('id').select('task', 'event_id', 'queue_key'),
  });

  it('stores a batch in order with one processing job per new event, and reports duplicates, also within the batch', async () => {
    await inbox.recordMany([webhook('e1')]);
    const results = await inbox.recordMany([webhook('e2', 'PINC2'), webhook('e1'), webhook('e3'), webhook('e2', 'PINC2')]);
    const { events, jobs } = await stored();
    expect(events.map((event) => event.source_event_id)).toEqual(['e1', 'e2', 'e3']);
    const idOf = (sourceId: string) => Number(events.find((event) => event.source_event_id === sourceId)!.id);
    expect(results).toEqual([
      { eventId: idOf('e2'), duplicate: false },
      { eventId: null, duplicate: true },
      { eventId: idOf('e3'), duplicate: false },
      { eventId: null, duplicate: true },
    ]);
    expect(jobs).toEqual(events.map((event) => ({ task: PROCESS_EVENT_TASK, event_id: event.id, queue_key: expect.stringMatching(/^incident:PINC/) })));
  });

  it('commits concurrent calls of record together, each with its own work in the same transaction', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c'].map((id) => inbox.record(webhook(id, `P${id}`), (trx) => trx(SYNC_TABLES.cursors).insert({ name: `seen-${id}`, value: id, updated_at: new Date() }))),
    );
    expect(results.every((result) => !result.duplicate && result.eventId !== null)).toBe(true);
    expect((await stored()).events).toHaveLength(3);
    expect((await database.db(SYNC_TABLES.cursors).orderBy('name').pluck('name'))).toEqual(['seen-a', 'seen-b', 'seen-c']);
  });

  it('isolates a failing call of a group: the others are stored, the bad one alone is refused, nothing half-written', async () => {
    const boom = new Error('cannot store this one');
    const settled = await Promise.allSettled([
      inbox.record(webhook('ok-1', 'P1')),
      inbox.record(webhook('bad', 'P2'), async () => {
        throw boom;
      }),
      inbox.record(webhook('ok-2', 'P3')),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBe(boom);
    const { events, jobs } = await stored();
    expect(events.map((event) => event.source_event_id)).toEqual(['ok-1', 'ok-2']);
    expect(jobs).toHaveLength(2);
  });
});
