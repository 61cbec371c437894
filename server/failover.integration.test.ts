import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IntakeStatusReply } from '../contracts/sync';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import type { ChannelSubscribers } from '../emulators/salesforce/cdc/subscriberPresence';
import { listen } from '../lib/listen';
import { openDatabase, type Db } from './store/db';
import { SYNC_TABLES } from './store/tables';
import { signInWithPassword, startInstance, waitForCdcSubscription, type Instance } from './testing/cluster';
import { emulatorConnectionEnv } from './testing/emulatorEnv';
import { eventually } from './testing/eventually';
import { POSTGRES_URL, postgresReachable } from './testing/databases';

/**
 * CDC leader failover with real processes (issue 18): INSTANCES app instances on one PostgreSQL
 * contend for the Salesforce intake (a session-level advisory lock); the one holding the CDC
 * subscription is SIGKILLed, ROUNDS times, and relaunched. The Salesforce emulator counts the
 * connected subscribers of the Case change channel at every change (its control API), so "never
 * two" is checked at every moment, not sampled; after each kill another instance subscribes and
 * records a Case change made after the kill.
 *
 * Takeover time (kill → the emulator sees the new subscriber) is logged and, with FAILOVER_ROUNDS
 * set (`npm run test:failover`), written to bench/results/failover.json. It is not asserted.
 *
 * SQLite runs one node (README, "One node on SQLite"), so there is no failover to prove there.
 */
const INSTANCES = Number(process.env.FAILOVER_INSTANCES ?? 3);
const ROUNDS = Number(process.env.FAILOVER_ROUNDS ?? 2);
const CHANNEL = '/data/CaseChangeEvent';
const ADMIN_PASSWORD = 'failover-admin-password';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('CDC failover between processes on PostgreSQL', () => {
  const schema = `fo_${crypto.randomBytes(5).toString('hex')}`;
  const databaseUrl = `${POSTGRES_URL}?options=-c%20search_path%3D${schema}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-failover-'));
  const instances = new Map<string, Instance>();
  let sf: SalesforceEmulator;
  let pd: PagerDutyEmulator;
  let db: Db;
  let env: Record<string, string>;

  beforeAll(async () => {
    const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
    await admin.raw(`CREATE SCHEMA ${schema}`);
    await admin.destroy();
    db = await openDatabase({ client: 'pg', connectionString: databaseUrl });
    sf = await startSalesforceEmulator({ seed: 'demo' });
    pd = await startPagerDutyEmulator({ seed: 'demo', rateLimitPerMinute: false });
    env = {
      ...emulatorConnectionEnv({ url: sf.url, seed: sf.seedInfo() }, { url: pd.url, seed: pd.seedInfo() }),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      SECRET_KEY: crypto.randomBytes(32).toString('base64'),
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    };
    return async () => {
      for (const instance of instances.values()) instance.process.kill('SIGKILL');
      await Promise.all([...instances.values()].map((instance) => instance.exited));
      await sf.close();
      await pd.close();
      await db.raw(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }, 120_000);

  async function launch(name: string): Promise<void> {
    const probe = await listen(() => undefined);
    const { port } = probe;
    await probe.close();
    instances.set(name, await startInstance(name, port, env));
  }

  async function subscribers(): Promise<ChannelSubscribers> {
    const response = await fetch(`${sf.url}/__emulator/streaming/subscribers`);
    const { channels } = (await response.json()) as { channels: ChannelSubscribers[] };
    return channels.find((channel) => channel.channel === CHANNEL) ?? { channel: CHANNEL, current: 0, peak: 0, changes: [] };
  }

  /** The instance whose intake says it holds the CDC subscription, if one does. */
  async function subscribedInstance(cookie: string): Promise<Instance | undefined> {
    for (const instance of instances.values()) {
      const response = await fetch(`${instance.url}/api/sync/intake`, { headers: { cookie } }).catch(() => undefined);
      if (response?.ok && ((await response.json()) as IntakeStatusReply).thisInstance.subscribed) return instance;
    }
    return undefined;
  }

  it(`keeps exactly one CDC subscriber while ${INSTANCES} instances contend and the leader is killed ${ROUNDS} times`, async () => {
    for (let index = 0; index < INSTANCES; index++) await launch(`i${index}`);
    const cookie = await signInWithPassword([...instances.values()][0]!.url, ADMIN_PASSWORD);
    await waitForCdcSubscription([...instances.values()], cookie);
    const agentId = sf.seedInfo().users.find((user) => user.role === 'agent')!.id;
    const takeoverMs: number[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const leader = await eventually(() => subscribedInstance(cookie), 'the instance holding the subscription');
      await eventually(async () => (await subscribers()).current === 1, 'one subscriber on the channel');
      // The leader records a change, so its replay position is stored for the next one.
      const before = sf.store.insert('Case', { Subject: `Before kill ${round}`, Priority: 'Low', Origin: 'Web' }, agentId);
      await eventually(() => db(SYNC_TABLES.events).where({ case_id: before.Id }).first(), `the leader to record Case ${before.Id}`, 60_000);
      const killedAt = Date.now();
      leader.process.kill('SIGKILL');
      await leader.exited;
      instances.delete(leader.name);

      // A Case changed while nobody leads reaches the next leader (it resumes from the stored replayId).
      const created = sf.store.insert('Case', { Subject: `During takeover ${round}`, Priority: 'Low', Origin: 'Web' }, agentId);
      const successor = await eventually(() => subscribedInstance(cookie), 'another instance to subscribe', 60_000);
      expect(successor.name).not.toBe(leader.name);
      const resubscribed = await eventually(
        async () => (await subscribers()).changes.find((change) => change.count === 1 && Date.parse(change.at) >= killedAt),
        'the emulator to see the new subscriber',
      );
      takeoverMs.push(Date.parse(resubscribed.at) - killedAt);
      await eventually(() => db(SYNC_TABLES.events).where({ case_id: created.Id }).first(), `the new leader to record Case ${created.Id}`, 60_000);
      await launch(leader.name);
    }

    const channel = await subscribers();
    // The emulator recomputes the count at every subscribe, unsubscribe, disconnect and vanished
    // connection: the peak is the most subscribers there ever were at one moment.
    expect(channel.peak).toBe(1);
    expect(channel.changes.every((change) => change.count <= 1)).toBe(true);

    const figures = { instances: INSTANCES, rounds: ROUNDS, takeover_ms: takeoverMs, peak_subscribers: channel.peak, node: process.version };
    console.log('failover figures', JSON.stringify(figures));
    if (process.env.FAILOVER_ROUNDS) {
      fs.writeFileSync(
        path.resolve(import.meta.dirname, '../bench/results/failover.json'),
        JSON.stringify({ ...figures, machine: `${os.cpus().length} cores, shared with other work`, measured_at: new Date().toISOString() }, null, 2) + '\n',
      );
    }
  }, 600_000);
});
