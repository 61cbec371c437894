import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce';
import type { SummaryReply } from '../../contracts/api';
import type { SelfAlertConnectionView, SelfAlertKind } from '../../contracts/selfAlerts';
import { addIntakeNotice } from '../intake/intakeState';
import { startTestServer, type TestServer } from '../testing/harness';
import { SELF_ALERTS_TABLE, SYNC_TABLES, TABLES } from '../store/tables';
import { sendAlertEvent, type AlertEvent } from '../vendors/pagerduty/eventsApi';
import { defaultProbes } from './probes';
import { SELF_MONITOR_LEASE, SelfMonitor } from './selfMonitor';

/**
 * The connector watches itself, end to end: real emulators (PagerDuty with its Events API,
 * Salesforce), the app's store on a real SQLite file, the real probes and the Events API over
 * HTTP. Each problem kind: it appears → exactly one trigger; it stays, across a restart (another
 * SelfMonitor on the same database) → nothing more; it clears → one resolve, and PagerDuty's
 * incident is resolved with its alert.
 */

let pd: PagerDutyEmulator;
let sf: SalesforceEmulator;
let app: TestServer;
let api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
const sent: AlertEvent[] = [];

const SERVICE = 'Salesforce Sync';

beforeAll(async () => {
  pd = await startPagerDutyEmulator({ seed: 'demo', eventsRateLimitPerMinute: false });
  sf = await startSalesforceEmulator({ seed: 'demo' });
  app = await startTestServer();
  const { cookie, csrfToken } = await app.signIn();
  api = async (method, path, body) => {
    const response = await fetch(app.url + path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
});

afterAll(async () => {
  await app.close();
  await Promise.all([pd.close(), sf.close()]);
});

beforeEach(async () => {
  pd.reset('demo');
  sent.length = 0;
  await connectBoth();
  await app.ctx.db(SELF_ALERTS_TABLE).delete();
  await app.ctx.db(SYNC_TABLES.leases).where({ name: SELF_MONITOR_LEASE }).delete();
  await app.ctx.db(SYNC_TABLES.jobs).delete();
  // The intake's notices (a replay gap of an earlier test) live in the settings.
  await app.ctx.db(TABLES.settings).where({ key: 'salesforce_intake_notices' }).delete();
  const saved = await api('PUT', '/api/connections/self-alerts', { eventsApiUrl: pd.url, routingKey: pd.seedInfo().keys.events[SERVICE] });
  expect(saved.status).toBe(200);
});

async function connectBoth(): Promise<void> {
  const seed = pd.seedInfo();
  await app.ctx.connections.savePagerDuty({ apiUrl: pd.url, apiKey: seed.keys.account, fromEmail: seed.integrationUserEmail, updatedAt: null });
  const integration = sf.seedInfo().users.find((user) => user.role === 'integration')!;
  const current = await app.ctx.connections.salesforce();
  await app.ctx.connections.saveSalesforce({
    ...current,
    authMode: 'password',
    environment: 'custom',
    loginUrl: sf.url,
    username: integration.username,
    password: integration.password,
    securityToken: integration.securityToken,
  });
  app.ctx.sessions.reset();
  app.ctx.health.invalidate();
}

function monitor(instanceId: string): SelfMonitor {
  const { db, connections, logger, health, webhooks } = app.ctx;
  return new SelfMonitor({
    db,
    connections,
    logger,
    probes: defaultProbes({ db, health, webhooks }),
    instanceId,
    publicUrl: () => app.url,
    send: (url, event, options) => {
      sent.push(event);
      return sendAlertEvent(url, event, options);
    },
  });
}

/** A pass with fresh connection checks (SUMMARY's are cached for 30 s). */
async function tick(m: SelfMonitor, now = new Date()) {
  app.ctx.health.invalidate();
  return m.tick(now);
}

const actionsFor = (kind: SelfAlertKind) => sent.filter((event) => event.dedup_key.endsWith(`/self-monitor/${kind}`)).map((event) => event.event_action);
const alertsFor = (kind: SelfAlertKind) => pd.context.store.alerts.filter((alert) => alert.dedupKey.endsWith(`/self-monitor/${kind}`));

interface Scenario {
  kind: SelfAlertKind;
  appear: () => Promise<void> | void;
  clear: () => Promise<void> | void;
  /** When the clearing pass runs (a problem that ages out). */
  clearedAt?: () => Date;
  summary: RegExp;
}

async function runScenario({ kind, appear, clear, clearedAt, summary }: Scenario): Promise<void> {
  const first = monitor('instance-a');
  await tick(first);
  expect(actionsFor(kind)).toEqual([]);

  await appear();
  expect((await tick(first)).leader).toBe(true);
  expect(actionsFor(kind)).toEqual(['trigger']);
  const [alert] = alertsFor(kind);
  expect(alert).toMatchObject({ status: 'triggered', triggerCount: 1, source: new URL(app.url).host });
  expect(alert!.summary).toMatch(summary);
  const incident = pd.context.store.incidents.get(alert!.incidentId)!;
  expect(incident).toMatchObject({ status: 'triggered', serviceId: pd.seedInfo().ids.services[SERVICE] });
  const shown = (await api('GET', '/api/summary')).body as SummaryReply;
  expect(shown.selfAlerts).toContainEqual(expect.objectContaining({ kind, delivery: 'paged', lastError: null }));
  expect(await (await fetch(`${app.url}/metrics`)).text()).toContain(`pdsc_self_alerts_open{kind="${kind}",delivery="paged"} 1`);

  // Still there on the next pass, and after a restart: nothing is sent again.
  await tick(first);
  await first.stop();
  const second = monitor('instance-b');
  await tick(second);
  expect(actionsFor(kind)).toEqual(['trigger']);

  await clear();
  await tick(second, clearedAt?.() ?? new Date());
  expect(actionsFor(kind)).toEqual(['trigger', 'resolve']);
  expect(alertsFor(kind)).toMatchObject([{ status: 'resolved', triggerCount: 1 }]);
  expect(incident.status).toBe('resolved');
  await tick(second, clearedAt?.() ?? new Date());
  expect(actionsFor(kind)).toEqual(['trigger', 'resolve']);
  expect(((await api('GET', '/api/summary')).body as SummaryReply).selfAlerts.map((open) => open.kind)).not.toContain(kind);
  await second.stop();
}

describe('the connector pages about itself through the Events API v2', () => {
  it('a PagerDuty connection check that fails (a revoked REST key) — the page does not use that key', async () => {
    await runScenario({
      kind: 'connection_pagerduty',
      summary: /PagerDuty REST API connection check fails/,
      appear: async () => {
        const current = await app.ctx.connections.pagerduty();
        await app.ctx.connections.savePagerDuty({ ...current, apiKey: 'revoked-key' });
        app.ctx.sessions.reset();
      },
      clear: connectBoth,
    });
    // The integration user is looked up with that key: one page for one cause.
    expect(actionsFor('connection_integration_user')).toEqual([]);
  });

  it('a Salesforce connection check that fails (a changed password)', async () => {
    await runScenario({
      kind: 'connection_salesforce',
      summary: /Salesforce connection check fails/,
      appear: async () => {
        const current = await app.ctx.connections.salesforce();
        await app.ctx.connections.saveSalesforce({ ...current, password: 'changed-password' });
        app.ctx.sessions.reset();
      },
      clear: connectBoth,
    });
  });

  it('the PagerDuty webhook subscription disabled by PagerDuty', async () => {
    await app.ctx.webhooks.provision();
    const remote = () => [...pd.context.store.webhookSubscriptions.values()][0]!;
    await runScenario({
      kind: 'webhook_disabled',
      summary: /webhook subscription disabled/,
      appear: () => {
        remote().temporarilyDisabled = true;
      },
      clear: () => {
        remote().temporarilyDisabled = false;
      },
    });
  });

  it('jobs gone dead, until they are retried', async () => {
    const jobs = app.ctx.jobs;
    let deadId = 0;
    await runScenario({
      kind: 'jobs_dead',
      summary: /1 sync job gave up/,
      appear: async () => {
        await jobs.enqueue({ task: 'add_note', payload: {}, key: 'self-monitor-dead-job', maxAttempts: 1 });
        const [job] = await jobs.claim('test-worker', 1);
        expect(await jobs.fail(job!, 'test-worker', { error: 'refused', hint: 'retry', retryable: false, retryInMs: 0 })).toBe('dead');
        deadId = job!.id;
      },
      clear: async () => {
        expect(await jobs.retry(deadId)).toBe(true);
      },
    });
  });

  it('CDC lost its replay position, for the day SUMMARY shows it', async () => {
    await runScenario({
      kind: 'cdc_replay_lost',
      summary: /CDC lost its replay position/,
      appear: () =>
        addIntakeNotice(app.ctx.db, { code: 'replay_gap', message: 'The stored CDC position (replayId 7) is older than Salesforce keeps change events.' }),
      clear: () => undefined,
      clearedAt: () => new Date(Date.now() + 25 * 3_600_000),
    });
  });

  it('the Salesforce daily API allocation past 90 %', async () => {
    const usage = sf.context.apiUsage;
    await runScenario({
      kind: 'salesforce_api_allocation',
      summary: /Salesforce daily API allocation 9\d(\.\d)? % used/,
      appear: () => {
        usage.max = 1_000;
        while (usage.used < 940) usage.consume();
      },
      clear: () => {
        usage.max = 1_000_000;
      },
    });
  });
});

describe('delivery', () => {
  it('retries with backoff when the Events API fails, and sends once it answers', async () => {
    const m = monitor('instance-a');
    await tick(m);
    pd.context.faults.add({ path: '^/v2/enqueue$', status: 500, times: 1 });
    await api('PUT', '/api/connections/self-alerts', { routingKey: pd.seedInfo().keys.events[SERVICE] });
    await addIntakeNotice(app.ctx.db, { code: 'replay_gap', message: 'gap' });
    const start = new Date();
    await tick(m, start);
    expect(actionsFor('cdc_replay_lost')).toEqual(['trigger']);
    expect(alertsFor('cdc_replay_lost')).toEqual([]);
    const pending = ((await api('GET', '/api/summary')).body as SummaryReply).selfAlerts.find((open) => open.kind === 'cdc_replay_lost');
    expect(pending).toMatchObject({ delivery: 'pending', lastError: expect.stringContaining('HTTP 500') as unknown });
    // Not due yet: the backoff holds it back.
    await tick(m, start);
    expect(actionsFor('cdc_replay_lost')).toEqual(['trigger']);
    await tick(m, new Date(start.getTime() + 5_000));
    expect(actionsFor('cdc_replay_lost')).toEqual(['trigger', 'trigger']);
    expect(alertsFor('cdc_replay_lost')).toMatchObject([{ status: 'triggered', triggerCount: 1 }]);
    await m.stop();
  });

  it('one instance at a time: another one does nothing while the lease is held', async () => {
    const a = monitor('instance-a');
    const b = monitor('instance-b');
    await addIntakeNotice(app.ctx.db, { code: 'replay_gap', message: 'gap' });
    expect((await tick(a)).leader).toBe(true);
    expect((await tick(b)).leader).toBe(false);
    expect(actionsFor('cdc_replay_lost')).toEqual(['trigger']);
    await a.stop();
    await b.stop();
  });

  it('waits without a routing key (SUMMARY shows the problem) and pages once one is saved; the key is never returned', async () => {
    const cleared = await api('PUT', '/api/connections/self-alerts', { routingKey: '' });
    expect((cleared.body as SelfAlertConnectionView).configured).toBe(false);
    const m = monitor('instance-a');
    await addIntakeNotice(app.ctx.db, { code: 'replay_gap', message: 'gap' });
    await tick(m);
    expect(sent).toEqual([]);
    const summary = (await api('GET', '/api/summary')).body as SummaryReply;
    expect(summary.selfAlertsConfigured).toBe(false);
    expect(summary.selfAlerts).toContainEqual(expect.objectContaining({ kind: 'cdc_replay_lost', delivery: 'pending' }));

    const key = pd.seedInfo().keys.events[SERVICE]!;
    const saved = await api('PUT', '/api/connections/self-alerts', { routingKey: key });
    expect(saved.body).toEqual({
      configured: true,
      eventsApiUrl: pd.url,
      routingKey: { set: true, hint: `…${key.slice(-4)}` },
      updatedAt: expect.any(String) as unknown,
    });
    expect(JSON.stringify((await api('GET', '/api/connections/self-alerts')).body)).not.toContain(key);
    await tick(m);
    expect(actionsFor('cdc_replay_lost')).toEqual(['trigger']);
    expect(app.log.text).not.toContain(key);
    await m.stop();
  });

  it('refuses a routing key or URL that cannot work, saying what to enter, and stores nothing', async () => {
    const bad = await api('PUT', '/api/connections/self-alerts', { routingKey: 'too-short' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('32-character Integration Key');
    const badUrl = await api('PUT', '/api/connections/self-alerts', { eventsApiUrl: 'ftp://events.example.com' });
    expect(badUrl.status).toBe(400);
    expect(((await api('GET', '/api/connections/self-alerts')).body as SelfAlertConnectionView).eventsApiUrl).toBe(pd.url);
  });
});
