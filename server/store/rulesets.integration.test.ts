import { afterEach, describe, expect, it } from 'vitest';
import { newRuleset } from '../../rules';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { RulesetNameTakenError, RulesetStore } from './rulesets';

describe.each(await testEngines())('RulesetStore on %s: one name, one ruleset', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('refuses a second ruleset whose name differs only in case or surrounding spaces, and lets a ruleset change its own case', async () => {
    database = await createTestDatabase(engine);
    const store = new RulesetStore(database.db);
    await store.save(newRuleset({ id: 'a', name: 'Support', position: 0 }));
    await expect(store.save(newRuleset({ id: 'b', name: ' SUPPORT ', position: 1 }))).rejects.toBeInstanceOf(RulesetNameTakenError);
    await expect(store.save(newRuleset({ id: 'b', name: 'Support', position: 1 }))).rejects.toThrow('A ruleset named "Support" already exists');
    expect((await store.list()).map((r) => r.id)).toEqual(['a']);

    await store.save(newRuleset({ id: 'a', name: 'SUPPORT', position: 0 }));
    expect(await store.nameOwner(' support')).toEqual({ id: 'a', name: 'SUPPORT' });
    expect(await store.nameOwner('Engineering')).toBeUndefined();
    await store.save(newRuleset({ id: 'b', name: 'Engineering', position: 1 }));
    expect([...(await store.nameKeys())].sort()).toEqual(['engineering', 'support']);
  });
});
