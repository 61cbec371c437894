import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_TABLES } from '../store/tables';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { cue, eventually, settlesWithin } from '../testing/eventually';
import type { JobRow } from '../testing/rows';
import { JobQueue, type Job } from './jobQueue';
import { Worker, type BatchOutcome } from './worker';

const engines = await testEngines();
const quiet = pino({ level: 'silent' });

describe.each(engines)('Worker batch lane on %s', (engine) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let worker: Worker | undefined;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    queue = new JobQueue(database.db);
  });
  afterEach(async () => {
    await worker?.stop(1_000);
    await database.drop();
  });

  const states = async () =>
    Object.fromEntries(
      (await database.db(SYNC_TABLES.jobs).select<Pick<JobRow, 'job_key' | 'state'>[]>('job_key', 'state')).map((row) => [row.job_key, row.state]),
    );
  const marks = async () => (await database.db(SYNC_TABLES.cursors).orderBy('name').pluck('name')) as string[];

  function start(handle: (jobs: Job[]) => Promise<BatchOutcome[]>): { batches: number[][]; singlesRun: string[] } {
    const seen = { batches: [] as number[][], singlesRun: [] as string[] };
    worker = new Worker({
      queue,
      handlers: {
        single: (job) => {
          seen.singlesRun.push(job.key);
          return Promise.resolve(undefined);
        },
      },
      batch: {
        task: 'batched',
        maxJobs: 3,
        handle: async (jobs) => {
          seen.batches.push(jobs.map((job) => job.payload as number));
          return handle(jobs);
        },
      },
      classifyError: (error) => ({ retryable: false, message: (error as Error).message }),
      logger: quiet,
      concurrency: 2,
      pollIntervalMs: 50,
    });
    worker.start();
    return seen;
  }

  it('runs batched jobs in batches of at most maxJobs, commits each batch with its writes, and runs other tasks as single jobs', async () => {
    for (let index = 0; index < 7; index++) await queue.enqueue({ task: 'batched', payload: index, key: `b${index}` });
    for (const key of ['s1', 's2']) await queue.enqueue({ task: 'single', payload: key, key });
    const seen = start((jobs) =>
      Promise.resolve(
        jobs.map((job) => ({
          ok: true as const,
          result: {
            result: { n: job.payload },
            write: async (trx) => {
              await trx(SYNC_TABLES.cursors).insert({ name: `mark-${String(job.payload)}`, value: '1', updated_at: new Date() });
            },
          },
        })),
      ),
    );
    await eventually(async () => Object.values(await states()).every((state) => state === 'done'), 'all jobs done');
    expect(seen.batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Math.max(...seen.batches.map((batch) => batch.length))).toBeLessThanOrEqual(3);
    expect(seen.singlesRun.sort()).toEqual(['s1', 's2']);
    expect(await marks()).toEqual([0, 1, 2, 3, 4, 5, 6].map((index) => `mark-${index}`));
    const done = await database.db(SYNC_TABLES.jobs).where({ job_key: 'b0' }).first<JobRow | undefined>();
    expect(JSON.parse(done!.result!)).toEqual({ n: 0 });
  });

  it('fails only the job whose outcome is an error, or whose write fails, and writes nothing of it; the others commit', async () => {
    for (const [key, payload] of [
      ['ok', 1],
      ['bad', 2],
      ['unwritable', 3],
    ] as const)
      await queue.enqueue({ task: 'batched', payload, key });
    start((jobs) =>
      Promise.resolve(
        jobs.map((job) =>
          job.payload === 2
            ? { ok: false as const, error: new Error('cannot process event 2') }
            : {
                ok: true as const,
                result: {
                  write: async (trx) => {
                    await trx(SYNC_TABLES.cursors).insert({ name: `mark-${String(job.payload)}`, value: '1', updated_at: new Date() });
                    if (job.payload === 3) throw new Error('disk full');
                  },
                },
              },
        ),
      ),
    );
    await eventually(async () => {
      const now = await states();
      return now.ok === 'done' && now.bad === 'dead' && now.unwritable === 'dead';
    }, 'one done, two dead');
    const error = async (key: string) => (await database.db(SYNC_TABLES.jobs).where({ job_key: key }).first<JobRow | undefined>())?.last_error;
    expect(await error('bad')).toBe('cannot process event 2');
    expect(await error('unwritable')).toBe('disk full');
    expect(await marks()).toEqual(['mark-1']);
  });

  it('stops within its grace period while a batch hangs, and hands the batch back for another worker', async () => {
    await queue.enqueue({ task: 'batched', payload: 1, key: 'slow' });
    const batchStarted = cue();
    start(async () => {
      batchStarted.resolve();
      return new Promise<BatchOutcome[]>(() => undefined);
    });
    await batchStarted.promise;
    // The grace period is 300 ms; the bound only catches a stop that waits for the hung batch.
    await settlesWithin(worker!.stop(300), 15_000, 'Worker.stop(300) with a hung batch');
    const job = await database.db(SYNC_TABLES.jobs).where({ job_key: 'slow' }).first<JobRow | undefined>();
    expect(job).toMatchObject({ state: 'pending', attempts: 0, locked_by: null });
    worker = undefined;
  });
});

describe.each(engines)('Worker finish outcomes on %s', (engine) => {
  let database: TestDatabase;
  let worker: Worker | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(async () => {
    await worker?.stop(1_000);
    await database.drop();
  });

  it('tells a job done without acting (skipped, with its reason) apart from one carried out', async () => {
    const queue = new JobQueue(database.db);
    const finished: Record<string, string> = {};
    worker = new Worker({
      queue,
      handlers: {
        act: () => Promise.resolve({ result: { ok: true } }),
        skip: () => Promise.resolve({ skipped: 'The incident has no linked Case' }),
      },
      classifyError: (error) => ({ retryable: false, message: (error as Error).message }),
      logger: quiet,
      pollIntervalMs: 50,
      onJobFinished: (job, outcome) => (finished[job.key] = outcome),
    });
    await queue.enqueue({ task: 'act', payload: {}, key: 'acted' });
    await queue.enqueue({ task: 'skip', payload: {}, key: 'skipped' });
    worker.start();
    await eventually(() => Object.keys(finished).length === 2, 'both jobs to finish');
    expect(finished).toEqual({ acted: 'done', skipped: 'skipped' });
  });
});
