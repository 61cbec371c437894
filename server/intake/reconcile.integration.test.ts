import crypto from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RulesetStore } from '../store/rulesets';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../emulators/pagerduty';
import type { ReconcileReply, WebhooksReply } from '../../contracts/api';
import { SecretBox } from '../security/secrets';
import { tryAcquireLease } from '../store/leases';
import { ConnectionStore } from '../store/connections';
import { parseStoredPayload } from '../store/payloadCodec';
import { SYNC_TABLES } from '../store/tables';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { startPagerDutyTestbed, type InboxRow } from '../testing/pagerDutyTestbed';
import type { Reply } from '../testing/replies';
import { composeSync, type SyncParts } from '../compose';
import { flattenIncident } from '../pipeline/incidentRecord';
import { inferMissedEventType, RECONCILE_LEASE, Reconciler } from './reconcile';

describe('inferMissedEventType', () => {
  const now = { status: 'triggered', priorityId: 'P1', assigneeIds: ['U1'] };
  it.each([
    [{ status: 'triggered' }, { status: 'resolved' }, 'incident.resolved'],
    [{ status: 'acknowledged' }, { status: 'resolved' }, 'incident.resolved'],
    [{ status: 'triggered' }, { status: 'acknowledged' }, 'incident.acknowledged'],
    [{ status: 'acknowledged' }, { status: 'triggered' }, 'incident.unacknowledged'],
    [{ status: 'resolved' }, { status: 'triggered' }, 'incident.reopened'],
    [{ status: 'resolved' }, { status: 'acknowledged' }, 'incident.reopened'],
    [{ assigneeIds: ['U2'] }, {}, 'incident.reassigned'],
    [{ priorityId: 'P2' }, {}, 'incident.priority_updated'],
    [{ priorityId: null }, {}, 'incident.priority_updated'],
    [{ assigneeIds: ['U2'], priorityId: 'P2' }, {}, 'incident.reassigned'],
    [{}, {}, null],
    [{ assigneeIds: undefined, priorityId: undefined }, { assigneeIds: ['U9'], priorityId: 'P9' }, null],
    [{ status: null }, { status: 'resolved' }, null],
  ])('%j then %j → %s', (known, current, expected) => {
    expect(inferMissedEventType({ ...now, ...known }, { ...now, ...current })).toBe(expected);
  });
  it('ignores the order of assignees', () => {
    expect(
      inferMissedEventType(
        { status: 'triggered', priorityId: null, assigneeIds: ['A', 'B'] },
        { status: 'triggered', priorityId: null, assigneeIds: ['B', 'A'] },
      ),
    ).toBeNull();
  });
});

const engines = await testEngines();

describe.each(engines)('Reconciler on %s', (engine) => {
  let database: TestDatabase;
  let pd: PagerDutyEmulator;
  let sync: SyncParts;
  /** What a Reconciler is built with, as compose.ts builds it. */
  const reconcilerDeps = (parts: SyncParts) => ({
    db: database.db,
    events: parts.sync,
    links: parts.links,
    snapshots: parts.snapshots,
    pagerduty: parts.sessions.pagerduty,
    logger,
  });
  let reconciler: Reconciler;
  const logger = pino({ level: 'silent' });

  const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const seed = pd.seedInfo();
    const response = await fetch(pd.url + path, {
      method,
      headers: { authorization: `Token token=${seed.keys.account}`, from: seed.integrationUserEmail, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const act = (body: Record<string, unknown>) =>
    fetch(`${pd.url}/__emulator/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'ada@example.com', ...body }),
    }).then((r) => {
      if (!r.ok) throw new Error(`act: HTTP ${r.status}`);
    });
  /** Links an incident to a Case and stores the snapshot the engine would have after its last webhook. */
  const linkIncident = async (incidentId: string, caseNumber: string) => {
    const { incident } = await rest<{ incident: Record<string, unknown> }>('GET', `/incidents/${incidentId}`);
    const flat = flattenIncident(incident);
    await sync.links.link({
      caseId: `500${caseNumber.padStart(15, '0')}`,
      caseNumber,
      incidentId,
      incidentNumber: String(flat.number),
      incidentUrl: flat.html_url,
      serviceId: flat.service_id,
      incidentStatus: flat.status,
    });
    await sync.snapshots.put('incident', incidentId, { ...flat });
    return flat;
  };
  const createIncident = async (title: string) => {
    const serviceId = pd.seedInfo().ids.services['Checkout API']!;
    const { incident } = await rest<{ incident: { id: string } }>('POST', '/incidents', {
      incident: { type: 'incident', title, service: { id: serviceId, type: 'service_reference' }, incident_key: crypto.randomUUID() },
    });
    return incident.id;
  };
  const events = () => database.db(SYNC_TABLES.events).orderBy('id').select<InboxRow[]>();

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    pd = await startPagerDutyEmulator({ port: 0, seed: 'demo' });
    const connections = new ConnectionStore(database.db, new SecretBox(crypto.randomBytes(32)));
    const seed = pd.seedInfo();
    await connections.savePagerDuty({ apiUrl: pd.url, apiKey: seed.keys.account, fromEmail: seed.integrationUserEmail, updatedAt: null });
    sync = composeSync({ db: database.db, connections, logger });
    reconciler = new Reconciler({ ...reconcilerDeps(sync), intervalMs: 0 });
  });
  afterEach(async () => {
    await reconciler.stop();
    await pd.close();
    await database.drop();
  });

  it('records the resolve a webhook missed as incident.resolved, once', async () => {
    const incidentId = pd.seedInfo().ids.incidents[0]!;
    await linkIncident(incidentId, '00001001');
    await act({ incident_id: incidentId, action: 'resolve' });

    const first = await reconciler.run();
    expect(first).toMatchObject({ ran: true, reason: null, checked: 1, recorded: 1 });
    const rows = await events();
    expect(rows).toHaveLength(1);
    const { incident } = await rest<{ incident: { last_status_change_at: string; incident_number: number } }>('GET', `/incidents/${incidentId}`);
    expect(rows[0]).toMatchObject({
      source: 'reconcile',
      kind: 'incident.resolved',
      incident_id: incidentId,
      incident_number: String(incident.incident_number),
      source_event_id: `reconcile:${incidentId}:resolved:${incident.last_status_change_at}`,
    });
    const payload = parseStoredPayload(rows[0]!.payload) as { agent: unknown; data: Record<string, unknown> };
    expect(payload).toMatchObject({
      event_type: 'incident.resolved',
      resource_type: 'incident',
      client: null,
      data: { id: incidentId, type: 'incident', status: 'resolved' },
    });
    // The resolving user, so the echo guard can tell the integration's own writes from a responder's.
    expect(payload.agent).toMatchObject({ id: pd.seedInfo().ids.users['ada@example.com'], type: 'user_reference' });
    expect(flattenIncident(payload.data).status).toBe('resolved');
    // One job to process it, like any inbound event.
    expect(await database.db(SYNC_TABLES.jobs).where({ event_id: rows[0]!.id }).select('task')).toEqual([{ task: 'process_event' }]);

    const second = await reconciler.run();
    expect(second).toMatchObject({ ran: true, checked: 1, recorded: 0 });
    expect(await events()).toHaveLength(1);
  });

  it('records a reassignment and a priority change the webhooks missed once rules run on PagerDuty events, and nothing for unchanged incidents', async () => {
    const [first, second, third] = pd.seedInfo().ids.incidents;
    await linkIncident(first!, '00001001');
    await linkIncident(second!, '00001002');
    await linkIncident(third!, '00001003');
    await act({ incident_id: first!, action: 'reassign', to: ['alan@example.com'] });
    await act({ incident_id: second!, action: 'priority', priority: 'P5' });

    // Without such rules the subscription carries neither kind of change: nothing was missed.
    expect(await reconciler.run()).toMatchObject({ checked: 2, recorded: 0 });

    await new RulesetStore(database.db).save({
      id: 'rs-incidents',
      name: 'On reassignment',
      enabled: true,
      position: 0,
      rules: [
        {
          id: 'r1',
          name: 'Note the Case',
          runOn: { kind: 'incident', events: ['incident.reassigned', 'incident.priority_updated'] },
          conditions: [],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'add_case_comment', body: 'Changed in PagerDuty' }],
          stopProcessing: false,
        },
      ],
    });
    const report = await reconciler.run();
    // The third incident is resolved: not an open link, not checked.
    expect(report).toMatchObject({ checked: 2, recorded: 2 });
    expect(report.events.map((event) => [event.incidentId, event.kind]).sort()).toEqual(
      [
        [first, 'incident.reassigned'],
        [second, 'incident.priority_updated'],
      ].sort(),
    );
    expect((await reconciler.run()).recorded).toBe(0);
  });

  it('lists open incidents per service instead of fetching each one', async () => {
    const ids = [await createIncident('a'), await createIncident('b'), await createIncident('c'), await createIncident('d')];
    for (const [index, id] of ids.entries()) await linkIncident(id, `0000200${index}`);
    await act({ incident_id: ids[3]!, action: 'resolve' });
    const report = await reconciler.run();
    expect(report).toMatchObject({ checked: 4, recorded: 1 });
    // One list call for the service, one GET for the incident no longer open.
    expect(report.calls).toBe(2);
  });

  it('stops early when the PagerDuty rate-limit budget runs low', async () => {
    await fetch(`${pd.url}/__emulator/rate-limit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perMinute: 60 }),
    });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await createIncident(`budget ${i}`));
    for (const [index, id] of ids.entries())
      await sync.links.link({
        caseId: `500B${String(index).padStart(14, '0')}`,
        caseNumber: null,
        incidentId: id,
        incidentNumber: null,
        incidentUrl: null,
        serviceId: null,
        incidentStatus: 'triggered',
      });
    // The creates above spent most of the minute's 60 requests.
    for (let i = 0; i < 40; i++) await rest('GET', '/priorities');
    const report = await reconciler.run();
    expect(report.reason).toBe('budget_low');
    expect(report.calls).toBeLessThan(ids.length);
  });

  it('runs on one instance at a time: a held lease means no run, an expired one is taken over', async () => {
    const incidentId = pd.seedInfo().ids.incidents[0]!;
    await linkIncident(incidentId, '00001001');
    await act({ incident_id: incidentId, action: 'acknowledge' });
    expect(await tryAcquireLease(database.db, RECONCILE_LEASE, 'other-instance', 60_000)).toBe(true);
    expect(await reconciler.run()).toMatchObject({ ran: false, reason: 'lease_held', recorded: 0 });
    expect(await events()).toHaveLength(0);

    const later = new Reconciler({ ...reconcilerDeps(sync), intervalMs: 0, now: () => Date.now() + 61_000 });
    expect(await later.run()).toMatchObject({ ran: true, recorded: 1 });
    // It released the lease when done: the next run does not wait for expiry.
    expect((await reconciler.run()).ran).toBe(true);
  });

  it('reports not_configured without PagerDuty credentials', async () => {
    const connections = new ConnectionStore(database.db, new SecretBox(crypto.randomBytes(32)));
    const bare = composeSync({ db: database.db, connections, logger });
    await database.db('connections').delete();
    const report = await new Reconciler({ ...reconcilerDeps(bare), intervalMs: 0 }).run();
    expect(report).toMatchObject({ ran: true, reason: 'not_configured', checked: 0 });
  });
});

describe('POST /api/sync/reconcile', () => {
  it('repairs a resolve the disabled webhook never delivered, through the app and the emulator', async () => {
    const bed = await startPagerDutyTestbed();
    try {
      const provisioned = (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
      const subscriptionId = provisioned.body.subscriptions[0]!.id;
      const incidentId = bed.seed.ids.incidents[0]!;
      const { body } = (await bed.rest('GET', `/incidents/${incidentId}`)) as Reply<{ incident: Record<string, unknown> }>;
      const flat = flattenIncident(body.incident);
      await bed.app.ctx.links.link({
        caseId: '500000000000001AAA',
        caseNumber: '00001001',
        incidentId,
        incidentNumber: String(flat.number),
        incidentUrl: null,
        serviceId: flat.service_id,
        incidentStatus: flat.status,
      });
      await bed.app.ctx.snapshots.put('incident', incidentId, { ...flat });

      // The subscription is off: the resolve is never delivered.
      await bed.rest('PUT', `/webhook_subscriptions/${subscriptionId}`, { webhook_subscription: { active: false } });
      await bed.control('POST', '/act', { as: 'ada@example.com', incident_id: incidentId, action: 'resolve' });
      await bed.settle();
      expect(await bed.inbox()).toEqual([]);

      const first = (await bed.api('POST', '/api/sync/reconcile')) as Reply<ReconcileReply>;
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ ran: true, recorded: 1, events: [{ incidentId, kind: 'incident.resolved' }] });
      expect((await bed.inbox()).map((row) => [row.source, row.kind, row.incident_id])).toEqual([['reconcile', 'incident.resolved', incidentId]]);
      const second = (await bed.api('POST', '/api/sync/reconcile')) as Reply<ReconcileReply>;
      expect(second.body).toMatchObject({ ran: true, recorded: 0 });
      expect(await bed.inbox()).toHaveLength(1);
    } finally {
      await bed.close();
    }
  });
});
