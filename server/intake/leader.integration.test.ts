/**
 * One CDC subscriber per installation: lease rows on SQLite and PostgreSQL, and a takeover
 * between two intake instances sharing one PostgreSQL database (advisory lock) when the leader stops.
 * server/failover.integration.test.ts proves it with killed processes.
 */
import knexFactory from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceEmulator } from '../../emulators/salesforce';
import { createTestDatabase, postgresReachable, testEngines } from '../testing/databases';
import { SalesforceIntake } from './salesforce/intake';
import { intakeDepsFor, inboxEvents, quietLogger, restAs, startEmulator } from '../testing/intakeSuite';
import { eventually } from '../testing/eventually';
import { readLease, releaseLease, tryAcquireLease } from '../store/leases';
import { AdvisoryLockLeader } from './lockLeader';
import { advisoryLockKey } from '../store/sessionLock';

describe.each(await testEngines())('lease rows on %s', (engine) => {
  it('lets one holder at a time have a lease, renews it, and hands it over once expired or released', async () => {
    const database = await createTestDatabase(engine);
    try {
      const { db } = database;
      const t0 = new Date('2026-01-01T00:00:00Z');
      const at = (ms: number) => new Date(t0.getTime() + ms);
      expect(await tryAcquireLease(db, 'role', 'a', 1_000, t0)).toBe(true);
      expect(await tryAcquireLease(db, 'role', 'b', 1_000, at(500))).toBe(false);
      expect(await tryAcquireLease(db, 'role', 'a', 1_000, at(900))).toBe(true);
      expect(await tryAcquireLease(db, 'role', 'b', 1_000, at(1_500))).toBe(false);
      expect(await tryAcquireLease(db, 'role', 'b', 1_000, at(2_000))).toBe(true);
      expect(await readLease(db, 'role')).toEqual({ holder: 'b', expiresAt: at(3_000) });
      await releaseLease(db, 'role', 'a');
      expect((await readLease(db, 'role'))!.holder).toBe('b');
      await releaseLease(db, 'role', 'b');
      expect(await tryAcquireLease(db, 'role', 'a', 1_000, at(2_100))).toBe(true);
      expect(await tryAcquireLease(db, 'other', 'b', 1_000, at(2_100))).toBe(true);
    } finally {
      await database.drop();
    }
  });

  it('never grants one lease to two of many concurrent contenders', async () => {
    const database = await createTestDatabase(engine);
    try {
      const now = new Date();
      const results = await Promise.all(Array.from({ length: 8 }, (_, index) => tryAcquireLease(database.db, 'race', `holder-${index}`, 5_000, now)));
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      await database.drop();
    }
  });
});

describe.skipIf(!(await postgresReachable()))('CDC leader takeover on PostgreSQL', () => {
  let emulator: SalesforceEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
    return () => emulator.close();
  });

  it('moves the subscription to the other instance once the leader lets its lock go', async () => {
    const database = await createTestDatabase('postgres');
    if (database.config.client !== 'pg') throw new Error('expected PostgreSQL');
    // The second instance has its own connection pool, as another process would.
    const otherDb = knexFactory({
      client: 'pg',
      connection: database.config.connectionString,
      searchPath: [database.config.searchPath],
      pool: { min: 0, max: 4 },
    });
    const options = { logger: quietLogger, lockPollMs: 100 };
    const a = new SalesforceIntake({ db: database.db, ...(await intakeDepsFor(database.db, emulator)), instanceId: 'instance-a', ...options });
    const b = new SalesforceIntake({ db: otherDb, ...(await intakeDepsFor(otherDb, emulator)), instanceId: 'instance-b', ...options });
    try {
      a.start();
      await eventually(() => a.cdc?.subscribed === true, 'instance A to subscribe');
      // B tries for the lock at start and every poll: wait for two of its tries, all refused.
      if (!(b.leader instanceof AdvisoryLockLeader)) throw new Error('expected the advisory-lock election on PostgreSQL');
      const bLeader = b.leader;
      b.start();
      await eventually(() => bLeader.attempts >= 2, 'instance B to try for the lock twice');
      expect(b.leader.isLeader).toBe(false);
      expect(b.cdc).toBeUndefined();

      const agent = await restAs(emulator);
      const first = await agent.sobject('Case').create({ Subject: 'Before the takeover', Origin: 'Web' });
      await eventually(async () => (await inboxEvents(database.db, { caseId: first.id! })).length === 1, 'the leader to record a change');

      // The leader stops (its session and so its lock end, as a killed process's would), leaving its lease row.
      // B takes the lock at its next try; the bound only catches a takeover that never comes.
      await a.stop({ releaseLease: false });
      await eventually(() => b.cdc?.subscribed === true, 'instance B to take over', 30_000);
      expect((await b.status()).leader).toMatchObject({ holder: 'instance-b', expired: false });

      await agent.sobject('Case').update({ Id: first.id!, Status: 'Working' } as never);
      // B resumes from the replayId A saved, and change events arrive in order: with the update in, nothing earlier is left to come.
      await eventually(
        async () => (await inboxEvents(database.db, { caseId: first.id!, kind: 'case.update' })).length > 0,
        'the new leader to record a change',
      );
      const events = await inboxEvents(database.db, { caseId: first.id! });
      expect(events.map((event) => event.kind)).toEqual(['case.create', 'case.update']);
    } finally {
      await a.stop();
      await b.stop();
      await otherDb.destroy();
      await database.drop();
    }
  }, 90_000);
});

describe.skipIf(!(await postgresReachable()))('advisory-lock leader on PostgreSQL', () => {
  it("hands the lock on when the leader's session dies, after the leader has stepped down, never to two at once", async () => {
    const database = await createTestDatabase('postgres');
    if (database.config.client !== 'pg') throw new Error('expected PostgreSQL');
    const otherDb = knexFactory({
      client: 'pg',
      connection: database.config.connectionString,
      searchPath: [database.config.searchPath],
      pool: { min: 0, max: 4 },
    });
    const leading = new Set<string>();
    let mostAtOnce = 0;
    const contender = (db: typeof otherDb, holder: string, pollMs: number) => {
      const leader = new AdvisoryLockLeader({
        db,
        name: 'role',
        holder,
        logger: quietLogger,
        pollMs,
        stepDown: () => Promise.resolve(void leading.delete(holder)),
      });
      leader.on('elected', () => {
        leading.add(holder);
        mostAtOnce = Math.max(mostAtOnce, leading.size);
      });
      return leader;
    };
    // A checks its session only every 250 ms (the default) while B tries every 50 ms: B would lead
    // before A's next check, so A must step down the moment its connection reports the end.
    const a = contender(database.db, 'a', 250);
    const b = contender(otherDb, 'b', 50);
    try {
      a.start();
      await eventually(() => a.isLeader, 'A to lead');
      b.start();
      await eventually(() => b.attempts >= 2, 'B to try twice');
      expect(b.isLeader).toBe(false);
      expect((await readLease(database.db, 'role'))!.holder).toBe('a');

      // PostgreSQL ends A's lock session (an administrator, a restart of the database): A stops
      // leading as soon as its connection says so, and B takes over at its next try.
      const key = BigInt.asUintN(64, BigInt(advisoryLockKey(database.config.searchPath, 'role')));
      const [classid, objid] = [(key >> 32n).toString(), (key & 0xffffffffn).toString()];
      await database.db.raw(
        `select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objsubid = 1 and classid = ?::oid and objid = ?::oid and granted`,
        [classid, objid],
      );
      await eventually(() => b.isLeader, 'B to take over');
      expect(a.isLeader).toBe(false);
      expect((await readLease(database.db, 'role'))!.holder).toBe('b');

      // A tries again (a new session) and waits; B stopping hands the lock back to it.
      await b.stop();
      await eventually(() => a.isLeader, 'A to lead again');
      expect(mostAtOnce).toBe(1);
    } finally {
      await a.stop();
      await b.stop();
      await otherDb.destroy();
      await database.drop();
    }
  }, 60_000);
});
