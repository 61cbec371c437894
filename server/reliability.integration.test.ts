import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../rules';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { listen } from '../lib/listen';
import { openDatabase, type Db } from './store/db';
import { RulesetStore } from './store/rulesets';
import { SYNC_TABLES } from './store/tables';
import { LoadBalancer, signInWithPassword, startInstance, waitForCdcSubscription, type Instance } from './testing/cluster';
import { eventually } from './testing/eventually';
import { emulatorConnectionEnv } from './testing/emulatorEnv';
import { POSTGRES_URL, postgresReachable } from './testing/databases';

/**
 * The reliability proof (issue 7): several app instances, each its own process, on one
 * PostgreSQL behind a load balancer; Cases and responders generate mixed events while random
 * instances (the CDC leader among them) are SIGKILLed and restarted and both emulators inject
 * faults. In the end every expected action happened exactly once and nothing was lost.
 *
 * CI runs a small size; `npm run test:reliability` runs the full one (RELIABILITY_CASES=1250:
 * 5,000 events from people, plus the echoes of the engine's own writes).
 */
const CASES = Number(process.env.RELIABILITY_CASES ?? 40);
const INSTANCES = Number(process.env.RELIABILITY_INSTANCES ?? 3);
const DRIVERS = Math.min(CASES, Number(process.env.RELIABILITY_DRIVERS ?? 12));
const STEP_TIMEOUT_MS = 180_000;

const reachable = await postgresReachable();

describe.skipIf(!reachable)('reliability: instances on PostgreSQL under kills and faults', () => {
  const schema = `rel_${crypto.randomBytes(5).toString('hex')}`;
  const databaseUrl = `${POSTGRES_URL}?options=-c%20search_path%3D${schema}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-rel-'));
  const instances = new Map<string, Instance>();
  const balancer = new LoadBalancer();
  const figures = {
    cases: CASES,
    instances: INSTANCES,
    humanEvents: 0,
    eventsProcessed: 0,
    kills: 0,
    leaderKills: 0,
    leaderTakeoverMs: [] as number[],
    faults: [] as string[],
    duplicates: 0,
    lost: 0,
    dead: 0,
  };
  let sf: SalesforceEmulator;
  let pd: PagerDutyEmulator;
  let db: Db;
  let env: Record<string, string>;
  let agentId: string;

  beforeAll(async () => {
    const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
    await admin.raw(`CREATE SCHEMA ${schema}`);
    await admin.destroy();
    db = await openDatabase({ client: 'pg', connectionString: databaseUrl });
    sf = await startSalesforceEmulator({ seed: 'demo' });
    pd = await startPagerDutyEmulator({ seed: 'demo', rateLimitPerMinute: false, webhookBackoffMs: [200, 500, 1000, 2000, 4000, 8000] });
    await balancer.start();
    const sfSeed = sf.seedInfo();
    const pdSeed = pd.seedInfo();
    agentId = sfSeed.users.find((user) => user.role === 'agent')!.id;
    await new RulesetStore(db).save(rulesFor(pdSeed.ids.services['Customer Support']!));
    env = {
      ...emulatorConnectionEnv({ url: sf.url, seed: sfSeed }, { url: pd.url, seed: pdSeed }),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      SECRET_KEY: crypto.randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: 'reliability-admin-password',
      PUBLIC_URL: balancer.url,
      LOG_LEVEL: 'warn',
      JOB_LEASE_SECONDS: '10',
    };
    for (let index = 0; index < INSTANCES; index++) await launch(`i${index}`);
    await provisionWebhooks();
    await waitForCdcSubscription([...instances.values()], await signInWithPassword(balancer.url, env.ADMIN_PASSWORD!));
    return async () => {
      for (const instance of instances.values()) instance.process.kill('SIGKILL');
      await Promise.all([...instances.values()].map((instance) => instance.exited));
      await balancer.close();
      await sf.close();
      await pd.close();
      await db.raw(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }, 180_000);

  afterAll(() => {
    // Only a deliberately sized run (npm run test:reliability) replaces the recorded figures.
    if (process.env.RELIABILITY_CASES) {
      fs.mkdirSync(path.resolve(import.meta.dirname, '../bench/results'), { recursive: true });
      fs.writeFileSync(
        path.resolve(import.meta.dirname, '../bench/results/reliability.json'),
        JSON.stringify({ ...figures, measured_at: new Date().toISOString() }, null, 2) + '\n',
      );
    }
    console.log('reliability figures', JSON.stringify(figures));
  }, 60_000);

  async function launch(name: string): Promise<void> {
    const port = await freePort();
    const instance = await startInstance(name, port, env);
    instances.set(name, instance);
    balancer.backends.set(name, instance.url);
  }

  async function kill(name: string): Promise<void> {
    const instance = instances.get(name)!;
    balancer.backends.delete(name);
    instance.process.kill('SIGKILL');
    await instance.exited;
    instances.delete(name);
    figures.kills += 1;
  }

  async function provisionWebhooks(): Promise<void> {
    const signIn = await fetch(`${balancer.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: env.ADMIN_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const provision = await fetch(`${balancer.url}/api/webhooks/provision`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(provision.status, await provision.clone().text()).toBeLessThan(300);
  }

  async function leaseHolder(): Promise<string | undefined> {
    const row = await db(SYNC_TABLES.leases).where({ name: 'salesforce-cdc' }).where('expires_at', '>', new Date()).first<{ holder: string } | undefined>();
    return row?.holder;
  }

  async function act(incidentId: string, action: 'acknowledge' | 'resolve'): Promise<void> {
    const response = await fetch(`${pd.url}/__emulator/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'grace@example.com', incident_id: incidentId, action }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    figures.humanEvents += 1;
  }

  /** One Case's life: created High → incident; escalated → note; acknowledged → Working + comment; resolved → Closed. */
  async function caseLife(index: number): Promise<string> {
    const created = sf.store.insert('Case', { Subject: `Reliability ${index}`, Description: `Case ${index}`, Priority: 'High', Origin: 'Web' }, agentId);
    figures.humanEvents += 1;
    const link = await until(
      () => db(SYNC_TABLES.links).where({ case_id: created.Id }).first<{ incident_id: string } | undefined>(),
      `incident for Case ${index}`,
    );
    sf.store.update('Case', created.Id, { Status: 'Escalated' }, agentId);
    figures.humanEvents += 1;
    await until(() => pd.context.store.notesOf(link.incident_id).some((note) => note.content.includes('escalated')), `note for Case ${index}`);
    await act(link.incident_id, 'acknowledge');
    await until(() => sf.store.find('Case', created.Id)?.Status === 'Working', `Case ${index} Working`);
    await act(link.incident_id, 'resolve');
    await until(() => sf.store.find('Case', created.Id)?.Status === 'Closed', `Case ${index} Closed`);
    return created.Id;
  }

  it(`processes ${CASES} Case lives exactly once across ${INSTANCES} instances while instances die and faults strike`, async () => {
    let chaosOver = false;
    // Read through a call: the drivers end the chaos while it sleeps.
    const chaosOn = () => !chaosOver;
    // The chaos keeps its own time: when faults strike, how long they last and how long a killed
    // instance stays down are random intervals by design, not waits for a state.
    // A fault lasts at most 5 s: outages come and go, and do not pile up on the last few jobs.
    const expire = (fault: { id: number }) => void setTimeout(() => pd.context.faults.remove(fault.id), 5_000);
    const takeovers: Promise<void>[] = [];
    const runChaos = async () => {
      let round = 0;
      while (chaosOn()) {
        // The first strike comes early: a CI-sized run can finish its Case lives in a few seconds.
        await sleep(round === 0 ? 500 + Math.random() * 500 : 3_000 + Math.random() * 2_000);
        if (!chaosOn()) break;
        round += 1;
        const leader = await leaseHolder();
        const leaderName = [...instances.values()].find((instance) => leader?.includes(`:${instance.process.pid}:`))?.name;
        const victim = round % 3 === 1 && leaderName ? leaderName : [...instances.keys()][Math.floor(Math.random() * instances.size)]!;
        const killedAt = Date.now();
        await kill(victim);
        if (victim === leaderName) {
          figures.leaderKills += 1;
          // Recorded for bench/results, not asserted: the bound only catches a takeover that never comes.
          takeovers.push(
            eventually(
              async () => {
                const holder = await leaseHolder();
                return holder !== undefined && holder !== leader;
              },
              'another instance to take over the CDC lease',
              60_000,
            ).then(() => void figures.leaderTakeoverMs.push(Date.now() - killedAt)),
          );
        }
        await sleep(500 + Math.random() * 1_500); // the victim's downtime
        await launch(victim);
        switch (round % 5) {
          case 0:
            expire(pd.context.faults.add({ path: '^/incidents', status: 500, rate: 0.3, times: 15 }));
            figures.faults.push('PagerDuty 500 at 30% (15 requests)');
            break;
          case 1:
            expire(pd.context.faults.add({ path: '^/incidents', status: 429, times: 5, headers: { 'ratelimit-reset': '1' } }));
            figures.faults.push('PagerDuty 429 ×5 with reset');
            break;
          case 2:
            await fetch(`${sf.url}/__emulator/sessions/expire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
            figures.faults.push('Salesforce sessions expired');
            break;
          case 3:
            expire(pd.context.faults.add({ path: '.', status: 401, code: 2006, message: 'Invalid Credentials', times: 10 }));
            figures.faults.push('PagerDuty key refused (401 ×10)');
            break;
          case 4:
            expire(pd.context.faults.add({ path: '^/incidents', method: 'POST', hang: true, times: 2 }));
            figures.faults.push('PagerDuty POST /incidents hangs (timeout ×2)');
            break;
        }
      }
    };
    const chaos = runChaos();

    const caseIds: string[] = [];
    let next = 0;
    try {
      await Promise.all(
        Array.from({ length: DRIVERS }, async () => {
          while (next < CASES) caseIds.push(await caseLife(next++));
        }),
      );
    } finally {
      chaosOver = true;
      await chaos;
    }
    await Promise.all(takeovers);
    pd.context.faults.clear();

    // Settle: nothing waiting in the inbox or the job table.
    await until(async () => {
      const waiting = await db(SYNC_TABLES.jobs).whereIn('state', ['pending', 'running', 'failed']).count({ count: '*' }).first();
      const received = await db(SYNC_TABLES.events).where({ status: 'received' }).count({ count: '*' }).first();
      return Number(waiting?.count) === 0 && Number(received?.count) === 0;
    }, 'the cluster to settle');

    for (const caseId of caseIds) {
      const incidents = [...pd.context.store.incidents.values()].filter((incident) => incident.incidentKey === caseId);
      const notes = incidents.flatMap((incident) => pd.context.store.notesOf(incident.id)).filter((note) => note.content.includes('escalated'));
      const comments = [...sf.store.records('CaseComment')].filter(
        (comment) => comment.ParentId === caseId && String(comment.CommentBody).includes('Acknowledged by'),
      );
      figures.duplicates += Math.max(0, incidents.length - 1) + Math.max(0, notes.length - 1) + Math.max(0, comments.length - 1);
      figures.lost += (incidents.length === 0 ? 1 : 0) + (notes.length === 0 ? 1 : 0) + (comments.length === 0 ? 1 : 0);
      expect(incidents, `incidents of ${caseId}`).toHaveLength(1);
      expect(notes, `escalation notes of ${caseId}`).toHaveLength(1);
      expect(comments, `acknowledgement comments of ${caseId}`).toHaveLength(1);
      expect(sf.store.find('Case', caseId)?.Status).toBe('Closed');
    }
    figures.eventsProcessed = Number((await db(SYNC_TABLES.events).count({ count: '*' }).first())?.count);
    figures.dead = Number((await db(SYNC_TABLES.jobs).where({ state: 'dead' }).count({ count: '*' }).first())?.count);
    expect(figures.dead).toBe(0);
    expect(figures.kills).toBeGreaterThan(0);
  }, 1_800_000);

  it('shows a revoked PagerDuty key on SUMMARY while it lasts, keeps the events, and recovers by itself', async () => {
    const signIn = await fetch(`${balancer.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: env.ADMIN_PASSWORD }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const summary = async () =>
      (await (await fetch(`${balancer.url}/api/summary`, { headers: { cookie } })).json()) as { pagerduty: { ok: boolean; reason?: string } };
    const fault = pd.context.faults.add({ path: '.', status: 401, code: 2006, message: 'Invalid Credentials' });
    figures.faults.push('PagerDuty key revoked until restored (SUMMARY check)');
    try {
      const created = sf.store.insert('Case', { Subject: 'During the outage', Priority: 'High', Origin: 'Web' }, agentId);
      figures.humanEvents += 1;
      await until(async () => (await summary()).pagerduty.reason === 'invalid_key', 'SUMMARY to show the refused key', 60_000);
      await until(
        () => db(SYNC_TABLES.jobs).where({ case_id: created.Id, task: 'create_incident', state: 'failed' }).first(),
        'the action to wait for the key',
        60_000,
      );
      pd.context.faults.remove(fault.id);
      await until(() => db(SYNC_TABLES.links).where({ case_id: created.Id }).first(), 'the incident once the key works again', 120_000);
      await until(async () => (await summary()).pagerduty.ok, 'SUMMARY to turn green again', 60_000);
    } finally {
      pd.context.faults.remove(fault.id);
    }
  }, 300_000);

  it('stops claiming and hands work back on SIGTERM', async () => {
    const [name, instance] = [...instances.entries()][0]!;
    balancer.backends.delete(name);
    instance.process.kill('SIGTERM');
    expect(await instance.exited).toBe(0);
    instances.delete(name);
    const stranded = await db(SYNC_TABLES.jobs)
      .where({ state: 'running' })
      .where('locked_by', 'like', `%:${instance.process.pid}:%`)
      .count({ count: '*' })
      .first();
    expect(Number(stranded?.count)).toBe(0);
  }, 60_000);
});

function rulesFor(serviceId: string): Ruleset {
  return {
    id: 'reliability',
    name: 'Reliability rules',
    enabled: true,
    position: 0,
    rules: [
      {
        id: 'page',
        name: 'High → incident',
        runOn: { kind: 'case', on: 'create' },
        conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'create_incident', serviceId, urgency: 'high' }],
        stopProcessing: false,
      },
      {
        id: 'escalated',
        name: 'Escalated → note',
        runOn: { kind: 'case', on: 'update' },
        conditions: [{ field: 'Case.Status', operator: 'changed_to', value: 'Escalated' }],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'add_note', content: 'Case {{Case.CaseNumber}} escalated in Salesforce' }],
        stopProcessing: false,
      },
      {
        id: 'ack',
        name: 'Acknowledged → Working',
        runOn: { kind: 'incident', events: ['incident.acknowledged'] },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [
          { type: 'set_case_fields', values: { Status: 'Working' } },
          { type: 'add_case_comment', body: 'Acknowledged by {{incident.agent_name}}' },
        ],
        stopProcessing: false,
      },
      {
        id: 'resolved',
        name: 'Resolved → Closed',
        runOn: { kind: 'incident', events: ['incident.resolved'] },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'set_case_fields', values: { Status: 'Closed' } }],
        stopProcessing: false,
      },
    ],
  };
}

/** A wait for a state, with the suite's generous default for one step of a Case's life. */
function until<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  return eventually(check, what, timeoutMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const probe = await listen(() => undefined);
  const { port } = probe;
  await probe.close();
  return port;
}
