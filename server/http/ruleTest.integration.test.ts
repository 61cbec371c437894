import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule, Ruleset } from '../../rules';
import type { PagerDutyMetadataReply, RuleTestReply } from '../../contracts/authoring';
import type { ApiErrorBody } from '../../contracts/api';
import { signedInApi, startDemoApp } from '../testing/demoApp';
import { fieldErrorsOf } from '../testing/replies';

/**
 * "Test this rule" on a real incident as the admin knows it: by the number the UI shows (41, or
 * #41) as well as PagerDuty's id, and templates that render a missing value sensibly.
 */
let app: Awaited<ReturnType<typeof startDemoApp>>;
let call: Awaited<ReturnType<typeof signedInApi>>;
let rulesetId: string;

const rule: Rule = {
  id: 'rule-ack',
  name: 'Comment on acknowledgement',
  runOn: { kind: 'incident', events: ['incident.acknowledged', 'incident.triggered'] },
  conditions: [],
  filterLogic: { kind: 'all' },
  actions: [{ type: 'add_case_comment', body: 'Acknowledged in PagerDuty by {{incident.agent_name | default: "PagerDuty"}}: #{{incident.incident_number}}' }],
  stopProcessing: false,
};

beforeAll(async () => {
  app = await startDemoApp();
  call = await signedInApi(app);
  rulesetId = ((await call('POST', '/api/rulesets', { name: 'Under test' })).body as Ruleset).id;
  const saved = await call('PUT', `/api/rulesets/${rulesetId}`, { name: 'Under test', enabled: false, rules: [rule] });
  expect(saved.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await app.close();
});

async function incidentNumber(id: string): Promise<number> {
  const client = await app.ctx.sessions.pagerduty.client();
  const { body } = await client.request<{ incident: { incident_number: number } }>('GET', `/incidents/${id}`);
  return body.incident.incident_number;
}

async function test(incidentId: string, eventType = 'incident.acknowledged'): Promise<{ status: number; body: unknown }> {
  return call('POST', `/api/rulesets/${rulesetId}/rules/rule-ack/test`, { sampleEvent: { eventType, incidentId } });
}

describe('Test this rule on a real incident', () => {
  it('finds the incident by the number the UI shows, with or without "#", as well as by its id', async () => {
    const [checkoutId, refundId] = app.emulators.pagerduty.seedInfo().ids.incidents;
    const number = await incidentNumber(refundId!);
    for (const given of [String(number), `#${number}`, refundId!]) {
      const reply = await test(given);
      expect(reply.status).toBe(200);
      expect((reply.body as RuleTestReply).event).toEqual({
        kind: 'incident',
        eventType: 'incident.acknowledged',
        incidentId: refundId,
        incidentNumber: number,
        source: 'pagerduty',
      });
    }
    const other = await test(String(await incidentNumber(checkoutId!)));
    expect((other.body as RuleTestReply).event).toMatchObject({ incidentId: checkoutId });

    const missing = await test('99999');
    expect(missing.status).toBe(400);
    expect((missing.body as ApiErrorBody).error.message).toBe('No PagerDuty incident has the number or id 99999');
  });

  it('renders who acknowledged the incident, and the fallback when nobody did', async () => {
    const [checkoutId, refundId] = app.emulators.pagerduty.seedInfo().ids.incidents;
    // The refund incident was acknowledged by Alan on the web: the test says so.
    const acknowledged = (await test(refundId!)).body as RuleTestReply;
    expect(acknowledged.actions).toEqual([
      { type: 'add_case_comment', body: `Acknowledged in PagerDuty by Alan Turing: #${await incidentNumber(refundId!)}`, isPublished: false },
    ]);
    // The checkout incident is still triggered: nobody acknowledged it, so the fallback stands in.
    const triggered = (await test(checkoutId!)).body as RuleTestReply;
    expect(triggered.actions).toEqual([
      { type: 'add_case_comment', body: `Acknowledged in PagerDuty by PagerDuty: #${await incidentNumber(checkoutId!)}`, isPublished: false },
    ]);
  });
});

describe('Test this rule on a Case, with the linked-incident actions of issue 16', () => {
  it('renders add responders and a status update, and names the PagerDuty ids they refer to', async () => {
    const directory = (await call('GET', '/api/metadata/pagerduty')).body as PagerDutyMetadataReply;
    const ada = directory.users.find((user) => user.name === 'Ada Lovelace')!;
    const support = directory.escalationPolicies.find((policy) => policy.name === 'Support Escalation')!;
    const caseRule: Rule = {
      id: 'rule-responders',
      name: 'Bring in help',
      runOn: { kind: 'case', on: 'both' },
      conditions: [],
      filterLogic: { kind: 'all' },
      actions: [
        { type: 'add_responders', userIds: [ada.id], escalationPolicyIds: [support.id], message: 'Case {{Case.CaseNumber}} needs you' },
        { type: 'publish_status_update', message: 'Investigating: {{Case.Subject}}' },
      ],
      stopProcessing: false,
    };
    const saved = await call('PUT', `/api/rulesets/${rulesetId}`, { name: 'Under test', enabled: false, rules: [rule, caseRule] });
    expect(saved.status).toBe(200);
    const [first] = await app.ctx.sessions.salesforce.run(
      async (connection) =>
        (await connection.query<{ CaseNumber: string; Subject: string }>('SELECT CaseNumber, Subject FROM Case ORDER BY CaseNumber LIMIT 1')).records,
    );
    const reply = await call('POST', `/api/rulesets/${rulesetId}/rules/rule-responders/test`, { caseNumber: first!.CaseNumber });
    expect(reply.status).toBe(200);
    const body = reply.body as RuleTestReply;
    expect(body.actions).toEqual([
      { type: 'add_responders', userIds: [ada.id], escalationPolicyIds: [support.id], message: `Case ${first!.CaseNumber} needs you` },
      { type: 'publish_status_update', message: `Investigating: ${first!.Subject}` },
    ]);
    expect(body.pagerDutyNames[ada.id]).toBe('Ada Lovelace');
    expect(body.pagerDutyNames[support.id]).toBe('Support Escalation');
  });
});

describe('Test this rule previews the incident actions of issue 16', () => {
  it('renders responders, a status update, a workflow, a bridge and a resolution for a real Case', async () => {
    const agentId = app.emulators.salesforce.seedInfo().users.find((user) => user.role === 'agent')!.id;
    const created = app.emulators.salesforce.store.insert('Case', { Subject: 'Preview me', Priority: 'High', Origin: 'Web', Status: 'New' }, agentId);
    const caseNumber = String(app.emulators.salesforce.store.find('Case', created.Id)?.CaseNumber);
    const { ids } = app.emulators.pagerduty.seedInfo();
    const [userId, policyId, workflowId] = [
      ids.users['grace@example.com']!,
      ids.escalationPolicies['Engineering Escalation']!,
      ids.incidentWorkflows['Notify stakeholders']!,
    ];
    const caseRule: Rule = {
      id: 'rule-incident-actions',
      name: 'Escalated Case → incident actions',
      runOn: { kind: 'case', on: 'update' },
      conditions: [],
      filterLogic: { kind: 'all' },
      actions: [
        { type: 'add_responders', userIds: [userId], escalationPolicyIds: [policyId], message: 'Join for Case {{Case.CaseNumber}}' },
        { type: 'publish_status_update', message: '{{Case.Subject}}: investigating' },
        { type: 'start_incident_workflow', workflowId },
        { type: 'set_conference_bridge', conferenceUrl: 'https://meet.example.com/{{Case.CaseNumber}}' },
        { type: 'escalate_incident', level: 2 },
        { type: 'snooze_incident', durationMinutes: 30 },
        { type: 'resolve_incident', resolution: 'Solved in Case {{Case.CaseNumber}}' },
      ],
      stopProcessing: false,
    };
    const id = ((await call('POST', '/api/rulesets', { name: 'Incident actions preview' })).body as Ruleset).id;
    expect((await call('PUT', `/api/rulesets/${id}`, { name: 'Incident actions preview', enabled: false, rules: [caseRule] })).status).toBe(200);
    const reply = await call('POST', `/api/rulesets/${id}/rules/rule-incident-actions/test`, { caseNumber });
    expect(reply.status).toBe(200);
    expect((reply.body as RuleTestReply).actions).toEqual([
      { type: 'add_responders', userIds: [userId], escalationPolicyIds: [policyId], message: `Join for Case ${caseNumber}` },
      { type: 'publish_status_update', message: 'Preview me: investigating' },
      { type: 'start_incident_workflow', workflowId },
      { type: 'set_conference_bridge', conferenceUrl: `https://meet.example.com/${caseNumber}` },
      { type: 'escalate_incident', level: 2 },
      { type: 'snooze_incident', durationMinutes: 30 },
      { type: 'resolve_incident', resolution: `Solved in Case ${caseNumber}` },
    ]);
  });

  it('renders a status update comment and responder names from the sample incident', async () => {
    const incidentRule: Rule = {
      id: 'rule-status-comment',
      name: 'Status update → comment',
      runOn: { kind: 'incident', events: ['incident.status_update_published', 'incident.responder.added'] },
      conditions: [],
      filterLogic: { kind: 'all' },
      actions: [
        { type: 'add_case_comment', body: 'Update: {{incident.status_update}}', isPublished: true },
        { type: 'set_case_fields', values: { Description: 'Responders: {{incident.responders}}; assignees: {{incident.assignees}}' } },
      ],
      stopProcessing: false,
    };
    const id = ((await call('POST', '/api/rulesets', { name: 'Status update preview' })).body as Ruleset).id;
    expect((await call('PUT', `/api/rulesets/${id}`, { name: 'Status update preview', enabled: false, rules: [incidentRule] })).status).toBe(200);
    const reply = await call('POST', `/api/rulesets/${id}/rules/rule-status-comment/test`, { sampleEvent: { eventType: 'incident.status_update_published' } });
    expect(reply.status).toBe(200);
    expect((reply.body as RuleTestReply).actions).toEqual([
      { type: 'add_case_comment', body: 'Update: Sample status update: a fix is being deployed', isPublished: true },
      { type: 'set_case_fields', values: { Description: 'Responders: Sample Subject Matter Expert; assignees: Sample Responder' } },
    ]);
  });
});

describe('Saving a rule checks the responders and workflows it names against PagerDuty', () => {
  it('answers 400 at each unknown id, stores nothing, and saves once the ids exist', async () => {
    const { ids } = app.emulators.pagerduty.seedInfo();
    const id = ((await call('POST', '/api/rulesets', { name: 'Responders and workflows' })).body as Ruleset).id;
    const withIds = (userId: string, workflowId: string): Rule => ({
      id: 'rule-ids',
      name: 'Escalated → responders and workflow',
      runOn: { kind: 'case', on: 'update' },
      conditions: [],
      filterLogic: { kind: 'all' },
      actions: [
        {
          type: 'add_responders',
          userIds: [ids.users['grace@example.com']!, userId],
          escalationPolicyIds: [ids.escalationPolicies['Engineering Escalation']!],
          message: 'Help',
        },
        { type: 'start_incident_workflow', workflowId },
      ],
      stopProcessing: false,
    });
    const refused = await call('PUT', `/api/rulesets/${id}`, { name: 'Responders and workflows', enabled: false, rules: [withIds('PNOUSER', 'PNOFLOW')] });
    expect(refused.status).toBe(400);
    expect(fieldErrorsOf(refused)).toEqual([
      { path: 'rules[0].actions[0].userIds[1]', message: 'PagerDuty has no user with the id PNOUSER: pick one from the list again' },
      { path: 'rules[0].actions[1].workflowId', message: 'PagerDuty has no incident workflow with the id PNOFLOW: pick one from the list again' },
    ]);
    expect(((await call('GET', `/api/rulesets/${id}`)).body as Ruleset).rules).toEqual([]);

    const workflowId = ids.incidentWorkflows['Notify stakeholders']!;
    const saved = await call('PUT', `/api/rulesets/${id}`, {
      name: 'Responders and workflows',
      enabled: false,
      rules: [withIds(ids.users['alan@example.com']!, workflowId)],
    });
    expect(saved.status).toBe(200);
  });
});
