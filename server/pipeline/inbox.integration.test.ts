import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_TABLES } from '../store/tables';
import type { Knex } from 'knex';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { cue, eventually } from '../testing/eventually';
import type { EventRow, JobRow } from '../testing/rows';
import { Inbox, PROCESS_EVENT_TASK, type InboundEvent, type IntakeProcessing } from './inbox';
import { JobQueue, type NewJob } from './jobQueue';

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
    events: await database.db(SYNC_TABLES.events).orderBy('id').select<Pick<EventRow, 'id' | 'source_event_id'>[]>('id', 'source_event_id'),
    jobs: await database.db(SYNC_TABLES.jobs).orderBy('id').select<Pick<JobRow, 'task' | 'event_id' | 'queue_key'>[]>('task', 'event_id', 'queue_key'),
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
    expect(jobs).toEqual(
      events.map((event, index) => ({
        task: PROCESS_EVENT_TASK,
        event_id: event.id,
        queue_key: ['incident:PINC1', 'incident:PINC2', 'incident:PINC1'][index],
      })),
    );
  });

  it('commits concurrent calls of record together, each with its own work in the same transaction', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        inbox.record(webhook(id, `P${id}`), (trx) => trx(SYNC_TABLES.cursors).insert({ name: `seen-${id}`, value: id, updated_at: new Date() })),
      ),
    );
    expect(results.every((result) => !result.duplicate && result.eventId !== null)).toBe(true);
    expect((await stored()).events).toHaveLength(3);
    expect(await database.db(SYNC_TABLES.cursors).orderBy('name').pluck('name')).toEqual(['seen-a', 'seen-b', 'seen-c']);
  });

  it('answers concurrent calls of record each with its own result, a redelivery within the same turn as a duplicate', async () => {
    const results = await Promise.all([inbox.record(webhook('x', 'PX')), inbox.record(webhook('y', 'PY')), inbox.record(webhook('x', 'PX'))]);
    const { events, jobs } = await stored();
    expect(events.map((event) => event.source_event_id)).toEqual(['x', 'y']);
    expect(results).toEqual([
      { eventId: Number(events[0]!.id), duplicate: false },
      { eventId: Number(events[1]!.id), duplicate: false },
      { eventId: null, duplicate: true },
    ]);
    expect(jobs.map((job) => job.queue_key)).toEqual(['incident:PX', 'incident:PY']);
  });

  it('isolates a failing call of a group: the others are stored, the bad one alone is refused, nothing half-written', async () => {
    const boom = new Error('cannot store this one');
    const settled = await Promise.allSettled([
      inbox.record(webhook('ok-1', 'P1')),
      inbox.record(webhook('bad', 'P2'), () => Promise.reject(boom)),
      inbox.record(webhook('ok-2', 'P3')),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBe(boom);
    const { events, jobs } = await stored();
    expect(events.map((event) => event.source_event_id)).toEqual(['ok-1', 'ok-2']);
    expect(jobs).toHaveLength(2);
  });
});

/**
 * Processing at intake, with a stand-in processor: an event's payload says whether it needs the
 * worker and which queue its action job goes to. What is checked is the Inbox's part: which
 * events it processes in the storing transaction and which it leaves to their jobs.
 */
describe.each(engines)('Inbox processing at intake on %s', (engine) => {
  let database: TestDatabase;
  let jobs: JobQueue;

  interface Scripted {
    id: string;
    needsWorker?: boolean;
    actionQueue?: string;
    /** Processing waits, its storing transaction open, until the test releases it. */
    hold?: boolean;
    /** Processing throws. */
    fails?: boolean;
  }
  const event = (script: Scripted, queue: string): InboundEvent => ({
    source: 'salesforce',
    sourceEventId: script.id,
    kind: 'case.update',
    payload: script,
    caseId: queue,
  });

  /** The cues of a held event: its processing has begun (with its PostgreSQL backend pid), and may end. */
  let held: { entered: ReturnType<typeof cue<number | undefined>>; release: ReturnType<typeof cue<void>> };
  const backendPid = async (trx: Knex.Transaction) => (await trx.raw<{ rows: { pid: number }[] }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

  const scripted: IntakeProcessing = {
    begin(trx) {
      const processedIds: number[] = [];
      return Promise.resolve({
        async process(stored) {
          const script = JSON.parse(stored.payload) as Scripted;
          if (script.hold) {
            held.entered.resolve(engine === 'postgres' ? await backendPid(trx) : undefined);
            await held.release.promise;
          }
          if (script.fails) throw new Error('processing broke');
          if (script.needsWorker) return undefined;
          processedIds.push(stored.id);
          const actions: NewJob[] = script.actionQueue
            ? [{ task: 'create_incident', payload: {}, key: `action:${script.id}`, queueKey: script.actionQueue, eventId: stored.id }]
            : [];
          return { result: { status: 'processed' }, actions };
        },
        write: async () => {
          await trx(SYNC_TABLES.events).whereIn('id', processedIds).update({ status: 'processed' });
        },
      });
    },
  };
  const inbox = () => new Inbox(database.db, jobs, undefined, scripted);
  const jobsOf = async () =>
    database
      .db(SYNC_TABLES.jobs)
      .orderBy('id')
      .select<Pick<JobRow, 'task' | 'state' | 'attempts' | 'job_key' | 'queue_key'>[]>('task', 'state', 'attempts', 'job_key', 'queue_key');

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    jobs = new JobQueue(database.db);
    held = { entered: cue<number | undefined>(), release: cue() };
  });
  afterEach(() => database.drop());

  it('processes an event whose queue is free in the storing transaction: its processing job is recorded done, its action waits', async () => {
    const [recorded] = await inbox().recordMany([event({ id: 'e1', actionQueue: 'case:A' }, 'A')]);
    expect(recorded!.processed).toMatchObject({ job: { task: PROCESS_EVENT_TASK, state: 'done', attempts: 1, eventId: recorded!.eventId } });
    expect(await jobsOf()).toEqual([
      { task: 'create_incident', state: 'pending', attempts: 0, job_key: 'action:e1', queue_key: 'case:A' },
      { task: PROCESS_EVENT_TASK, state: 'done', attempts: 1, job_key: `event:${recorded!.eventId}`, queue_key: 'case:A' },
    ]);
  });

  it('leaves an event behind an unfinished job of its queue to its job, and every later event of that queue too; other queues go on', async () => {
    await jobs.enqueue({ task: 'create_incident', payload: {}, key: 'earlier', queueKey: 'case:A' });
    const results = await inbox().recordMany([event({ id: 'a1' }, 'A'), event({ id: 'b1' }, 'B'), event({ id: 'a2' }, 'A')]);
    expect(results.map((result) => Boolean(result.processed))).toEqual([false, true, false]);
    const pending = (await jobsOf()).filter((job) => job.task === PROCESS_EVENT_TASK && job.state === 'pending').map((job) => job.queue_key);
    expect(pending).toEqual(['case:A', 'case:A']);
  });

  it('keeps a queue in order behind an event that needs the worker, and behind an action a processed event just queued', async () => {
    const results = await inbox().recordMany([
      event({ id: 'a1', needsWorker: true }, 'A'),
      event({ id: 'a2' }, 'A'),
      event({ id: 'b1', actionQueue: 'case:B' }, 'B'),
      event({ id: 'b2' }, 'B'),
      event({ id: 'c1' }, 'C'),
    ]);
    expect(results.map((result) => Boolean(result.processed))).toEqual([false, false, true, false, true]);
  });

  it('enqueues jobs in event order: an action a later event adds to a queue comes after an earlier event of that queue left to its job', async () => {
    await inbox().recordMany([event({ id: 'a1', needsWorker: true }, 'A'), event({ id: 'b1', actionQueue: 'case:A' }, 'B')]);
    expect((await jobsOf()).filter((job) => job.state === 'pending').map((job) => [job.task, job.queue_key])).toEqual([
      [PROCESS_EVENT_TASK, 'case:A'],
      ['create_incident', 'case:A'],
    ]);
  });

  it('rolls processing back as a whole when it throws: every event is stored with its job, nothing of the processing is left', async () => {
    const results = await inbox().recordMany([event({ id: 'a1', actionQueue: 'case:A' }, 'A'), event({ id: 'b1', fails: true }, 'B')]);
    expect(results.map((result) => [result.duplicate, Boolean(result.processed)])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect((await jobsOf()).map((job) => [job.task, job.state])).toEqual([
      [PROCESS_EVENT_TASK, 'pending'],
      [PROCESS_EVENT_TASK, 'pending'],
    ]);
    expect(await database.db(SYNC_TABLES.events).orderBy('id').pluck('status')).toEqual(['received', 'received']);
  });

  it("lets only one of two concurrent intakes process events of the same queue: the later one waits its turn behind the first one's action", async () => {
    const first = inbox().recordMany([event({ id: 'x1', actionQueue: 'case:X', hold: true }, 'X')]);
    const firstPid = await held.entered.promise;
    const second = inbox().recordMany([event({ id: 'x2', actionQueue: 'case:X' }, 'X')]);
    // The second runs while the first holds its transaction open. On SQLite it waits for the one
    // connection the first holds; on PostgreSQL it gets as far as the queue lock: wait until it does.
    if (engine === 'postgres') {
      if (firstPid === undefined) throw new Error('The held intake did not report its PostgreSQL backend');
      const blockedBy = async (pid: number) =>
        (await database.db.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))', [pid]))
          .rows[0]!.n;
      await eventually(async () => (await blockedBy(firstPid)) > 0, "the second intake to wait for the first's queue lock");
    }
    held.release.resolve();
    const [[one], [two]] = await Promise.all([first, second]);
    expect([Boolean(one!.processed), Boolean(two!.processed)]).toEqual([true, false]);
    expect((await jobsOf()).filter((job) => job.task === 'create_incident').map((job) => job.job_key)).toEqual(['action:x1']);
  });
});
