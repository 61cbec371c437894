import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule, Ruleset, RulesetExport } from '../../rules';
import type {
  CaseFieldsReply,
  ImportRulesetsReply,
  IncidentFieldsReply,
  ObjectMappingReply,
  PagerDutyMetadataReply,
  RulesetsReply,
  RuleTestReply,
} from '../../contracts/authoring';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';
import { startTestServer, type TestServer } from '../testing/harness';
import { readObjectMapping } from '../store/objectMapping';
import { errorOf, fieldErrorsOf, type Reply } from '../testing/replies';

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
  return async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}, 60_000);

async function api(method: string, route: string, body?: unknown, baseUrl = app.url, session = auth): Promise<Reply & { headers: Headers }> {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function fieldPaths(reply: Reply): string[] {
  return fieldErrorsOf(reply).map((field) => field.path);
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
    const byName = new Map((reply.body as CaseFieldsReply).fields.map((field) => [field.name, field]));
    expect(byName.get('Status')).toMatchObject({
      type: 'picklist',
      picklistValues: ['New', 'Working', 'Escalated', 'Closed'],
      restrictedPicklist: true,
      updateable: true,
      supported: true,
    });
    expect(byName.get('Subject')).toMatchObject({ type: 'string', createable: true, nillable: true, requiredForCreate: false });
    expect(byName.get('Subject')!.operators.map((o) => o.name)).toContain('starts_with');
    expect(byName.get('CaseNumber')).toMatchObject({ updateable: false, createable: false });
    expect(byName.get('IsClosed')!.operators.map((o) => o.name)).not.toContain('contains');
  });

  it('lists PagerDuty services, escalation policies, priorities in order, and users; cached until ?fresh=1', async () => {
    const reply = await api('GET', '/api/metadata/pagerduty');
    expect(reply.status).toBe(200);
    const first = reply.body as PagerDutyMetadataReply;
    expect(first.services.map((s) => s.name)).toEqual(['Checkout API', 'Customer Support', 'Salesforce Sync']);
    expect(first.services[0]!.escalationPolicyId).toEqual(expect.any(String));
    expect(first.priorities.map((p) => p.name)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(first.escalationPolicies.map((p) => p.name)).toEqual(['Engineering Escalation', 'Support Escalation']);
    expect(first.users.find((user) => user.email === 'integration@example.com')?.name).toBe('Salesforce Integration');
    // What PagerDuty was asked for the lists: the cache is seen in these calls, not in timestamps.
    const listCalls = () =>
      app.emulators!.pagerduty.context.requestLog.entries(5_000).filter((entry) => /^\/(services|escalation_policies|priorities|users)$/.test(entry.path))
        .length;
    const callsBefore = listCalls();
    const second = (await api('GET', '/api/metadata/pagerduty')).body as PagerDutyMetadataReply;
    expect(second.fetchedAt).toBe(first.fetchedAt);
    expect(listCalls()).toBe(callsBefore);
    const fresh = await api('GET', '/api/metadata/pagerduty?fresh=1');
    expect(fresh.status).toBe(200);
    // At least one call per list.
    expect(listCalls() - callsBefore).toBeGreaterThanOrEqual(4);
    expect(Date.parse((fresh.body as PagerDutyMetadataReply).fetchedAt)).toBeGreaterThanOrEqual(Date.parse(first.fetchedAt));
  });

  it("lists the account's incident custom fields with their fixed options, and incident workflows", async () => {
    const reply = await api('GET', '/api/metadata/pagerduty?fresh=1');
    expect(reply.status).toBe(200);
    const { incidentCustomFields, incidentWorkflows } = reply.body as PagerDutyMetadataReply;
    // Sorted by the name people see; the fixed field carries its options in PagerDuty's order.
    expect(incidentCustomFields.map((field) => [field.displayName, field.name, field.dataType, field.fieldType])).toEqual([
      ['Affected customers', 'affected_customers', 'integer', 'single_value'],
      ['Customer tier', 'customer_tier', 'string', 'single_value_fixed'],
      ['Salesforce account', 'salesforce_account', 'string', 'single_value'],
    ]);
    expect(incidentCustomFields.find((field) => field.name === 'customer_tier')!.options).toEqual(['Gold', 'Silver', 'Bronze']);
    expect(incidentCustomFields.find((field) => field.name === 'affected_customers')!.options).toEqual([]);
    const asked = app.emulators!.pagerduty.context.requestLog.entries(5_000).filter((entry) => entry.path === '/incidents/custom_fields');
    expect(asked.length).toBeGreaterThan(0);
    // Workflows sorted by name, with the emulator's ids.
    const seededWorkflows = app.emulators!.pagerduty.seedInfo().ids.incidentWorkflows;
    expect(incidentWorkflows).toEqual([
      { id: seededWorkflows['Major incident: open Slack channel'], name: 'Major incident: open Slack channel' },
      { id: seededWorkflows['Notify stakeholders'], name: 'Notify stakeholders' },
    ]);
  });

  it('offers no workflows or custom fields where the account may not read them, and still lists the rest', async () => {
    const faults = app.emulators!.pagerduty.context.faults;
    const workflowsFault = faults.add({ path: '^/incident_workflows$', method: 'GET', status: 403, code: 2010, message: 'Access Denied' });
    const fieldsFault = faults.add({ path: '^/incidents/custom_fields$', method: 'GET', status: 402, code: 2012, message: 'Payment Required' });
    try {
      const reply = await api('GET', '/api/metadata/pagerduty?fresh=1');
      expect(reply.status).toBe(200);
      const body = reply.body as PagerDutyMetadataReply;
      expect(body.incidentWorkflows).toEqual([]);
      expect(body.incidentCustomFields).toEqual([]);
      expect(body.services.length).toBeGreaterThan(0);
    } finally {
      faults.remove(workflowsFault.id);
      faults.remove(fieldsFault.id);
    }
    // Any other failure of these lists is PagerDuty failing: the editor says so instead of offering nothing.
    const broken = faults.add({ path: '^/incident_workflows$', method: 'GET', status: 500 });
    try {
      const reply = await api('GET', '/api/metadata/pagerduty?fresh=1');
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(errorOf(reply).message).toMatch(/incident workflows/);
    } finally {
      faults.remove(broken.id);
    }
  });

  it('lists the incident fields with operators by type and the event kinds', async () => {
    const reply = await api('GET', '/api/metadata/incident-fields');
    expect(reply.status).toBe(200);
    const { fields, eventTypes } = reply.body as IncidentFieldsReply;
    const status = fields.find((field) => field.key === 'incident.status');
    expect(status).toMatchObject({ type: 'picklist', picklistValues: ['triggered', 'acknowledged', 'resolved'] });
    expect(status!.operators.map((o) => o.name)).toEqual(expect.arrayContaining(['equals', 'in', 'changed_to']));
    const eventKind = fields.find((field) => field.key === 'incident.event_type');
    expect(eventKind!.operators.map((o) => o.name)).not.toContain('changed');
    expect(eventTypes).toContain('incident.resolved');
    // Issue 16: responders, status updates, bridges and workflows, with the change operators.
    for (const key of ['incident.responder_names', 'incident.status_update_message', 'incident.conference_url', 'incident.workflow_name']) {
      expect(fields.find((field) => field.key === key)?.operators.map((o) => o.name)).toEqual(
        expect.arrayContaining(['changed', 'changed_to', 'changed_from']),
      );
    }
    expect(eventTypes).toEqual(expect.arrayContaining(['incident.responder.added', 'incident.status_update_published', 'incident.workflow.completed']));
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
    expect(errorOf(reply).code).toBe('validation_failed');
    expect(fieldPaths(reply).sort()).toEqual(['descriptionField', 'incidentNumberField', 'integrationUserEmail', 'titleField']);
    expect(fieldErrorsOf(reply).find((f) => f.path === 'incidentNumberField')?.message).toMatch(/read-only/);
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
          ...(again.body as ObjectMappingReply),
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
    const created = await api('POST', '/api/rulesets', { name: 'Support' });
    expect(created.status).toBe(201);
    const a = created.body as Ruleset;
    const b = (await api('POST', '/api/rulesets', { name: '  Engineering  ' })).body as Ruleset;
    expect(a).toMatchObject({ name: 'Support', enabled: false, rules: [] });
    expect(b).toMatchObject({ name: 'Engineering', enabled: false, position: a.position + 1 });

    expect((await api('POST', '/api/rulesets', { name: '' })).status).toBe(400);
    expect(fieldPaths(await api('POST', '/api/rulesets', { name: 'x', enabled: true }))).toEqual(['']);

    const renamed = await api('PATCH', `/api/rulesets/${a.id}`, { name: 'Customer Support' });
    expect(renamed.body).toMatchObject({ name: 'Customer Support', enabled: false });
    const enabled = await api('PATCH', `/api/rulesets/${a.id}`, { enabled: true });
    expect((enabled.body as Ruleset).enabled).toBe(true);
    expect((await api('PATCH', `/api/rulesets/${a.id}`, {})).status).toBe(400);
    expect((await api('PATCH', '/api/rulesets/nope', { enabled: true })).status).toBe(404);

    const reordered = await api('POST', '/api/rulesets/reorder', { ids: [b.id, a.id] });
    expect(reordered.status).toBe(200);
    const order = (reordered.body as RulesetsReply).rulesets.map((r) => r.id);
    expect(order.indexOf(b.id)).toBeLessThan(order.indexOf(a.id));
    const badOrder = await api('POST', '/api/rulesets/reorder', { ids: [b.id, 'missing'] });
    expect(badOrder.status).toBe(400);
    expect(fieldPaths(badOrder)).toEqual(['ids[1]']);
    expect((await api('POST', '/api/rulesets/reorder', { ids: [a.id, a.id] })).status).toBe(400);

    expect((await api('DELETE', `/api/rulesets/${b.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/rulesets/${b.id}`)).status).toBe(404);
    const list = (await api('GET', '/api/rulesets')).body as RulesetsReply;
    expect(list.rulesets.map((r) => r.id)).not.toContain(b.id);
    expect(list.rulesets.find((r) => r.id === a.id)).toMatchObject({ name: 'Customer Support', enabled: true });
  });

  it('saves a whole ruleset with rules and reads it back exactly', async () => {
    const created = (await api('POST', '/api/rulesets', { name: 'Both directions' })).body as Ruleset;
    const body = { name: 'Both directions', enabled: false, rules: [caseRule(), incidentRule()] };
    const saved = await api('PUT', `/api/rulesets/${created.id}`, body);
    expect(saved.status).toBe(200);
    const read = await api('GET', `/api/rulesets/${created.id}`);
    expect(read.body).toEqual({ ...body, id: created.id, position: created.position });
  });

  it('rejects invalid rules with paths and stores nothing', async () => {
    const { id } = (await api('POST', '/api/rulesets', { name: 'Invalid attempts' })).body as Ruleset;
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
    expect(fieldErrorsOf(reply).find((f) => f.path === 'rules[0].conditions[1].field')?.message).toMatch(/did you mean|Unknown field/);

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
    const created = (await api('POST', '/api/rulesets', { name: 'Exported' })).body as Ruleset;
    await api('PUT', `/api/rulesets/${created.id}`, { name: 'Exported', enabled: false, rules: [caseRule()] });
    await api('PATCH', `/api/rulesets/${created.id}`, { enabled: true });

    const exported = await api('GET', '/api/rulesets/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="?rulesets-\d{4}-\d{2}-\d{2}\.json"?$/);
    const exportDocument = exported.body as RulesetExport;
    expect(exportDocument).toMatchObject({ format: 'pagerduty-sfdc-rulesets', schemaVersion: 1 });
    expect(Number.isNaN(Date.parse(exportDocument.exportedAt ?? ''))).toBe(false);
    const before = ((await api('GET', '/api/rulesets')).body as RulesetsReply).rulesets;
    expect(exportDocument.rulesets).toEqual(before);

    const importReply = await api('POST', '/api/rulesets/import', exportDocument);
    expect(importReply.status).toBe(201);
    const imported = importReply.body as ImportRulesetsReply;
    expect(imported.imported).toHaveLength(before.length);
    for (const [index, copy] of imported.imported.entries()) {
      const original = before[index]!;
      expect(copy.enabled).toBe(false);
      expect(copy.id).toBe(imported.renamedIds[original.id]);
      expect(copy.rules).toEqual(original.rules);
      // Names are unique: the copy of "Exported" is "Exported (2)".
      expect(copy.name).toBe(`${original.name} (2)`);
    }
    const after = ((await api('GET', '/api/rulesets')).body as RulesetsReply).rulesets;
    expect(after).toHaveLength(before.length * 2);
    expect(after.slice(0, before.length)).toEqual(before);

    const broken = structuredClone(exportDocument);
    broken.rulesets[0]!.rules = [caseRule({ conditions: [{ field: 'Case.Missing__c', operator: 'equals', value: 'x' }], filterLogic: { kind: 'all' } })];
    const rejected = await api('POST', '/api/rulesets/import', broken);
    expect(rejected.status).toBe(400);
    expect(fieldPaths(rejected)).toEqual(['rulesets[0].rules[0].conditions[0].field']);
    expect(((await api('GET', '/api/rulesets')).body as RulesetsReply).rulesets).toHaveLength(after.length);

    const notExport = await api('POST', '/api/rulesets/import', { rulesets: [] });
    expect(notExport.status).toBe(400);
    expect(fieldPaths(notExport)).toContain('format');
    const newer = await api('POST', '/api/rulesets/import', { ...exportDocument, schemaVersion: 99 });
    expect(fieldPaths(newer)).toEqual(['schemaVersion']);
  });

  it('refuses to enable a ruleset whose stored rules no longer compile', async () => {
    const created = (await api('POST', '/api/rulesets', { name: 'Stale' })).body as Ruleset;
    // Written behind the API's back, as if the field had been deleted in Salesforce since.
    const { RulesetStore } = await import('../store/rulesets');
    const stale: Ruleset = {
      ...created,
      rules: [caseRule({ conditions: [{ field: 'Case.Gone__c', operator: 'is_blank' }], filterLogic: { kind: 'all' } })],
    };
    await new RulesetStore(app.ctx.db).save(stale);
    const reply = await api('PATCH', `/api/rulesets/${created.id}`, { enabled: true });
    expect(reply.status).toBe(400);
    expect(fieldPaths(reply)).toEqual(['rules[0].conditions[0].field']);
    expect(((await api('GET', `/api/rulesets/${created.id}`)).body as Ruleset).enabled).toBe(false);
  });
});

describe('Test this rule', () => {
  let rulesetId: string;
  beforeAll(async () => {
    rulesetId = ((await api('POST', '/api/rulesets', { name: 'Under test' })).body as Ruleset).id;
    const saved = await api('PUT', `/api/rulesets/${rulesetId}`, { name: 'Under test', enabled: false, rules: [caseRule(), incidentRule()] });
    expect(saved.status).toBe(200);
  });

  it('evaluates a Case rule on a real Case by number, disabled ruleset included, with the trace', async () => {
    const sample = await firstCase();
    const reply = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-case/test`, { caseNumber: sample.CaseNumber });
    expect(reply.status).toBe(200);
    const result = reply.body as RuleTestReply;
    expect(result.event).toMatchObject({ kind: 'case', change: 'update', caseId: sample.Id, caseNumber: sample.CaseNumber, usedSnapshot: false });
    expect(result.record.Subject).toBe(sample.Subject);
    const conditions = result.trace.conditions;
    expect(conditions.map((c) => c.actual)).toEqual([sample.Priority, sample.Subject, sample.Status]);
    expect(conditions[0]!.outcome).toBe(sample.Priority === 'High');
    expect(conditions[2]!.outcome).toBe(sample.Status !== 'Closed');
    const expected = (sample.Priority === 'High' || /outage/i.test(sample.Subject)) && sample.Status !== 'Closed';
    expect(result.matched).toBe(expected);
    expect(result.trace.logic).toMatch(/1 OR 2/);
    expect(result.actions).toEqual(
      expected ? [expect.objectContaining({ type: 'create_incident', title: `Case ${sample.CaseNumber}: ${sample.Subject}` })] : [],
    );
  });

  it('escapes the Case number: a quote is data, not SOQL', async () => {
    const reply = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-case/test`, { caseNumber: "00001001' OR CaseNumber != '" });
    expect(reply.status).toBe(400);
    expect(fieldPaths(reply)).toEqual(['caseNumber']);
    expect(errorOf(reply).message).toMatch(/No Case has the number/);
  });

  it('evaluates an incident rule on the built-in sample and on a real PagerDuty incident', async () => {
    const sampleReply = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-incident/test`, { sampleEvent: { eventType: 'incident.resolved' } });
    expect(sampleReply.status).toBe(200);
    const sample = sampleReply.body as RuleTestReply;
    expect(sample.event).toMatchObject({ kind: 'incident', eventType: 'incident.resolved', source: 'sample' });
    expect(sample.matched).toBe(true);
    expect(sample.trace.conditions.map((c) => c.outcome)).toEqual([true, true]);
    expect(sample.actions).toEqual([
      { type: 'set_case_fields', values: { Status: 'Closed' } },
      { type: 'add_case_comment', body: 'Resolved in PagerDuty: https://example.pagerduty.com/incidents/PSAMPLE', isPublished: false },
    ]);

    const notRun = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-incident/test`, { sampleEvent: { eventType: 'incident.triggered' } });
    expect(notRun.body).toMatchObject({ matched: false, trace: { skippedReason: 'run_on' } });

    const incidentId = app.emulators!.pagerduty.seedInfo().ids.incidents[0]!;
    const realReply = await api('POST', `/api/rulesets/${rulesetId}/rules/rule-incident/test`, {
      sampleEvent: { eventType: 'incident.acknowledged', incidentId },
    });
    expect(realReply.status).toBe(200);
    const real = realReply.body as RuleTestReply;
    expect(real.event).toMatchObject({ source: 'pagerduty', incidentId });
    expect(real.trace.conditions[0]!.actual).toBe(real.record.status);

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
    expect(errorOf(pagerduty).code).toBe('not_configured');
    expect(errorOf(pagerduty).message).toMatch(/PagerDuty is not connected/);
    const fields = await api('GET', '/api/metadata/case-fields', undefined, bare.url, session);
    expect(fields.status).toBe(422);
    expect(errorOf(fields).message).toMatch(/Salesforce is not connected/);
    const mapping = await api('GET', '/api/object-mapping', undefined, bare.url, session);
    expect(mapping.status).toBe(200);
    expect(mapping.body).toMatchObject({ titleField: 'Subject', integrationUserEmail: null, integrationUser: null });
    expect((await api('GET', '/api/metadata/incident-fields', undefined, bare.url, session)).status).toBe(200);
  });
});
