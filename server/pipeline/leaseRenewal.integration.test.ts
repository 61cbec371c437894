import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDate } from '../store/db';
import { SYNC_TABLES } from '../store/tables';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { cue, eventually } from '../testing/eventually';
import type { JobRow } from '../testing/rows';
import { JobQueue } from './jobQueue';
import { Worker, type JobFinish, type TaskHandler } from './worker';

const engines = await testEngines();
const quiet = pino({ level: 'silent' });
const LEASE_MS = 60_000;

/**
 * A job runs as long as its vendor calls take. These suites move the queues' clock past the lease
 * while a job is still running (as a slow Salesforce write would) and check that it is run once.
 */
describe.each(engines)('Job leases while jobs run on %s', (engine) => {
  let database: TestDatabase;
  const workers: Worker[] = [];
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop(1_000)));
    await database.drop();
  });

  /** A clock the test moves by hand: one per instance, as each instance reads its own. */
  function clock() {
    let at = Date.now();
    return {
      now: () => new Date(at),
      advance: (ms: number) => (at += ms),
      get at() {
        return at;
      },
    };
  }
  const jobRow = async (key: string) => (await database.db(SYNC_TABLES.jobs).where({ job_key: key }).first<JobRow | undefined>())!;

  function startWorker(
    id: string,
    queue: JobQueue,
    handlers: Record<string, TaskHandler>,
    options: { heartbeatMs?: number; onJobFinished?: (outcome: JobFinish) => void } = {},
  ) {
    const worker = new Worker({
      queue,
      handlers,
      classifyError: (error) => ({ retryable: true, message: (error as Error).message }),
      logger: quiet,
      workerId: id,
      pollIntervalMs: 20,
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
      onJobFinished: (_job, outcome) => options.onJobFinished?.(outcome),
    });
    workers.push(worker);
    worker.start();
    return worker;
  }

  it('renews the lease of a job that outlives it, so another instance does not run it a second time', async () => {
    const time = clock();
    const queueA = new JobQueue(database.db, { leaseMs: LEASE_MS, now: time.now });
    const queueB = new JobQueue(database.db, { leaseMs: LEASE_MS, now: time.now });
    const runs: string[] = [];
    const started = cue();
    const vendorAnswers = cue();
    const createIncident = (instance: string): Record<string, TaskHandler> => ({
      create_incident: async () => {
        runs.push(instance);
        started.resolve();
        await vendorAnswers.promise;
        return { result: { incident: 'Q1' } };
      },
    });
    await queueA.enqueue({ task: 'create_incident', payload: {}, key: 'page-case-1' });
    startWorker('A', queueA, createIncident('A'), { heartbeatMs: 20 });
    await started.promise;

    // The vendor call is still running when the lease runs out by the clock.
    time.advance(LEASE_MS + 1_000);
    const renewedTo = time.at;
    await eventually(async () => toDate((await jobRow('page-case-1')).locked_at).getTime() >= renewedTo, 'the heartbeat to renew the lease');

    // A second instance looks for expired leases (its first claim sweeps) and finds none.
    let claimsByB = 0;
    const claim = queueB.claim.bind(queueB);
    queueB.claim = async (...args) => {
      const claimed = await claim(...args);
      claimsByB += 1;
      return claimed;
    };
    startWorker('B', queueB, createIncident('B'));
    await eventually(() => claimsByB >= 2, 'the second instance to claim');

    vendorAnswers.resolve();
    await eventually(async () => (await jobRow('page-case-1')).state === 'done', 'the job to be done');
    expect(runs).toEqual(['A']);
    expect(await jobRow('page-case-1')).toMatchObject({ attempts: 1, result: JSON.stringify({ incident: 'Q1' }) });
  });

  it('records nothing of a run whose job was taken over: neither its outcome nor its writes', async () => {
    const timeA = clock();
    const timeB = clock();
    const queueA = new JobQueue(database.db, { leaseMs: LEASE_MS, now: timeA.now });
    const queueB = new JobQueue(database.db, { leaseMs: LEASE_MS, now: timeB.now });
    const started = cue();
    const vendorAnswers = cue();
    const finished = cue<JobFinish>();
    await queueA.enqueue({ task: 'set_case_status', payload: {}, key: 'status-1' });
    startWorker(
      'A',
      queueA,
      {
        set_case_status: async () => {
          started.resolve();
          await vendorAnswers.promise;
          return {
            result: 'written by A',
            write: async (trx) => {
              await trx(SYNC_TABLES.cursors).insert({ name: 'written-by-A', value: '1', updated_at: new Date() });
            },
          };
        },
      },
      { heartbeatMs: 20, onJobFinished: (outcome) => finished.resolve(outcome) },
    );
    await started.promise;

    // Instance A's renewals stamp its own (stalled) clock: by instance B's, the lease ran out.
    timeB.advance(LEASE_MS + 1_000);
    const [taken] = await queueB.claim('B', 1);
    expect(taken).toMatchObject({ key: 'status-1', attempts: 2, lockedBy: 'B' });

    vendorAnswers.resolve();
    expect(await finished.promise).toBe('lost');
    expect(await database.db(SYNC_TABLES.cursors).where({ name: 'written-by-A' }).first()).toBeUndefined();
    expect(await jobRow('status-1')).toMatchObject({ state: 'running', locked_by: 'B', result: null });
    expect(await queueB.complete(taken!, 'B', { result: 'written by B' })).toBe(true);
  });

  it("matches a claim by its own lock token: a worker that takes back its own expired job cannot finish the first run's claim", async () => {
    const time = clock();
    const queue = new JobQueue(database.db, { leaseMs: LEASE_MS, now: time.now });
    await queue.enqueue({ task: 'create_incident', payload: {}, key: 'page-case-2' });
    const [first] = await queue.claim('A', 1);
    time.advance(LEASE_MS + 1_000);
    const [second] = await queue.claim('A', 1);
    expect(second).toMatchObject({ id: first!.id, attempts: 2 });
    expect(await queue.renew([first!], 'A')).toEqual(new Set());
    expect(await queue.complete(first!, 'A', { result: 'first run' })).toBe(false);
    expect(await queue.fail(first!, 'A', { error: 'first run failed', retryable: true, retryInMs: 0 })).toBe('lost');
    expect(await queue.renew([second!], 'A')).toEqual(new Set([second!.id]));
    expect(await queue.complete(second!, 'A', { result: 'second run' })).toBe(true);
    expect(await jobRow('page-case-2')).toMatchObject({ state: 'done', result: JSON.stringify('second run') });
  });
});
