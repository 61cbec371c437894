import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { clearProblem, dueSelfAlerts, listSelfAlerts, markAttemptFailed, markDelivered, reportProblem, retrySelfAlertsNow } from './selfAlerts';

const problem = { kind: 'jobs_dead', dedupKey: 'connector.example.com/self-monitor/jobs_dead', summary: '2 sync jobs gave up', details: { deadJobs: 2 } };

describe.each(await testEngines())('self-alert state on %s', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('opens a problem once, keeps it delivered while it stays, resolves it when it clears, and forgets it once resolved', async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    const t0 = new Date('2026-12-07T10:00:00Z');
    await reportProblem(db, problem, t0);
    expect(await dueSelfAlerts(db, t0)).toMatchObject([{ kind: 'jobs_dead', state: 'open', delivered: false, triggered: false, attempts: 0 }]);

    await markAttemptFailed(db, 'jobs_dead', 'open', 'HTTP 500', new Date(t0.getTime() + 1_000), t0);
    expect(await dueSelfAlerts(db, t0)).toEqual([]);
    expect(await dueSelfAlerts(db, new Date(t0.getTime() + 1_000))).toMatchObject([{ attempts: 1, lastError: 'HTTP 500' }]);
    await retrySelfAlertsNow(db, t0);
    expect(await dueSelfAlerts(db, t0)).toMatchObject([{ attempts: 0 }]);

    await markDelivered(db, 'jobs_dead', 'open', t0);
    await reportProblem(db, { ...problem, summary: '3 sync jobs gave up', details: { deadJobs: 3 } }, t0);
    expect(await dueSelfAlerts(db, t0)).toEqual([]);
    expect(await listSelfAlerts(db)).toMatchObject([
      { state: 'open', delivered: true, triggered: true, summary: '3 sync jobs gave up', details: { deadJobs: 3 } },
    ]);

    await clearProblem(db, 'jobs_dead', t0);
    expect(await dueSelfAlerts(db, t0)).toMatchObject([{ state: 'cleared', delivered: false, triggered: true }]);
    // Back before its resolve went out: open again, its trigger due again.
    await reportProblem(db, problem, t0);
    expect(await dueSelfAlerts(db, t0)).toMatchObject([{ state: 'open', delivered: false, triggered: true }]);
    await markDelivered(db, 'jobs_dead', 'open', t0);
    await clearProblem(db, 'jobs_dead', t0);
    await markDelivered(db, 'jobs_dead', 'cleared', t0);
    expect(await listSelfAlerts(db)).toEqual([]);
  });
});
