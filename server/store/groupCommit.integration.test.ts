import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { GroupCommit } from './groupCommit';
import { SYNC_TABLES } from './tables';

const engines = await testEngines();

describe.each(engines)('GroupCommit on %s', (engine) => {
  let database: TestDatabase;
  let commits: GroupCommit;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    commits = new GroupCommit(database.db);
  });
  afterEach(() => database.drop());

  const put = (name: string) => (trx: Parameters<Parameters<GroupCommit['run']>[0]>[0]) =>
    trx(SYNC_TABLES.cursors).insert({ name, value: name, updated_at: new Date() });
  const names = async () => (await database.db(SYNC_TABLES.cursors).orderBy('name').pluck('name')) as string[];

  it('runs units submitted together in one transaction, in order, and answers each with its own result', async () => {
    const results = await Promise.all([
      commits.run(async (trx) => {
        await put('a')(trx);
        return 'first';
      }),
      // Sees the first unit's uncommitted row: the same transaction.
      commits.run(async (trx) => (await trx(SYNC_TABLES.cursors).where({ name: 'a' }).first()) !== undefined),
    ]);
    expect(results).toEqual(['first', true]);
    expect(await names()).toEqual(['a']);
  });

  it('retries the units of a failed group alone: the failing one is refused and leaves nothing, the others commit', async () => {
    const settled = await Promise.allSettled([
      commits.run(put('ok-1')),
      commits.run(async (trx) => {
        await put('half')(trx);
        throw new Error('refused');
      }),
      commits.run(put('ok-2')),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await names()).toEqual(['ok-1', 'ok-2']);
  });

  it('keeps accepting work after a failure and while a group is being written', async () => {
    await commits.run(async () => Promise.reject(new Error('first fails'))).catch(() => undefined);
    const first = commits.run(put('x'));
    const second = commits.run(put('y'));
    await Promise.all([first, second, commits.run(put('z'))]);
    expect(await names()).toEqual(['x', 'y', 'z']);
  });
});
