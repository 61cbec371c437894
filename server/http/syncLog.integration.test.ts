import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness';
import { errorOf } from '../testing/replies';
import { insertEvent, insertJob } from '../testing/syncLogRows';
import type { SyncJobRetryReply, SyncLogEventReply, SyncLogReply, SummaryReply } from '../../contracts/api';

let server: TestServer;
let auth: { cookie: string; csrfToken: string };

async function call(method: string, route: string, options: { auth?: { cookie: string; csrfToken?: string } | null } = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  const session = options.auth === undefined ? auth : options.auth;
  if (session) headers.cookie = session.cookie;
  if (session?.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  const response = await fetch(`${server.url}${route}`, { method, headers });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : undefined;
  return { status: response.status, headers: response.headers, text, body: json };
}

/** A job that gave up, made the way the worker makes one: enqueue, claim, fail for good. */
async function deadJob(task: string, error: string, eventId: number | null = null): Promise<number> {
  const jobs = server.ctx.jobs;
  const key = `dead:${task}:${Math.random()}`;
  await jobs.enqueue({ task, payload: {}, key, maxAttempts: 1, eventId, caseNumber: '00009001' });
  const [job] = await jobs.claim('test-worker', 1);
  expect(job?.key).toBe(key);
  expect(await jobs.fail(job!, 'test-worker', { error, hint: 'Fix the rule, then retry.', retryable: false, retryInMs: 0 })).toBe('dead');
  return job!.id;
}

beforeAll(async () => {
  server = await startTestServer();
  auth = await server.signIn();
});
afterAll(() => server.close());

describe('SYNC LOG API', () => {
  it('answers 401 without a session, on every endpoint', async () => {
    for (const [method, route] of [
      ['GET', '/api/sync/log'],
      ['GET', '/api/sync/log.csv'],
      ['GET', '/api/sync/log/events/1'],
      ['POST', '/api/sync/jobs/1/retry'],
    ] as const) {
      const reply = await call(method, route, { auth: null });
      expect(reply.status, route).toBe(401);
      expect(errorOf(reply).code).toBe('unauthenticated');
    }
  });

  it('rejects bad filters with a clear 400 and ignores empty ones', async () => {
    const bad = await call('GET', '/api/sync/log?status=broken&limit=5000');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toContain('status is one of dead, failed, pending, skipped, ignored, done');
    expect(errorOf(bad).message).toContain('limit');
    expect((await call('GET', '/api/sync/log?before=1;DROP')).status).toBe(400);
    expect((await call('GET', '/api/sync/log?color=red')).status).toBe(400);
    expect((await call('GET', '/api/sync/log?source=&status=&q=&kind=')).status).toBe(200);
    expect((await call('GET', '/api/sync/log/events/abc')).status).toBe(400);
  });

  it('lists a recorded event, pages, filters and searches', async () => {
    const base = Date.now() - 60_000;
    for (let i = 0; i < 5; i++) {
      await insertEvent(server.ctx.db, {
        at: new Date(base + i * 1000),
        kind: 'case.update',
        caseNumber: `0000300${i}`,
        source: i % 2 ? 'pagerduty' : 'salesforce',
      });
    }
    const first = await call('GET', '/api/sync/log?limit=2&q=00003');
    expect(first.status).toBe(200);
    const page1 = first.body as SyncLogReply;
    expect(page1.entries.map((entry) => entry.caseNumber)).toEqual(['00003004', '00003003']);
    expect(page1.nextBefore).toEqual(expect.any(String));
    // The period rows are kept (RETENTION_DAYS; its default here).
    expect(page1.retentionDays).toBe(30);
    const page2 = (await call('GET', `/api/sync/log?limit=2&q=00003&before=${encodeURIComponent(page1.nextBefore!)}`)).body as SyncLogReply;
    expect(page2.entries.map((entry) => entry.caseNumber)).toEqual(['00003002', '00003001']);
    const pagerduty = (await call('GET', '/api/sync/log?source=pagerduty&q=00003')).body as SyncLogReply;
    expect(pagerduty.entries.map((entry) => entry.caseNumber)).toEqual(['00003003', '00003001']);
    // Without a Salesforce connection the log still answers, just without Case links.
    expect(page1.entries[0]?.caseUrl).toBeNull();
  });

  it('shows an event with its trace and its jobs; 404 for an unknown one', async () => {
    const trace = [
      {
        rulesetId: 'a',
        rulesetName: 'Main',
        ruleId: 'r',
        ruleName: 'P1 cases',
        matched: true,
        logic: '1',
        conditions: [{ index: 1, field: 'Priority', operator: 'equals', expected: 'High', actual: 'High', outcome: true }],
      },
    ];
    const eventId = await insertEvent(server.ctx.db, { at: new Date(), kind: 'case.create', caseNumber: '00004001', trace });
    await insertJob(server.ctx.db, { task: 'process_event', state: 'done', eventId, at: new Date(), durationMs: 7 });
    const reply = await call('GET', `/api/sync/log/events/${eventId}`);
    expect(reply.status).toBe(200);
    const event = reply.body as SyncLogEventReply;
    expect(event.trace?.[0]?.conditions[0]).toMatchObject({ field: 'Priority', actual: 'High', outcome: true });
    expect(event.entry).toMatchObject({ id: eventId, matchedRules: ['Main › P1 cases'], status: 'done' });
    expect(event.entry.processing).toMatchObject({ durationMs: 7 });
    const missing = await call('GET', '/api/sync/log/events/987654');
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('not_found');
  });

  it('retries a dead job (fresh attempts, pending) and refuses what is not retryable', async () => {
    const jobId = await deadJob('create_incident', 'PagerDuty 400 (code 2001): Invalid Input Provided');
    const listed = (await call('GET', '/api/sync/log?status=dead')).body as SyncLogReply;
    expect(listed.entries.map((entry) => entry.id)).toContain(jobId);

    const withoutCsrf = await call('POST', `/api/sync/jobs/${jobId}/retry`, { auth: { cookie: auth.cookie } });
    expect(withoutCsrf.status).toBe(403);

    const retried = await call('POST', `/api/sync/jobs/${jobId}/retry`);
    expect(retried.status).toBe(200);
    expect((retried.body as SyncJobRetryReply).job).toMatchObject({ id: jobId, state: 'pending', attempts: 0, retryable: false });
    expect((await server.ctx.jobs.get(jobId))?.state).toBe('pending');

    const again = await call('POST', `/api/sync/jobs/${jobId}/retry`);
    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'conflict', details: { state: 'pending' } });
    expect(errorOf(again).message).toContain('only dead or failed jobs can be retried');

    expect((await call('POST', '/api/sync/jobs/987654/retry')).status).toBe(404);
    expect((await call('POST', '/api/sync/jobs/0/retry')).status).toBe(400);
  });

  it('streams a CSV export of many pages, every row once, newest first', async () => {
    const base = Date.now() - 3_600_000;
    const rows = 650;
    await server.ctx.db.batchInsert(
      'inbox_events',
      Array.from({ length: rows }, (_, index) => ({
        source: 'salesforce',
        source_event_id: `stream:${index}`,
        kind: 'case.update',
        case_number: `STREAM${String(index).padStart(4, '0')}`,
        payload: '{}',
        status: 'processed',
        received_at: new Date(base + index),
      })),
      200,
    );
    const reply = await call('GET', '/api/sync/log.csv?q=STREAM');
    expect(reply.status).toBe(200);
    // Streamed: no length known up front.
    expect(reply.headers.get('transfer-encoding')).toBe('chunked');
    const numbers = reply.text
      .split('\r\n')
      .slice(1, -1)
      .map((line) => /STREAM\d{4}/.exec(line)?.[0]);
    expect(numbers).toEqual(Array.from({ length: rows }, (_, index) => `STREAM${String(rows - 1 - index).padStart(4, '0')}`));
  });

  it('exports CSV: attachment, RFC 4180 quoting, formulas defused, same filters', async () => {
    const eventId = await insertEvent(server.ctx.db, {
      at: new Date(),
      kind: 'case.update',
      caseNumber: '+CSV0001',
      incidentNumber: '@SUM(1)',
      note: 'first line\nsecond, "quoted"',
    });
    await insertJob(server.ctx.db, { task: 'process_event', state: 'done', eventId, at: new Date() });
    await insertJob(server.ctx.db, {
      task: 'set_case_fields',
      state: 'dead',
      eventId,
      at: new Date(),
      lastError: '=HYPERLINK("http://evil.example","click"), then -1',
      errorHint: '-rm -rf',
    });

    const reply = await call('GET', '/api/sync/log.csv?q=CSV0001');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/csv');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="sync-log-[\w-]+\.csv"$/);
    const text = reply.text.replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'time,row,event_id,job_id,source,kind,status,case_number,case_url,incident_number,incident_url,matched_rules,attempts,duration_ms,error,hint,note,skipped_reason',
    );
    expect(text).toContain(`,event,${eventId},`);
    expect(text).toContain(",'+CSV0001,,'@SUM(1),");
    expect(text).toContain('"first line\nsecond, ""quoted"""');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), then -1",'-rm -rf`);
    expect(text).toContain(`,action,${eventId},`);
    // Only the filtered rows: header, the event, its action, and the final empty string after CRLF.
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('exports a skipped action as skipped, with its reason, and filters it by status', async () => {
    const eventId = await insertEvent(server.ctx.db, { at: new Date(), kind: 'incident.acknowledged', source: 'pagerduty', incidentNumber: 'SKIP0001' });
    await insertJob(server.ctx.db, { task: 'process_event', state: 'done', eventId, at: new Date() });
    const jobId = await insertJob(server.ctx.db, {
      task: 'set_case_fields',
      state: 'done',
      eventId,
      at: new Date(),
      result: { skipped: 'The incident has no linked Case' },
    });
    const listed = (await call('GET', '/api/sync/log?status=skipped&q=SKIP0001')).body as SyncLogReply;
    expect(listed.entries.map((entry) => [entry.id, entry.status, entry.actions[0]?.skippedReason])).toEqual([
      [eventId, 'skipped', 'The incident has no linked Case'],
    ]);
    const lines = (await call('GET', '/api/sync/log.csv?status=skipped&q=SKIP0001')).text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(new RegExp(`^[^,]+,event,${eventId},\\d+,pagerduty,incident.acknowledged,skipped,.*,The incident has no linked Case$`));
    expect(lines[2]).toMatch(new RegExp(`^[^,]+,action,${eventId},${jobId},pagerduty,set_case_fields,skipped,.*,The incident has no linked Case$`));
  });

  it('fills SUMMARY with sync figures and ruleset counts', async () => {
    const summary = (await call('GET', '/api/summary')).body as SummaryReply;
    expect(summary.sync).not.toBeNull();
    expect(summary.sync!.lastInboundAt).toEqual(expect.any(String));
    expect(summary.sync!.deadJobs).toBe(1);
    expect(summary.sync!.failures24h).toBeGreaterThanOrEqual(1);
    expect(summary.rulesets).toEqual({ enabled: 0, total: 0 });
  });
});
