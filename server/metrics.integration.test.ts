import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './testing/eventually';
import { startTestServer, type TestServer } from './testing/harness';
import { insertEvent } from './testing/syncLogRows';

const TOKEN = 'metrics-token-0123456789';

function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics (open)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const scrape = async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('serves default process metrics and the sync metrics without a session', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE pdsc_process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE pdsc_sync_job_latency_seconds histogram');
    expect(sample(text, 'pdsc_sync_dead_jobs')).toBe(0);
    expect(sample(text, 'pdsc_sync_jobs', 'state="pending"')).toBe(0);
    // Budgets are unknown until a vendor answered: absent rather than a misleading 0.
    expect(text).not.toContain('pdsc_api_budget_remaining{');
  });

  it('counts the rows a retention pass deleted, by table, and times the pass', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    for (let index = 0; index < 3; index++) await insertEvent(server.ctx.db, { at: old, status: 'processed' });
    const report = await server.ctx.retention.run();
    expect(report?.deleted.inbox_events).toBe(3);
    const text = await scrape();
    expect(sample(text, 'pdsc_retention_rows_deleted_total', 'table="inbox_events"')).toBe(3);
    expect(sample(text, 'pdsc_retention_pass_seconds_count', 'complete="true"')).toBe(1);
  });

  it('counts recorded events by source and duplicates not at all', async () => {
    const event = { source: 'salesforce' as const, sourceEventId: 'cdc:1:500000000000001AAA', kind: 'case.create', payload: {}, caseId: '500000000000001AAA' };
    await server.ctx.sync.record(event);
    await server.ctx.sync.record(event);
    await server.ctx.sync.record({ ...event, source: 'pagerduty', sourceEventId: 'pd:1', kind: 'incident.triggered', caseId: null, incidentId: 'PX' });
    const text = await scrape();
    expect(sample(text, 'pdsc_sync_events_received_total', 'source="salesforce"')).toBe(1);
    expect(sample(text, 'pdsc_sync_events_received_total', 'source="pagerduty"')).toBe(1);
    // Each recorded event waits as a pending process_event job.
    expect(sample(text, 'pdsc_sync_jobs', 'state="pending"')).toBe(2);
  });

  it('counts finished jobs, automatic and manual retries, latency and dead jobs', async () => {
    const jobs = server.ctx.jobs;
    await jobs.enqueue({ task: 'create_incident', payload: {}, key: 'metrics:dead', maxAttempts: 1 });
    const claimed = await jobs.claim('metrics-worker', 10);
    const job = claimed.find((candidate) => candidate.key === 'metrics:dead')!;
    await jobs.fail(job, 'metrics-worker', { error: 'PagerDuty 400', retryable: false, retryInMs: 0 });
    // What the worker announces after each job (the engine re-emits the worker's callback).
    server.ctx.sync.emit('jobFinished', job, 'failed', 30);
    server.ctx.sync.emit('jobFinished', job, 'dead', 40);
    // Latency is observed in the background (a retried job's creation time is read first).
    let text = await eventually(async () => {
      const scraped = await scrape();
      return sample(scraped, 'pdsc_sync_job_latency_seconds_count', 'kind="create_incident",result="dead"') === 1 && scraped;
    }, 'the dead job in the latency histogram');
    expect(sample(text, 'pdsc_sync_jobs_finished_total', 'kind="create_incident",result="dead"')).toBe(1);
    expect(sample(text, 'pdsc_sync_jobs_finished_total', 'kind="create_incident",result="failed"')).toBe(1);
    expect(sample(text, 'pdsc_sync_job_retries_total', 'kind="create_incident",trigger="automatic"')).toBe(1);
    expect(sample(text, 'pdsc_sync_job_latency_seconds_count', 'kind="create_incident",result="dead"')).toBe(1);
    expect(sample(text, 'pdsc_sync_dead_jobs')).toBe(1);

    const session = await server.signIn();
    const retry = await fetch(`${server.url}/api/sync/jobs/${job.id}/retry`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(retry.status).toBe(200);
    text = await scrape();
    expect(sample(text, 'pdsc_sync_job_retries_total', 'kind="create_incident",trigger="manual"')).toBe(1);
    expect(sample(text, 'pdsc_sync_dead_jobs')).toBe(0);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => server.close());

  it('answers 404 without the bearer token or with a wrong one, 200 with it', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(404);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('pdsc_sync_events_received_total');
  });

  it('refuses a short token at start', async () => {
    await expect(startTestServer({ METRICS_TOKEN: 'short' })).rejects.toThrow('METRICS_TOKEN must be at least 16 characters');
  });
});
