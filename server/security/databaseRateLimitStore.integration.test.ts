import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, POSTGRES_URL, testEngines, type TestDatabase } from '../testing/databases';
import { startTestServer, type TestServer } from '../testing/harness';
import { DatabaseRateLimitStore } from './databaseRateLimitStore';

const engines = await testEngines();
const WINDOW_MS = 15 * 60_000;

describe.each(engines)('DatabaseRateLimitStore on %s', (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('counts hits per key within a window, shared by every store on the database, and starts anew when it ends', async () => {
    let now = Date.now();
    const clock = () => new Date(now);
    const [first, second, other] = [
      new DatabaseRateLimitStore(database.db, 'sign-in:', clock),
      new DatabaseRateLimitStore(database.db, 'sign-in:', clock),
      new DatabaseRateLimitStore(database.db, 'link:', clock),
    ];
    for (const store of [first, second, other]) store.init({ windowMs: WINDOW_MS } as Parameters<DatabaseRateLimitStore['init']>[0]);

    expect(await first.increment('10.0.0.1')).toEqual({ totalHits: 1, resetTime: new Date(now + WINDOW_MS) });
    expect((await second.increment('10.0.0.1')).totalHits).toBe(2);
    expect((await Promise.all([first.increment('10.0.0.1'), second.increment('10.0.0.1')])).map((info) => info.totalHits).sort()).toEqual([3, 4]);
    expect((await first.increment('10.0.0.2')).totalHits).toBe(1);
    expect((await other.increment('10.0.0.1')).totalHits).toBe(1);
    await second.decrement('10.0.0.1');
    expect(await first.get('10.0.0.1')).toEqual({ totalHits: 3, resetTime: new Date(now + WINDOW_MS) });

    now += WINDOW_MS;
    expect(await first.get('10.0.0.1')).toBeUndefined();
    expect(await second.increment('10.0.0.1')).toEqual({ totalHits: 1, resetTime: new Date(now + WINDOW_MS) });
    await first.resetKey('10.0.0.1');
    expect(await second.get('10.0.0.1')).toBeUndefined();
  });
});

describe.skipIf(!engines.includes('postgres'))('Sign-in rate limit across two app instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  const instances: TestServer[] = [];
  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    const searchPath = (database.config as { searchPath: string }).searchPath;
    const env = {
      DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${searchPath}`)}`,
      SECRET_KEY: crypto.randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: 'the-right-admin-password',
    };
    instances.push(await startTestServer(env), await startTestServer(env));
  });
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((instance) => instance.close()));
    await database.drop();
  });

  it('refuses the eleventh wrong password in 15 minutes whichever instance each attempt reaches', async () => {
    const signIn = async (instance: TestServer) =>
      (
        await fetch(`${instance.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'a-wrong-guess' }),
        })
      ).status;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) statuses.push(await signIn(instances[attempt % 2]!));
    expect(statuses).toEqual(Array<number>(10).fill(401));
    expect(await signIn(instances[0]!)).toBe(429);
    expect(await signIn(instances[1]!)).toBe(429);
  });
});
