import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../rules';
import type { ImportRulesetsReply, RulesetsReply } from '../../contracts/authoring';
import type { ApiErrorBody } from '../../contracts/api';
import { signedInApi, startDemoApp } from '../testing/demoApp';

/**
 * Ruleset names are unique, ignoring case and surrounding spaces (the sync log names a rule
 * "Ruleset › Rule"): every endpoint that names a ruleset answers 409 with a message on `name`;
 * an import renames the rulesets whose names are taken, and says so.
 */
let app: Awaited<ReturnType<typeof startDemoApp>>;
let call: Awaited<ReturnType<typeof signedInApi>>;

beforeAll(async () => {
  app = await startDemoApp();
  call = await signedInApi(app);
}, 60_000);

afterAll(async () => {
  await app.close();
});

function expectNameTaken(reply: { status: number; body: unknown }, name: string): void {
  expect(reply.status).toBe(409);
  const error = (reply.body as ApiErrorBody).error;
  expect(error.code).toBe('conflict');
  const message = `A ruleset named "${name}" already exists: choose another name`;
  expect(error.message).toBe(message);
  expect(error.details).toEqual({ fields: [{ path: 'name', message }] });
}

describe('ruleset names are unique', () => {
  it('refuses a new ruleset, a rename and a saved ruleset that take a name in use, whatever its case or spaces', async () => {
    const support = await call('POST', '/api/rulesets', { name: 'Support' });
    expect(support.status).toBe(201);
    const supportId = (support.body as Ruleset).id;
    expectNameTaken(await call('POST', '/api/rulesets', { name: '  support ' }), 'Support');

    const otherId = ((await call('POST', '/api/rulesets', { name: 'Engineering' })).body as Ruleset).id;
    expectNameTaken(await call('PATCH', `/api/rulesets/${otherId}`, { name: 'SUPPORT' }), 'Support');
    expectNameTaken(await call('PUT', `/api/rulesets/${otherId}`, { name: 'Support', enabled: false, rules: [] }), 'Support');
    expect(((await call('GET', `/api/rulesets/${otherId}`)).body as Ruleset).name).toBe('Engineering');

    // A ruleset may keep its own name, or change only its case.
    expect(((await call('PATCH', `/api/rulesets/${supportId}`, { name: 'SUPPORT' })).body as Ruleset).name).toBe('SUPPORT');
    expect((await call('PUT', `/api/rulesets/${supportId}`, { name: 'Support', enabled: false, rules: [] })).status).toBe(200);
    expect((await call('PATCH', `/api/rulesets/${supportId}`, { enabled: true })).status).toBe(200);
  });

  it('imports rulesets whose names are taken under a free name, "Name (2)", and reports each rename', async () => {
    const exported = (await call('GET', '/api/rulesets/export')).body as { rulesets: Ruleset[] };
    const names = exported.rulesets.map((r) => r.name);
    expect(names).toEqual(['Support', 'Engineering']);
    const file = { ...exported, rulesets: [...exported.rulesets, { ...exported.rulesets[0]!, id: 'copy-in-file', position: 99 }] };
    const imported = await call('POST', '/api/rulesets/import', file);
    expect(imported.status).toBe(201);
    const reply = imported.body as ImportRulesetsReply;
    expect(reply.imported.map((r) => r.name)).toEqual(['Support (2)', 'Engineering (2)', 'Support (3)']);
    expect(reply.renamedNames).toEqual([
      { from: 'Support', to: 'Support (2)' },
      { from: 'Engineering', to: 'Engineering (2)' },
      { from: 'Support', to: 'Support (3)' },
    ]);
    const keys = ((await call('GET', '/api/rulesets')).body as RulesetsReply).rulesets.map((r) => r.name.trim().toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });
});
