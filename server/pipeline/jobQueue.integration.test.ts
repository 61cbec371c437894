import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_TABLES } from '../store/tables';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { JobQueue } from './jobQueue';
import type { JobState } from './jobStates';

const engines = await testEngines();

describe.each(engines)('JobQueue on %s', (engine) => {
  let database: TestDatabase;
  let now: Date;
  let queue: JobQueue;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    now = new Date('2026-11-22T10:00:00Z');
    queue = new JobQueue(database.db, { leaseMs: 60_000, now: () => now });
  });
  afterEach(() => database.drop());

  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  it('enqueues once per idempotency key', async () => {
    expect(await queue.enqueue({ task: 't', payload: { n: 1 }, key: 'k1' })).toBe(true);
    expect(await queue.enqueue({ task: 't', payload: { n: 2 }, key: 'k1' })).toBe(false);
    const rows = await database.db(SYNC_TABLES.jobs).select<{ payload: string }[]>('payload');
    expect(rows.map((row) => JSON.parse(row.payload) as unknown)).toEqual([{ n: 1 }]);
  });

  it('stores a skipped job as done with the reason first in its result, and knows when each job was enqueued', async () => {
    for (const key of ['skip', 'plain']) await queue.enqueue({ task: 't', payload: key, key });
    const [skip, plain] = await queue.claim('w1', 2);
    expect(skip!.createdAt).toEqual(now);
    expect(await queue.complete(skip!, 'w1', { skipped: 'The incident has no linked Case', result: { caseId: null, skipped: 'older' } })).toBe(true);
    expect(await queue.complete(plain!, 'w1', { result: { caseId: '500' } })).toBe(true);
    const rows = await database.db(SYNC_TABLES.jobs).orderBy('id').select('state', 'result');
    expect(rows).toEqual([
      { state: 'done', result: '{"skipped":"The incident has no linked Case","caseId":null}' },
      { state: 'done', result: '{"caseId":"500"}' },
    ]);
  });

  it('claims in one statement, counting the attempt and stamping the lease, and never twice', async () => {
    for (let i = 0; i < 5; i++) await queue.enqueue({ task: 't', payload: i, key: `k${i}` });
    const first = await queue.claim('w1', 3);
    const second = await queue.claim('w2', 10);
    expect(first.map((job) => job.payload)).toEqual([0, 1, 2]);
    expect(second.map((job) => job.payload)).toEqual([3, 4]);
    expect(first.every((job) => job.state === 'running' && job.attempts === 1 && job.lockedBy === 'w1')).toBe(true);
    expect(await queue.claim('w3', 10)).toEqual([]);
  });

  it('runs jobs of one queue key one at a time, in order, while other queues proceed', async () => {
    await queue.enqueue({ task: 't', payload: 'a1', key: 'a1', queueKey: 'case:A' });
    await queue.enqueue({ task: 't', payload: 'a2', key: 'a2', queueKey: 'case:A' });
    await queue.enqueue({ task: 't', payload: 'b1', key: 'b1', queueKey: 'case:B' });
    const claimed = await queue.claim('w1', 10);
    expect(claimed.map((job) => job.payload)).toEqual(['a1', 'b1']);
    expect(await queue.claim('w2', 10)).toEqual([]);
    await queue.complete(claimed[0]!, 'w1');
    expect((await queue.claim('w2', 10)).map((job) => job.payload)).toEqual(['a2']);
  });

  it('retries after the backoff, keeps the queue blocked meanwhile, and goes dead after the last attempt', async () => {
    await queue.enqueue({ task: 't', payload: 'x', key: 'x', queueKey: 'q', maxAttempts: 2 });
    await queue.enqueue({ task: 't', payload: 'y', key: 'y', queueKey: 'q' });
    const [job] = await queue.claim('w1', 1);
    expect(await queue.fail(job!, 'w1', { error: 'HTTP 500', retryable: true, retryInMs: 5_000 })).toBe('failed');
    expect(await queue.claim('w1', 10)).toEqual([]);
    advance(5_000);
    const [again] = await queue.claim('w1', 10);
    expect(again).toMatchObject({ payload: 'x', attempts: 2 });
    expect(await queue.fail(again!, 'w1', { error: 'HTTP 500 again', hint: 'PagerDuty is failing', retryable: true, retryInMs: 5_000 })).toBe('dead');
    const dead = await queue.get(again!.id);
    expect(dead).toMatchObject({ state: 'dead', lastError: 'HTTP 500 again' });
    // A dead job no longer blocks its queue.
    expect((await queue.claim('w1', 10)).map((claimed) => claimed.payload)).toEqual(['y']);
  });

  it('fails permanently at once on a non-retryable error', async () => {
    await queue.enqueue({ task: 't', payload: 'x', key: 'x' });
    const [job] = await queue.claim('w1', 1);
    expect(await queue.fail(job!, 'w1', { error: 'invalid', retryable: false, retryInMs: 0 })).toBe('dead');
  });

  it('reclaims a job whose worker died once the lease expires; the old worker can no longer finish it', async () => {
    await queue.enqueue({ task: 't', payload: 'x', key: 'x', maxAttempts: 3 });
    const [job] = await queue.claim('dead-worker', 1);
    expect(await queue.claim('w2', 1)).toEqual([]);
    advance(60_001);
    const [reclaimed] = await queue.claim('w2', 1);
    expect(reclaimed).toMatchObject({ id: job!.id, attempts: 2, lockedBy: 'w2' });
    expect(await queue.complete(job!, 'dead-worker')).toBe(false);
    expect(await queue.complete(reclaimed!, 'w2')).toBe(true);
    expect((await queue.get(job!.id))?.state).toBe('done');
  });

  it('buries a job whose worker died on its last attempt instead of looping', async () => {
    await queue.enqueue({ task: 't', payload: 'x', key: 'x', maxAttempts: 1 });
    await queue.claim('dead-worker', 1);
    advance(60_001);
    expect(await queue.claim('w2', 1)).toEqual([]);
    expect((await queue.countByState()).dead).toBe(1);
  });

  it('releases claimed jobs on shutdown without counting the attempt, and retries dead jobs on demand', async () => {
    await queue.enqueue({ task: 't', payload: 'x', key: 'x', maxAttempts: 1 });
    await queue.claim('w1', 1);
    expect(await queue.release('w1')).toBe(1);
    const [job] = await queue.claim('w1', 1);
    expect(job!.attempts).toBe(1);
    await queue.fail(job!, 'w1', { error: 'boom', retryable: true, retryInMs: 0 });
    expect((await queue.get(job!.id))?.state).toBe('dead');
    expect(await queue.retry(job!.id)).toBe(true);
    expect(await queue.retry(job!.id)).toBe(false);
    const [retried] = await queue.claim('w1', 1);
    expect(retried).toMatchObject({ id: job!.id, attempts: 1 });
  });

  /** The job's whole row, to show a refused call left every column as it was. */
  const row = (id: number) => database.db(SYNC_TABLES.jobs).where({ id }).first() as Promise<Record<string, unknown>>;
  /** Puts a job in `state` still naming `lockedBy`, so only the state check stands between a call and the row. */
  const force = (id: number, state: JobState, lockedBy: string | null) => database.db(SYNC_TABLES.jobs).where({ id }).update({ state, locked_by: lockedBy });
  const failure = { error: 'HTTP 500', retryable: true, retryInMs: 1_000 };

  it('refuses to complete, fail or release a job that is not running, even when it names the worker, and leaves it as it was', async () => {
    await queue.enqueue({ task: 't', payload: 'x', key: 'x' });
    const [job] = await queue.claim('w1', 1);
    for (const state of ['pending', 'done', 'failed', 'dead'] as const) {
      await force(job!.id, state, 'w1');
      const before = await row(job!.id);
      expect(await queue.complete(job!, 'w1', { result: 'should not be written' }), `complete a ${state} job`).toBe(false);
      expect(await queue.fail(job!, 'w1', failure), `fail a ${state} job`).toBe('lost');
      expect(await queue.fail(job!, 'w1', { ...failure, retryable: false }), `bury a ${state} job`).toBe('lost');
      expect(await queue.release('w1'), `release a ${state} job`).toBe(0);
      expect(await row(job!.id)).toEqual(before);
    }
    // The same calls on the running job it holds do change it.
    await force(job!.id, 'running', 'w1');
    expect(await queue.complete(job!, 'w1')).toBe(true);
    expect((await queue.get(job!.id))?.state).toBe('done');
  });

  it('refuses to finish a job a second time: a completed job stays done whatever its old worker says', async () => {
    await queue.enqueue({ task: 't', payload: 'x', key: 'x' });
    const [job] = await queue.claim('w1', 1);
    expect(await queue.complete(job!, 'w1', { result: 'first' })).toBe(true);
    const done = await row(job!.id);
    expect(await queue.complete(job!, 'w1', { result: 'second' })).toBe(false);
    expect(await queue.fail(job!, 'w1', failure)).toBe('lost');
    expect(await row(job!.id)).toEqual(done);
    expect(JSON.parse(done.result as string)).toBe('first');
  });

  it('retries only dead and failed jobs: a done, pending or running job is refused and left as it was', async () => {
    for (const [index, state] of (['done', 'pending', 'running'] as const).entries()) {
      await queue.enqueue({ task: 't', payload: state, key: `refused${index}` });
      const [job] = await queue.claim('w1', 1);
      await force(job!.id, state, state === 'running' ? 'w1' : null);
      const before = await row(job!.id);
      expect(await queue.retry(job!.id), `retry a ${state} job`).toBe(false);
      expect(await row(job!.id)).toEqual(before);
      await force(job!.id, 'done', null);
    }
    for (const [index, state] of (['dead', 'failed'] as const).entries()) {
      await queue.enqueue({ task: 't', payload: state, key: `retried${index}` });
      const [job] = await queue.claim('w1', 1);
      await force(job!.id, state, null);
      expect(await queue.retry(job!.id), `retry a ${state} job`).toBe(true);
      expect(await queue.get(job!.id)).toMatchObject({ state: 'pending', attempts: 0 });
      await force(job!.id, 'done', null);
    }
  });

  it('never claims a done or dead job, however long ago its lease was stamped', async () => {
    await queue.enqueue({ task: 't', payload: 'done', key: 'done' });
    await queue.enqueue({ task: 't', payload: 'dead', key: 'dead' });
    const claimed = await queue.claim('w1', 2);
    await force(claimed[0]!.id, 'done', 'w1');
    await force(claimed[1]!.id, 'dead', 'w1');
    const before = await Promise.all(claimed.map((job) => row(job.id)));
    advance(10 * 60_000);
    expect(await queue.claim('w2', 10)).toEqual([]);
    expect(await Promise.all(claimed.map((job) => row(job.id)))).toEqual(before);
  });

  it('hands every job to exactly one of many concurrent claimers', async () => {
    for (let i = 0; i < 200; i++) await queue.enqueue({ task: 't', payload: i, key: `k${i}`, queueKey: `q${i % 20}` });
    const others = engine === 'postgres' ? [await createOtherConnection(database), await createOtherConnection(database)] : [];
    const queues = [queue, ...others.map((db) => new JobQueue(db, { leaseMs: 60_000, now: () => now }))];
    const seen = new Map<number, string>();
    const inFlight = new Map<string, number>();
    let rounds = 0;
    while (seen.size < 200 && rounds++ < 500) {
      const batches = await Promise.all(queues.map((q, index) => q.claim(`w${index}`, 7).then((jobs) => ({ jobs, worker: `w${index}`, q }))));
      for (const { jobs } of batches) {
        for (const job of jobs) {
          expect(seen.has(job.id), `job ${job.id} claimed twice`).toBe(false);
          expect(inFlight.has(job.queueKey!), `queue ${job.queueKey} ran two jobs at once`).toBe(false);
          seen.set(job.id, job.queueKey!);
          inFlight.set(job.queueKey!, job.id);
        }
      }
      for (const { jobs, worker, q } of batches) {
        for (const job of jobs) {
          await q.complete(job, worker);
          inFlight.delete(job.queueKey!);
        }
      }
    }
    expect(seen.size).toBe(200);
    await Promise.all(others.map((db) => db.destroy()));
  });
});

async function createOtherConnection(database: TestDatabase) {
  const { default: knexFactory } = await import('knex');
  if (database.config.client !== 'pg') throw new Error('only for PostgreSQL');
  return knexFactory({ client: 'pg', connection: database.config.connectionString, searchPath: [database.config.searchPath], pool: { min: 0, max: 2 } });
}
