import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_TEMPLATES, type Ruleset } from '../../rules';
import type { RulesetTemplatesReply, RulesetsReply } from '../../contracts/authoring';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';

/**
 * "Add from template" (GET /api/rulesets/templates, POST /api/rulesets/templates/:key) against the
 * app in demo mode: the starters are checked against the emulated org's live Case describe, as
 * any saved ruleset is.
 */
/** Undefined when beforeAll failed before the app started. */
let app: RunningApp | undefined;
let dataDir: string;
let auth: { cookie: string; csrfToken: string };
let baseUrl: string;
let serviceId: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-templates-'));
  app = await startApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', SF_EMULATOR_PORT: '0', PD_EMULATOR_PORT: '0', DEMO: 'true', LOG_LEVEL: 'warn' }));
  baseUrl = app.url;
  const signIn = await fetch(app.signInUrl, { redirect: 'manual' });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const session = (await (await fetch(`${app.url}/api/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  auth = { cookie, csrfToken: session.csrfToken };
  serviceId = app.emulators!.pagerduty.seedInfo().ids.services['Customer Support']!;
}, 60_000);

afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The error envelope with the field list a 400 carries. */
interface ErrorEnvelope {
  error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } };
}

/** One API call with the session; the reply's JSON as the type the caller names (the contract's reply or the error envelope). */
async function api(method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const addFromTemplate = async (key: string, body: unknown) => {
  const reply = await api('POST', `/api/rulesets/templates/${key}`, body);
  return { status: reply.status, body: reply.json as Ruleset & ErrorEnvelope };
};
const listRulesets = async () => ((await api('GET', '/api/rulesets')).json as RulesetsReply).rulesets;

describe('ruleset templates', () => {
  it('lists the starters with what each needs chosen', async () => {
    const reply = await api('GET', '/api/rulesets/templates');
    expect(reply.status).toBe(200);
    const { templates } = reply.json as RulesetTemplatesReply;
    expect(templates.map((template) => [template.key, template.name, template.needs])).toEqual([
      ['page-high-priority-cases', 'Page on high-priority Cases', ['service']],
      ['follow-incident-status', "Follow the incident's status on the Case", []],
      ['case-for-service-incidents', 'Open a Case for incidents on a service', ['service']],
    ]);
    expect(templates[0]!.ruleNames).toEqual(['New Case with Priority High', 'Case raised to Priority High']);
  });

  it('adds each starter as a disabled ruleset after the others, checked against the org', async () => {
    const existing = await api('POST', '/api/rulesets', { name: 'Written by hand' });
    expect(existing.status).toBe(201);
    for (const template of STARTER_TEMPLATES) {
      const added = await addFromTemplate(template.key, template.needs.includes('service') ? { serviceId } : {});
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(added.body).toMatchObject({ name: template.name, enabled: false, rules: template.rules.map((rule) => ({ id: rule.id, name: rule.name })) });
      expect(JSON.stringify(added.body.rules)).not.toContain('CHOOSE_A_PAGERDUTY_SERVICE');
    }
    const list = await listRulesets();
    expect(list.map((ruleset) => [ruleset.name, ruleset.enabled, ruleset.position])).toEqual([
      ['Written by hand', false, 0],
      ['Page on high-priority Cases', false, 1],
      ["Follow the incident's status on the Case", false, 2],
      ['Open a Case for incidents on a service', false, 3],
    ]);
    const pager = list[1]!;
    expect(pager.rules[0]!.actions).toEqual([{ type: 'create_incident', serviceId, urgency: 'high' }]);
    // Enabling re-checks against the describe, as for any ruleset.
    expect(((await api('PATCH', `/api/rulesets/${pager.id}`, { enabled: true })).json as Ruleset).enabled).toBe(true);
  });

  it('names a second copy apart', async () => {
    const again = await addFromTemplate('follow-incident-status', {});
    expect(again.body.name).toBe("Follow the incident's status on the Case (2)");
    const third = await addFromTemplate('follow-incident-status', {});
    expect(third.body.name).toBe("Follow the incident's status on the Case (3)");
  });

  it('asks for the service a starter needs, and refuses unknown templates and fields, storing nothing', async () => {
    const before = (await listRulesets()).length;
    const noService = await addFromTemplate('page-high-priority-cases', {});
    expect(noService.status).toBe(400);
    expect(noService.body.error.details?.fields).toEqual([
      { path: 'serviceId', message: 'Choose the PagerDuty service "Page on high-priority Cases" works with' },
    ]);
    const blank = await addFromTemplate('page-high-priority-cases', { serviceId: ' ' });
    expect(blank.status).toBe(400);
    const extra = await addFromTemplate('follow-incident-status', { enabled: true });
    expect(extra.status).toBe(400);
    const unknown = await addFromTemplate('page-everyone', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('page-high-priority-cases');
    expect(await listRulesets()).toHaveLength(before);
  });
});
