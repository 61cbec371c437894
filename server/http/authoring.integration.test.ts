import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule, Ruleset } from '../../rules';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';
import { startTestServer, type TestServer } from '../testing/harness';
import { readObjectMapping } from '../store/objectMapping';

/**
 * The OBJECT MAPPINGS and RULESETS API against the app in demo mode: the Case describe and the
 * PagerDuty lists are the emulators' live answers, so field checks are the real ones.
 */
let app: RunningApp;
let dataDir: string;
let auth: { cookie: string; csrfToken: string };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-authoring-'));
  app = await startApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', SF_EMULATOR_PORT: '0', PD_EMULATOR_PORT: '0', LOG_LEVEL: 'warn' }));
  const signIn = await fetch(app.signInUrl, { redirect: 'manual' });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const session = (await (await fetch(`${app.url}/api/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  auth = { cookie, csrfToken: session.csrfToken };
}, 60_000);

afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function api(method: string, route: string, body?: unknown, baseUrl = app.url, session = auth) {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as any };
}

function fieldPaths(reply: { body: { error: { details?: { fields?: { path: string }[] } } } }): string[] {
  return (reply.body.error.details?.fields ?? []).map((field) => field.path);
}

async function firstCase(): Promise<{ Id: string; CaseNumber: string; Status: string; Priority: string; Subject: string }> {
  const result = await app.ctx.sessions.salesforce.run(
    async (connection) =>
      (
        await connection.query<{ Id: string; CaseNumber: string; Status: string; Priority: string; Subject: string }>(
          'SELECT Id, CaseNumber, Status, Priority, Subject FROM Case ORDER BY CaseNumber LIMIT 1',
        )
      ).records,
  );
  return result[0]!;
}

function caseRule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'rule-case',
    name: 'High priority Cases page the support team',
    runOn: { kind: 'case', on: 'both' },
    conditions: [
      { field: 'Case.Priority', operator: 'equals', value: 'High' },
      { field: 'Case.Subject', operator: 'contains', value: 'outage' },
      { field: 'Case.Status', operator: 'not_equals', value: 'Closed' },
    ],
    filterLogic: { kind: 'custom', expression: '(1 OR 2) AND 3' },
    actions: [{ type: 'create_incident', serviceId: 'PSERVICE', urgency: 'high', title: 'Case {{Case.CaseNumber}}: {{Case.Subject}}' }],
    stopProcessing: false,
    ...overrides,
  };
}

function incidentRule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'rule-incident',
    name: 'Resolved incidents close the Case',
    runOn: { kind: 'incident', events: ['incident.resolved', 'incident.acknowledged'] },
    conditions: [
      { field: 'incident.status', operator: 'equals', value: 'resolved' },
      { field: 'incident.urgency', operator: 'in', value: ['high', 'low'] },
    ],
    filterLogic: { kind: 'all' },
    actions: [
      { type: 'set_case_fields', values: { Status: 'Closed' } },
      { type: 'add_case_comment', body: 'Resolved in PagerDuty: {{incident.html_url}}' },
    ],
    stopProcessing: true,
    ...overrides,
  };
}

describe('metadata for the pickers', () => {
  it('lists the live Case fields with types, picklist values, flags and operators', async () => {
    const reply = await api('GET', '/api/metadata/case-fields');
    expect(reply.status).toBe(200);
    const byName = new Map(reply.body.fields.map((field: { name: string }) => [field.name, field]));
    expect(byName.get('Status')).toMatchObject({
      type: 'picklist',
      picklistValues: ['New', 'Working', 'Escalated', 'Closed'],
      restrictedPicklist: true,
      updateable: true,
      supported: true,
    });
    expect(byName.get('Subject')).toMatchObject({ type: 'string', createable: true, nillable: true, requiredForCreate: false });
    expect((byName.get('Subject') as { operators: { name: string }[] }).operators.map((o) => o.name)).toContain('starts_with');
    expect(byName.get('CaseNumber')).toMatchObject({ updateable: false, createable: false });
    const closed = byName.get('IsClosed') as { operators: { name: string }[] };
    expect(closed.operators.map((o) => o.name)).not.toContain('contains');
  });

  it('lists PagerDuty services, escalation policies, priorities in order, and users; cached until ?fresh=1', async () => {
    const first = await api('GET', '/api/metadata/pagerduty');
    expect(first.status).toBe(200);
    expect(first.body.services.map((s: { name: string }) => s.name)).toEqual(['Checkout API', 'Customer Support', 'Salesforce Sync']);
    expect(first.body.services[0].escalationPolicyId).toEqual(expect.any(String));
    expect(first.body.priorities.map((p: { name: string }) => p.name)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(first.body.escalationPolicies.map((p: { name: string }) => p.name)).toEqual(['Engineering Escalation', 'Support Escalation']);
    expect(first.body.users).toContainEqual(expect.objectContaining({ name: 'Salesforce Integration', email: 'integration@example.com' }));
    const second = await api('GET', '/api/metadata/pagerduty');
    expect(second.body.fetchedAt).toBe(first.body.fetchedAt);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const fresh = await api('GET', '/api/metadata/pagerduty?fresh=1');
    expect(fresh.body.fetchedAt).not.toBe(first.body.fetchedAt);
  });

  it('lists the incident fields with operators by type and the event kinds', async () => {
    const reply = await api('GET', '/api/metadata/incident-fields');
    expect(reply.status).toBe(200);
    const status = reply.body.fields.find((field: { key: string }) => field.key === 'incident.status');
    expect(status).toMatchObject({ type: 'picklist', picklistValues: ['triggered', 'acknowledged', 'resolved'] });
    expect(status.operators.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['equals', 'in', 'changed_to']));
    const eventKind = reply.body.fields.find((field: { key: string }) => field.key === 'incident.event_type');
    expect(eventKind.operators.map((o: { name: string }) => o.name)).not.toContain('changed');
    expect(reply.body.eventTypes).toContain('incident.resolved');
  });
});

describe('OBJECT MAPPINGS', () => {
  it('answers the defaults and the integration user the demo connected with', async () => {
    const reply = await api('GET', '/api/object-mapping');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      businessObject: 'Case',
      titleField: 'Subject',
      descriptionField: 'Description',
      syncCommentsToNotes: false,
      integrationUserEmail: 'integration@example.com',
      integrationUser: { name: 'Salesforce Integration', email: 'integration@example.com' },
      integrationUserProblem: null,
    });
  });

  it('rejects unknown, non-text and read-only fields and an unknown PagerDuty email with paths, storing nothing', async () => {
    const before = await readObjectMapping(app.ctx.db);
    const reply = await api('PUT', '/api/object-mapping', {
      businessObject: 'Case',
      titleField: 'Subjekt',
      descriptionField: 'IsEscalated',
      syncCommentsToNotes: true,
      incidentNumberField: 'CaseNumber',
      incidentUrlField: 'SuppliedCompany',
      integrationUserEmail: 'nobody@example.com',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
    expect(fieldPaths(reply).sort()).toEqual(['descriptionField', 'incidentNumberField', 'integrationUserEmail', 'titleField']);
    expect(reply.body.error.details.fields.find((f: { path: string }) => f.path === 'incidentNumberField').message).toMatch(/read-only/);
    expect(await readObjectMapping(app.ctx.db)).toEqual(before);
    expect((await app.ctx.connections.pagerduty()).fromEmail).toBe('integration@example.com');

    const strict = await api('PUT', '/api/object-mapping', { ...before, integrationUserEmail: null, businessObject: 'Account', extra: 1 });
    expect(strict.status).toBe(400);
    expect(fieldPaths(strict)).toEqual(expect.arrayContaining(['businessObject', '']));
  });

  it('saves a valid mapping, changes the integration user on the PagerDuty connection, and reads it back', async () => {
    const reply = await api('PUT', '/api/object-mapping', {
      businessObject: 'Case',
      titleField: 'subject',
      descriptionField: 'Description',
      syncCommentsToNotes: true,
      incidentNumberField: 'SuppliedCompany',
      incidentUrlField: null,
      integrationUserEmail: 'ADA@example.com',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      titleField: 'Subject',
      syncCommentsToNotes: true,
      incidentNumberField: 'SuppliedCompany',
      integrationUser: { name: 'Ada Lovelace' },
    });
    expect((await app.ctx.connections.pagerduty()).fromEmail).toBe('ADA@example.com');
    expect(await readObjectMapping(app.ctx.db)).toMatchObject({ titleField: 'Subject', syncCommentsToNotes: true });

    const again = await api('GET', '/api/object-mapping');
    expect(again.body).toMatchObject({ integrationUserEmail: 'ADA@example.com', integrationUser: { email: 'ada@example.com' } });
    // Put the demo's integration user back for the tests below.
    expect(
      (
        await api('PUT', '/api/object-mapping', {
          ...again.body,
          integrationUser: undefined,
          integrationUserProblem: undefined,
          integrationUserEmail: 'integration@example.com',
        })
      ).status,
    ).toBe(200);
  });
});

describe('RULESETS', () => {
  it('creates rulesets disabled at the next position; renames, toggles, reorders and deletes them', async () => {
    const a = await api('POST', '/api/rulesets', { name: 'Support' });
    const b = await api('POST', '/api/rulesets', { name: '  Engineering  ' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ name: 'Support', enabled: false, rules: [] });
    expect(b.body).toMatchObject({ name: 'Engineering', enabled: false, position: a.body.position + 1 });

    expect((await api('POST', '/api/rulesets', { name: '' })).status).toBe(400);
    expect(fieldPaths(await api('POST', '/api/rulesets', { name: 'x', enabled: true }))).toEqual(['']);

    const renamed = await api('PATCH', `/api/rulesets/${a.body.id}`, { name: 'Customer Support' });
    expect(renamed.body).toMatchObject({ name: 'Customer Support', enabled: false });
    const enabled = await api('PATCH', `/api/rulesets/${a.body.id}`, { enabled: true });
    expect(enabled.body.enabled).toBe(true);
    expect((await api('PATCH', `/api/rulesets/${a.body.id}`, {})).status).toBe(400);
    expect((await api('PATCH', '/api/rulesets/nope', { enabled: true })).status).toBe(404);

    const reordered = await api('POST', '/api/rulesets/reorder', { ids: [b.body.id, a.body.id] });
    expect(reordered.status).toBe(200);
    const order = reordered.body.rulesets.map((r: Ruleset) => r.id);
    expect(order.indexOf(b.body.id)).toBeLessThan(order.indexOf(a.body.id));
    const badOrder = await api('POST', '/api/rulesets/reorder', { ids: [b.body.id, 'missing'] });
    expect(badOrder.status).toBe(400);
    expect(fieldPaths(badOrder)).toEqual(['ids[1]']);
    expect((await api('POST', '/api/rulesets/reorder', { ids: [a.body.id, a.body.id] })).status).toBe(400);

    expect((await api('DELETE', `/api/rulesets/${b.body.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/rulesets/${b.body.id}`)).status).toBe(404);
    const list = await api('GET', '/api/rulesets');
    expect(list.body.rulesets.map((r: Ruleset) => r.id)).not.toContain(b.body.id);
    expect(list.body.rulesets.find((r: Ruleset) => r.id === a.body.id)).toMatchObject({ name: 'Customer Support', enabled: true });
  });

  it('saves a whole ruleset with rules and reads it back exactly', async () => {
    const created = await api('POST', '/api/rulesets', { name: 'Both directions' });
    const body = { name: 'Both directions', enabled: false, rules: [caseRule(), incidentRule()] };
    const saved = await api('PUT', `/api/rulesets/${created.body.id}`, body);
    expect(saved.status).toBe(200);
    const read = await api('GET', `/api/rulesets/${created.body.id}`);
    expect(read.body).toEqual({ ...body, id: created.body.id, position: created.body.position });
  });

  it('rejects invalid rules with paths and stores nothing', async () => {
    const created = await api('POST', '/api/rulesets', { name: 'Invalid attempts' });
    const id = created.body.id as string;
    const bad = caseRule({
      conditions: [
        { field: 'Case.Priority', operator: 'equals', value: 'High' },
        { field: 'Case.Subjekt', operator: 'contains', value: 'x' },
        { field: 'Case.IsEscalated', operator: 'starts_with', value: 'y' },
      ],
      filterLogic: { kind: 'custom', expression: '1 AND (2 OR' },
    });
    const reply = await api('PUT', `/api/rulesets/${id}`, { name: 'Invalid attempts', enabled: false, rules: [bad] });
    expect(reply.status).toBe(400);
    expect(fieldPaths(reply)).toEqual(
      expect.arrayContaining(['rules[0].conditions[1].field', 'rules[0].conditions[2].operator', 'rules[0].filterLogic.expression']),
    );
    expect(reply.body.error.details.fields.find((f: { path: string }) => f.path === 'rules[0].conditions[1].field').message).toMatch(
      /did you mean|Unknown field/,
    );

    const shape = await api('PUT', `/api/rulesets/${id}`, {
      name: 'Invalid attempts',
      enabled: false,
      rules: [{ ...incidentRule(), actions: [{ type: 'create_incident', serviceId: 'P1' }] }],
    });
    expect(shape.status).toBe(400);
    expect(fieldPaths(shape)).toContain('rules[0].actions[0].type');

    const template = await api('PUT', `/api/rulesets/${id}`, {
      name: 'Invalid attempts',
      enabled: false,
      rules: [caseRule({ actions: [{ type: 'add_note', content: 'See {{Case.Nope}}' }] })],
    });
    expect(template.status).toBe(400);
    expect(fieldPaths(template)).toEqual(['rules[0].actions[0].content']);

    expect(fieldPaths(await api('PUT', `/api/rulesets/${id}`, { id: 'other', name: 'x', enabled: false, rules: [] }))).toEqual(['id']);
    expect(fieldPaths(await api('PUT', `/api/rulesets/${id}`, { name: 'x', enabled: false, rules: [], position: 99 }))).toEqual(['position']);
    expect((await api('PUT', `/api/rulesets/${id}`, [1, 2])).status).toBe(400);

    const unchanged = await api('GET', `/api/rulesets/${id}`);
    expect(unchanged.body).toMatchObject({ name: 'Invalid attempts', rules: [] });
  });

  it('exports versioned JSON as a download and imports it back as disabled copies, all or nothing', async () => {
    const created = await api('POST', '/api/rulesets', { name: 'Exported' });
    await api('PUT', `/api/rulesets/${created.body.id}`, { name: 'Exported', enabled: false, rules: [caseRule()] });
    await api('PATCH', `/api/rulesets/${created.body.id}`, { enabled: true });

    const exported = await api('GET', '/api/rulesets/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="?rulesets-\d{4}-\d{2}-\d{2}\.json"?$/);
    expect(exported.body).toMatchObject({ format: 'pagerduty-sfdc-rulesets', schemaVersion: 1, exportedAt: expect.any(String) });
    const before = (await api('GET', '/api/rulesets')).body.rulesets as Ruleset[];
    expect(exported.body.rulesets).toEqual(before);

    const imported = await api('POST', '/api/rulesets/import', exported.body);
    expect(imported.status).toBe(201);
    expect(imported.body.imported).toHaveLength(before.length);
    for (const [index, copy] of (imported.body.imported as Ruleset[]).entries()) {
      const original = before[index]!;
      expect(copy.enabled).toBe(false);
      expect(copy.id).toBe(imported.body.renamedIds[original.id]);
      expect(copy.rules).toEqual(original.rules);
      // Names are unique: the copy of "Exported" is "Exported (2)".
      expect(copy.name).toBe(`${original.name} (2)`);
    }
    const after = (await api('GET', '/api/rulesets')).body.rulesets as Ruleset[];
    expect(after).toHaveLength(before.length * 2);
    expect(after.slice(0, before.length)).toEqual(before);

    const broken = structuredClone(exported.body);
    broken.rulesets[0].rules = [caseRule({ conditions: [{ field: 'Case.Missing__c', operator: 'equals', value: 'x' }], filterLogic: { kind: 'all' } })];
    const rejected = await api('POST', '/api/rulesets/import', broken);
    expect(rejected.status).toBe(400);
    expect(fieldPaths(rejected)).toEqual(['rulesets[0].rules[0].conditions[0].field']);
    expect(((await api('GET', '/api/rulesets')).body.rulesets as Ruleset[]).length).toBe(after.length);

    const notExport = await api('POST', '/api/rulesets/import', { rulesets: [] });
    expect(notExport.status).toBe(400);
    expect(fieldPaths(notExport)).toContain('format');
    const newer = await api('POST', '/api/rulesets/import', { ...exported.body, schemaVersion: 99 });
    expect(fieldPaths(newer)).toEqual(['schemaVersion']);
  });

  it('refuses to enable a ruleset whose stored rules no longer compile', async () => {
    const created = await api('POST', '/api/rulesets', { name: 'Stale' });
    // Written behind the API's back, as if the field had been deleted in Salesforce since.
    const { RulesetStore } = await import('../store/rulesets');
    const stale: Ruleset = {
      ...created.body,
      rules: [caseRule({ conditions: [{ field: 'Case.Gone__c', operator: 'is_blank' }], filterLogic: { kind: 'all' } })],
    };
    await new RulesetStore(app.ctx.db).save(stale);
    const reply = await api('PATCH', `/api/rulesets/${created.body.id}`, { enabled: true });
    expect(reply.status).toBe(400);
    expect(fieldPaths(reply)).toEqual(['rules[0].conditions[0].field']);
    expect((await api('GET', `/api/rulesets/${created.body.id}`)).body.enabled).toBe(false);
  });
});

describe('Test this rule', () => {
  let rulesetId: string;
  beforeAll(async () => {
    const created = await api('POST', '/api/rulesets', { name: 'Under test' });
    rulesetId = created.body.id;
    const saved = await api('PUT', `/api/rulesets/${rulesetId}`, { name: 'Under test', enabled: false, rules: [caseRule(), incidentRule()] });
    expect(saved.status).toBe(200);
  });

  it('evaluates a Case rule on a real Case by number, disabled ruleset included, with the trace', async () => {
    const sample = await firstCase();
    const reply = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-case/test`, { caseNumber: sample.CaseNumber });
    expect(reply.status).toBe(200);
    expect(reply.body.event).toMatchObject({ kind: 'case', change: 'update', caseId: sample.Id, caseNumber: sample.CaseNumber, usedSnapshot: false });
    expect(reply.body.record.Subject).toBe(sample.Subject);
    const conditions = reply.body.trace.conditions as { index: number; actual: unknown; outcome: boolean }[];
    expect(conditions.map((c) => c.actual)).toEqual([sample.Priority, sample.Subject, sample.Status]);
    expect(conditions[0]!.outcome).toBe(sample.Priority === 'High');
    expect(conditions[2]!.outcome).toBe(sample.Status !== 'Closed');
    const expected = (sample.Priority === 'High' || /outage/i.test(sample.Subject)) && sample.Status !== 'Closed';
    expect(reply.body.matched).toBe(expected);
    expect(reply.body.trace.logic).toMatch(/1 OR 2/);
    if (expected) expect(reply.body.actions[0]).toMatchObject({ type: 'create_incident', title: `Case ${sample.CaseNumber}: ${sample.Subject}` });
    else expect(reply.body.actions).toEqual([]);
  });

  it('escapes the Case number: a quote is data, not SOQL', async () => {
    const reply = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-case/test`, { caseNumber: "00001001' OR CaseNumber != '" });
    expect(reply.status).toBe(400);
    expect(fieldPaths(reply)).toEqual(['caseNumber']);
    expect(reply.body.error.message).toMatch(/No Case has the number/);
  });

  it('evaluates an incident rule on the built-in sample and on a real PagerDuty incident', async () => {
    const sample = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-incident/test`, { sampleEvent: { eventType: 'incident.resolved' } });
    expect(sample.status).toBe(200);
    expect(sample.body.event).toMatchObject({ kind: 'incident', eventType: 'incident.resolved', source: 'sample' });
    expect(sample.body.matched).toBe(true);
    expect(sample.body.trace.conditions.map((c: { outcome: boolean }) => c.outcome)).toEqual([true, true]);
    expect(sample.body.actions).toEqual([
      { type: 'set_case_fields', values: { Status: 'Closed' } },
      { type: 'add_case_comment', body: 'Resolved in PagerDuty: https://example.pagerduty.com/incidents/PSAMPLE', isPublished: false },
    ]);

    const notRun = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-incident/test`, { sampleEvent: { eventType: 'incident.triggered' } });
    expect(notRun.body).toMatchObject({ matched: false, trace: { skippedReason: 'run_on' } });

    const incidentId = app.emulators!.pagerduty.seedInfo().ids.incidents[0]!;
    const real = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-incident/test`, { sampleEvent: { eventType: 'incident.acknowledged', incidentId } });
    expect(real.status).toBe(200);
    expect(real.body.event).toMatchObject({ source: 'pagerduty', incidentId });
    expect(real.body.trace.conditions[0].actual).toBe(real.body.record.status);

    const missing = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-incident/test`, {
      sampleEvent: { eventType: 'incident.resolved', incidentId: 'PNOPE00' },
    });
    expect(missing.status).toBe(400);
    expect(fieldPaths(missing)).toEqual(['sampleEvent.incidentId']);
  });

  it('rejects the wrong kind of event, unknown rules and malformed bodies', async () => {
    expect(fieldPaths(await api('POST', `/api/rulesets/${rulesetId}/rules/rule-incident/test`, { caseNumber: '00001001' }))).toEqual(['caseNumber']);
    expect(fieldPaths(await api('POST', `/api/rulesets/${rulesetId}/rules/rule-case/test`, { sampleEvent: { eventType: 'incident.resolved' } }))).toEqual([
      'sampleEvent',
    ]);
    expect((await api('POST', `/api/rulesets/${rulesetId}/rules/nope/test`, { caseNumber: '1' })).status).toBe(404);
    expect((await api('POST', `/api/rulesets/${rulesetId}/rules/rule-case/test`, { caseNumber: '1', sampleEvent: {} })).status).toBe(400);
    expect((await api('POST', `/api/rulesets/${rulesetId}/rules/rule-case/test`, {})).status).toBe(400);
  });
});

describe('without connections', () => {
  let bare: TestServer;
  let session: { cookie: string; csrfToken: string };
  beforeAll(async () => {
    bare = await startTestServer();
    session = await bare.signIn();
  });
  afterAll(() => bare.close());

  it('answers not_configured envelopes for the live metadata and never a 5xx', async () => {
    const pagerduty = await api('GET', '/api/metadata/pagerduty', undefined, bare.url, session);
    expect(pagerduty.status).toBe(422);
    expect(pagerduty.body.error).toMatchObject({ code: 'not_configured', message: expect.stringMatching(/PagerDuty is not connected/) });
    const fields = await api('GET', '/api/metadata/case-fields', undefined, bare.url, session);
    expect(fields.status).toBe(422);
    expect(fields.body.error.message).toMatch(/Salesforce is not connected/);
    const mapping = await api('GET', '/api/object-mapping', undefined, bare.url, session);
    expect(mapping.status).toBe(200);
    expect(mapping.body).toMatchObject({ titleField: 'Subject', integrationUserEmail: null, integrationUser: null });
    expect((await api('GET', '/api/metadata/incident-fields', undefined, bare.url, session)).status).toBe(200);
  });
});
