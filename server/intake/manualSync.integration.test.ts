/**
 * Manual sync against the Salesforce emulator on real SQLite: full and incremental runs with
 * progress, cancellation mid-run, one run at a time across instances.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceEmulator } from '../../emulators/salesforce';
import { dateAfterSeed, inboxEvents, quietLogger, restAs, useIntakeSuite, type IntakeDeps } from '../testing/intakeSuite';
import { eventually } from '../testing/eventually';
import { updateSyncSettings } from './syncSettings';
import type { TestDatabase } from '../testing/databases';
import type { CaseChangePayload } from '../pipeline/events';
import { ManualSyncRunner } from './manualSync';

let emulator: SalesforceEmulator;
let database: TestDatabase;
let deps: IntakeDeps;
useIntakeSuite((suite) => ({ emulator, database, intake: deps } = suite));
beforeEach(async () => {
  await updateSyncSettings(database.db, { startDate: '2000-01-01T00:00:00Z' });
});
afterEach(async () => {
  await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
});

function runner(
  instanceId = 'instance-a',
  options: { batchSize?: number; progressEveryMs?: number; bulkThreshold?: number; bulkPolling?: { intervalMs: number; timeoutMs: number } } = {},
) {
  return new ManualSyncRunner({ db: database.db, ...deps, logger: quietLogger, instanceId, ...options });
}

describe('manual sync', () => {
  it('runs a full sync of every Case since the start date, then incremental runs from its watermark', async () => {
    const manual = runner();
    const started = await manual.start('full');
    expect(started).toMatchObject({ mode: 'full', state: 'running', processed: 0, since: '2000-01-01T00:00:00Z' });
    const full = (await manual.settled(started.id))!;
    const caseCount = emulator.seedInfo().caseIds.length;
    expect(full).toMatchObject({ state: 'succeeded', processed: caseCount, total: caseCount, recorded: caseCount, percent: 100, error: null });
    expect(full.finishedAt).not.toBeNull();
    const events = await inboxEvents<CaseChangePayload>(database.db);
    expect(events).toHaveLength(caseCount);
    expect(events[0]).toMatchObject({ source: 'manual_sync', payload: { origin: 'manual_sync', changedFields: null } });
    expect(events.every((event) => event.sourceEventId === `sync:${started.id}:${event.caseId}`)).toBe(true);

    const quiet = (await manual.settled((await manual.start('incremental')).id))!;
    expect(quiet).toMatchObject({ state: 'succeeded', processed: 0, total: 0, since: full.watermark, percent: 100 });

    const agent = await restAs(emulator);
    await agent.sobject('Case').update({ Id: emulator.seedInfo().caseIds[3]!, Status: 'Escalated' } as never);
    const incremental = (await manual.settled((await manual.start('incremental')).id))!;
    expect(incremental).toMatchObject({ state: 'succeeded', processed: 1, total: 1, recorded: 1 });
    expect((await manual.runs.latest(10)).map((run) => run.id)).toEqual([incremental.id, quiet.id, started.id]);
  });

  it('only covers Cases changed since the start date', async () => {
    await updateSyncSettings(database.db, { startDate: (await dateAfterSeed(emulator)).toISOString() });
    const agent = await restAs(emulator);
    const created = await agent.sobject('Case').create({ Subject: 'After the start date', Origin: 'Web' });
    const manual = runner();
    const run = (await manual.settled((await manual.start('full')).id))!;
    expect(run).toMatchObject({ state: 'succeeded', processed: 1, total: 1 });
    expect((await inboxEvents(database.db)).map((event) => event.caseId)).toEqual([created.id]);
  });

  it('reports progress while running, stops on cancel, and allows one run at a time across instances', async () => {
    const agent = await restAs(emulator);
    const extra = Array.from({ length: 400 }, (_, index) => ({ Subject: `Bulk ${index}`, Origin: 'Web' }));
    await agent.sobject('Case').create(extra.slice(0, 200), { allOrNone: true });
    await agent.sobject('Case').create(extra.slice(200), { allOrNone: true });
    // Each further page of the query takes a while, as on a large org.
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/query/[^/?]+$', latencyMs: 400 }),
    });
    const manual = runner('instance-a', { batchSize: 200, progressEveryMs: 50 });
    const other = runner('instance-b');
    const run = await manual.start('full');
    await expect(other.start('incremental')).rejects.toMatchObject({ code: 'conflict', details: { runId: run.id } });
    await expect(manual.start('full')).rejects.toMatchObject({ code: 'conflict' });

    await eventually(async () => (await manual.runs.get(run.id))!.processed >= 200, 'progress past the first page');
    const midway = (await manual.runs.get(run.id))!;
    expect(midway.total).toBe(emulator.seedInfo().caseIds.length + 400);
    expect(midway.percent).toBeGreaterThan(0);
    expect(midway.percent).toBeLessThan(100);

    // Cancelled from the other instance: the running one sees it at its next progress write.
    await other.cancel(run.id);
    const cancelled = (await manual.settled(run.id))!;
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelRequested: true, watermark: null });
    expect(cancelled.processed).toBeLessThan(cancelled.total!);
    expect(await inboxEvents(database.db)).toHaveLength(cancelled.processed);
    await expect(other.cancel(run.id)).rejects.toMatchObject({ code: 'conflict' });

    // The lease was released: another instance may run now.
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    const next = (await other.settled((await other.start('full')).id))!;
    expect(next.state).toBe('succeeded');
  }, 120_000);

  it('records a failed run with the reason when Salesforce refuses the query', async () => {
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/query', status: 400, code: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.', times: 1 }),
    });
    const manual = runner();
    const run = (await manual.settled((await manual.start('full')).id))!;
    expect(run.state).toBe('failed');
    expect(run.error).toContain('TotalRequests Limit exceeded');
    // The failure released the lease and the fault is spent: the next run works.
    const retry = (await manual.settled((await manual.start('full')).id))!;
    expect(retry.state).toBe('succeeded');
  });

  it('reads a large org through one Bulk API 2.0 query job, recording every Case once with the values a REST read gives', async () => {
    const caseCount = emulator.seedInfo().caseIds.length;
    // The REST way first, to compare values: the threshold is above the org's size.
    const rest = runner();
    const paged = (await rest.settled((await rest.start('full')).id))!;
    expect(paged).toMatchObject({ state: 'succeeded', processed: caseCount, note: null });
    await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });

    // A threshold below the org's size stands in for a million-Case org.
    const manual = runner('instance-a', { bulkThreshold: 10, bulkPolling: { intervalMs: 10, timeoutMs: 30_000 }, progressEveryMs: 20 });
    const run = (await manual.settled((await manual.start('full')).id))!;
    expect(run).toMatchObject({ state: 'succeeded', processed: caseCount, total: caseCount, recorded: caseCount, percent: 100, error: null });
    expect(run.note).toContain('Bulk API 2.0');
    expect(run.watermark).toBe(paged.watermark);

    const events = await inboxEvents<CaseChangePayload>(database.db);
    const bulkEvents = events.filter((event) => event.sourceEventId.startsWith(`sync:${run.id}:`));
    expect(bulkEvents).toHaveLength(caseCount);
    expect(new Set(bulkEvents.map((event) => event.caseId))).toEqual(new Set(emulator.seedInfo().caseIds));
    // Booleans, numbers, nulls and datetimes come back in the REST shapes, so snapshots diff alike.
    const restValues = new Map(
      events.filter((event) => event.sourceEventId.startsWith(`sync:${paged.id}:`)).map((event) => [event.caseId, event.payload.values]),
    );
    for (const event of bulkEvents) expect(event.payload.values).toEqual(restValues.get(event.caseId));

    // One COUNT() query, then the bulk job: no REST query pages.
    const { counts } = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { counts: { byEndpoint: Record<string, number> } };
    const endpoints = Object.entries(counts.byEndpoint);
    expect(endpoints.filter(([endpoint]) => endpoint.includes('/jobs/query/:id/results'))).toEqual([[expect.any(String), 1]]);
    expect(endpoints.filter(([endpoint]) => /^GET \/services\/data\/:version\/query(\/:locator)?$/.test(endpoint))).toEqual([[expect.any(String), 1]]);
  });
});
