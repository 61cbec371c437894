import { beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../rules';
import { writeObjectMapping, DEFAULT_OBJECT_MAPPING } from '../store/objectMapping';
import { RulesetStore } from '../store/rulesets';
import { SYNC_TABLES } from '../store/tables';
import { startDemoApp, waitForIdle, type DemoApp } from '../testing/demoApp';
import { eventually } from '../testing/eventually';
import type { JobRow } from '../testing/rows';
import type { Job } from './jobQueue';
import { incidentActionHandlers } from './incidentActions';

/**
 * Issue 16's actions and event kinds end to end: Case changes reach the engine through the
 * Salesforce emulator's CDC, PagerDuty changes through the PagerDuty emulator's signed webhooks,
 * and the actions land in the emulators' stores.
 */
let app: DemoApp;
let pdKey: string;
let ids: ReturnType<DemoApp['emulators']['pagerduty']['seedInfo']>['ids'];
let agentId: string;

const P1 = () => ids.priorities.P1!;
const P2 = () => ids.priorities.P2!;

beforeAll(async () => {
  app = await startDemoApp();
  const pdSeed = app.emulators.pagerduty.seedInfo();
  pdKey = pdSeed.keys.account;
  ids = pdSeed.ids;
  agentId = app.emulators.salesforce.seedInfo().users.find((user) => user.role === 'agent')!.id;
  await writeObjectMapping(app.ctx.db, { ...DEFAULT_OBJECT_MAPPING, incidentNumberField: null, incidentUrlField: null });
  const store = new RulesetStore(app.ctx.db);
  // The demo's starter rulesets would act on the same Cases: this suite runs its own alone.
  for (const existing of await store.list()) await store.delete(existing.id);
  const rulesets: Ruleset[] = [
    {
      id: 'rs-case-actions',
      name: 'Case changes drive the incident',
      enabled: true,
      position: 0,
      rules: [
        {
          id: 'r-create',
          name: 'High priority → incident',
          runOn: { kind: 'case', on: 'create' },
          conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'create_incident', serviceId: ids.services['Customer Support']!, urgency: 'high' }],
          stopProcessing: false,
        },
        {
          id: 'r-escalated',
          name: 'Escalated → P1, low urgency, level 2, bridge',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Status', operator: 'changed_to', value: 'Escalated' }],
          filterLogic: { kind: 'all' },
          actions: [
            { type: 'update_incident', priorityId: P1(), urgency: 'low' },
            { type: 'escalate_incident', level: 2 },
            {
              type: 'set_conference_bridge',
              conferenceNumber: '+1 555 0100,,{{Case.CaseNumber}}#',
              conferenceUrl: 'https://meet.example.com/{{Case.CaseNumber}}',
            },
          ],
          stopProcessing: false,
        },
        {
          id: 'r-reassign',
          name: 'Working → reassigned to Grace',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Status', operator: 'changed_to', value: 'Working' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'update_incident', assignToUserIds: [ids.users['grace@example.com']!] }],
          stopProcessing: false,
        },
        {
          id: 'r-escalate-2',
          name: 'Subject says "level 2" → escalate to 2',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Escalate to level 2' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'escalate_incident', level: 2 }],
          stopProcessing: false,
        },
        {
          id: 'r-escalate-too-far',
          name: 'Subject says "level 9" → escalate to 9',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Escalate to level 9' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'escalate_incident', level: 9 }],
          stopProcessing: false,
        },
        {
          id: 'r-help',
          name: 'Subject "Need help" → add responders',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Need help' }],
          filterLogic: { kind: 'all' },
          actions: [
            {
              type: 'add_responders',
              userIds: [ids.users['grace@example.com']!],
              escalationPolicyIds: [ids.escalationPolicies['Engineering Escalation']!],
              message: 'Please join: Case {{Case.CaseNumber}}',
            },
          ],
          stopProcessing: false,
        },
        {
          id: 'r-help-nobody',
          name: 'Subject "Ask a stranger" → add an unknown responder',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Ask a stranger' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'add_responders', userIds: ['PNOBODY'], message: 'Help' }],
          stopProcessing: false,
        },
        {
          id: 'r-closed',
          name: 'Closed → resolve with a resolution note',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Status', operator: 'changed_to', value: 'Closed' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'resolve_incident', resolution: 'Closed in Salesforce as Case {{Case.CaseNumber}}' }],
          stopProcessing: false,
        },
      ],
    },
    {
      id: 'rs-incident-events',
      name: 'PagerDuty changes reach the Case',
      enabled: true,
      position: 1,
      rules: [
        {
          id: 'r-priority',
          name: 'Priority lowered from P1 → comment',
          runOn: { kind: 'incident', events: ['incident.priority_updated'] },
          conditions: [
            { field: 'incident.priority_name', operator: 'changed_from', value: 'P1' },
            { field: 'incident.urgency', operator: 'equals', value: 'low' },
          ],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'add_case_comment', body: 'PagerDuty priority {{incident.priority}} (urgency {{incident.urgency}})', isPublished: true }],
          stopProcessing: false,
        },
        {
          id: 'r-reassigned',
          name: 'Reassigned → assignee names in the Description',
          runOn: { kind: 'incident', events: ['incident.reassigned', 'incident.escalated'] },
          conditions: [{ field: 'incident.assignee_names', operator: 'changed' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'set_case_fields', values: { Description: 'On it in PagerDuty: {{incident.assignees}}' } }],
          stopProcessing: false,
        },
        {
          id: 'r-responders',
          name: 'Responder added → responder names in the Subject',
          runOn: { kind: 'incident', events: ['incident.responder.added', 'incident.responder.replied'] },
          conditions: [{ field: 'incident.responder_names', operator: 'changed' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'set_case_fields', values: { Description: 'Responders: {{incident.responders}}' } }],
          stopProcessing: false,
        },
        {
          id: 'r-tier',
          name: 'Customer tier set to Gold → internal comment',
          runOn: { kind: 'incident', events: ['incident.custom_field_values.updated'] },
          conditions: [{ field: 'incident.custom_fields.customer_tier', operator: 'changed_to', value: 'gold' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'add_case_comment', body: 'Customer tier now {{incident.custom_fields.customer_tier}} ({{incident.agent}})', isPublished: false }],
          stopProcessing: false,
        },
      ],
    },
  ];
  for (const ruleset of rulesets) await store.save(ruleset);
  await app.ctx.webhooks.followRules();
  return () => app.close();
}, 60_000);

async function pd<T>(method: string, path: string, body?: unknown, from = 'grace@example.com'): Promise<T> {
  const response = await fetch(app.emulators.pagerduty.url + path, {
    method,
    headers: { Authorization: `Token token=${pdKey}`, 'Content-Type': 'application/json', From: from, Accept: 'application/vnd.pagerduty+json;version=2' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

async function inboxCount(where: Record<string, string>): Promise<number> {
  return Number((await app.ctx.db(SYNC_TABLES.events).where(where).count({ count: '*' }).first())?.count ?? 0);
}

async function settled(where: Record<string, string>, before: number): Promise<void> {
  await eventually(async () => (await inboxCount(where)) > before, `intake of ${JSON.stringify(where)}`);
  await waitForIdle(app.ctx);
}

/** A Case change made in the Salesforce emulator by an agent; CDC carries it to the engine. */
async function changeCase(kind: 'create' | 'update', values: Record<string, unknown>, caseId?: string) {
  const store = app.emulators.salesforce.store;
  const before = caseId ? await inboxCount({ case_id: caseId }) : 0;
  const record = kind === 'create' ? store.insert('Case', values, agentId) : store.update('Case', caseId!, values, agentId);
  await settled({ case_id: record.Id }, before);
  return store.find('Case', record.Id)!;
}

/** A change a person makes on the incident in PagerDuty; the signed webhook carries it to the engine. */
async function incidentChange(eventType: string, incidentId: string, change: Record<string, unknown>, from = 'ada@example.com') {
  const before = await inboxCount({ incident_id: incidentId, kind: eventType });
  await pd('PUT', `/incidents/${incidentId}`, { incident: { type: 'incident_reference', ...change } }, from);
  await settled({ incident_id: incidentId, kind: eventType }, before);
}

/** What a person does in PagerDuty's web app (the emulator's control API); the webhook follows. */
async function act(eventType: string, incidentId: string, body: Record<string, unknown>) {
  const before = await inboxCount({ incident_id: incidentId, kind: eventType });
  const response = await fetch(`${app.emulators.pagerduty.url}/__emulator/act`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ incident_id: incidentId, ...body }),
  });
  if (!response.ok) throw new Error(`act ${JSON.stringify(body)}: ${response.status} ${await response.text()}`);
  await settled({ incident_id: incidentId, kind: eventType }, before);
}

async function jobRows(caseId: string, task: string): Promise<JobRow[]> {
  return app.ctx.db<JobRow>(SYNC_TABLES.jobs).where({ case_id: caseId, task }).orderBy('id').select();
}

/** A linked Case and its incident, created through the rules (Case Priority High). */
async function linkedCase(subject: string) {
  const created = await changeCase('create', { Subject: subject, Priority: 'High', Origin: 'Web', Status: 'New' });
  const link = await app.ctx.links.byCase(created.Id);
  if (!link) throw new Error(`Case ${created.Id} was not linked`);
  const incident = app.emulators.pagerduty.context.store.incidents.get(link.incidentId)!;
  return { caseId: created.Id, caseNumber: String(created.CaseNumber), incidentId: link.incidentId, incident };
}

function logEntries(incidentId: string, type: string) {
  return app.emulators.pagerduty.context.store.logEntries.filter((entry) => entry.incidentId === incidentId && entry.type === type);
}

function comments(caseId: string): string[] {
  return [...app.emulators.salesforce.store.records('CaseComment')]
    .filter((comment) => comment.ParentId === caseId)
    .map((comment) => String(comment.CommentBody));
}

describe('Case rules act on the linked incident', () => {
  it('sets priority and urgency, escalates to a level and sets the conference bridge; PagerDuty changes come back as rules', async () => {
    const { caseId, caseNumber, incidentId, incident } = await linkedCase('Checkout is down for EU customers');
    expect(incident.escalationLevel).toBe(1);

    await changeCase('update', { Status: 'Escalated' }, caseId);
    expect(incident).toMatchObject({
      priorityId: P1(),
      urgency: 'low',
      escalationLevel: 2,
      conferenceBridge: { conferenceNumber: `+1 555 0100,,${caseNumber}#`, conferenceUrl: `https://meet.example.com/${caseNumber}` },
    });
    // Level 2 of Support Escalation is Katherine Johnson.
    expect(incident.assignments.map((assignment) => assignment.userId)).toEqual([ids.users['katherine@example.com']]);
    const [escalate] = await jobRows(caseId, 'escalate_incident');
    expect(escalate).toMatchObject({ state: 'done' });
    expect(JSON.parse(escalate!.result!)).toEqual({ incidentId, escalationLevel: 2 });
    const [bridge] = await jobRows(caseId, 'set_conference_bridge');
    expect(JSON.parse(bridge!.result!)).toMatchObject({ conferenceUrl: `https://meet.example.com/${caseNumber}` });

    // A person lowers the priority in PagerDuty: "changed from P1" holds (the snapshot had P1).
    await incidentChange('incident.priority_updated', incidentId, { priority: { id: P2(), type: 'priority_reference' } });
    await eventually(() => comments(caseId).includes('PagerDuty priority P2 (urgency low)') || undefined, 'the priority comment');

    // A person reassigns: the assignee names reach the Case as "A, B".
    await incidentChange('incident.reassigned', incidentId, {
      assignments: [
        { assignee: { id: ids.users['grace@example.com']!, type: 'user_reference' } },
        { assignee: { id: ids.users['alan@example.com']!, type: 'user_reference' } },
      ],
    });
    expect(app.emulators.salesforce.store.find('Case', caseId)?.Description).toBe('On it in PagerDuty: Grace Hopper, Alan Turing');

    // PagerDuty escalates (a person picks level 3): the new assignee reaches the Case.
    await incidentChange('incident.escalated', incidentId, { escalation_level: 3 });
    expect(app.emulators.salesforce.store.find('Case', caseId)?.Description).toBe('On it in PagerDuty: Ada Lovelace');
  });

  it('reassigns (update_incident with users) and resolves with a resolution note', async () => {
    const { caseId, caseNumber, incidentId, incident } = await linkedCase('Refund stuck');
    await changeCase('update', { Status: 'Working' }, caseId);
    expect(incident.assignments.map((assignment) => assignment.userId)).toEqual([ids.users['grace@example.com']]);

    await changeCase('update', { Status: 'Closed' }, caseId);
    expect(incident.status).toBe('resolved');
    expect(logEntries(incidentId, 'resolve_log_entry').map((entry) => entry.note)).toEqual([`Closed in Salesforce as Case ${caseNumber}`]);
    expect((await app.ctx.links.byCase(caseId))?.incidentStatus).toBe('resolved');
  });

  it('retries an escalation through injected 500s and escalates exactly once', async () => {
    const { caseId, incidentId, incident } = await linkedCase('Flaky upstream');
    app.emulators.pagerduty.context.faults.add({ path: `^/incidents/${incidentId}$`, method: 'PUT', status: 500, times: 2 });
    app.emulators.salesforce.store.update('Case', caseId, { Subject: 'Escalate to level 2' }, agentId);
    const job = await eventually(
      async () => (await jobRows(caseId, 'escalate_incident')).find((row) => row.state === 'done'),
      'the escalation after the faults',
      60_000,
    );
    expect(job.attempts).toBe(3);
    expect(incident.escalationLevel).toBe(2);
    expect(logEntries(incidentId, 'escalate_log_entry')).toHaveLength(1);
  }, 90_000);

  it('stops at a level the escalation policy does not have, with a hint that says what to fix', async () => {
    const { caseId } = await linkedCase('Escalation level check');
    await changeCase('update', { Subject: 'Escalate to level 9' }, caseId);
    const [job] = await jobRows(caseId, 'escalate_incident');
    expect(job).toMatchObject({ state: 'dead' });
    expect(job!.last_error).toContain('escalation level 9');
    expect(job!.error_hint).toBe("The incident's escalation policy has fewer levels: choose a lower level in the rule.");
  });

  it('skips an incident action when the Case has no linked incident', async () => {
    const created = await changeCase('create', { Subject: 'Low priority question', Priority: 'Low', Origin: 'Web', Status: 'New' });
    await changeCase('update', { Status: 'Escalated' }, created.Id);
    const [job] = await jobRows(created.Id, 'escalate_incident');
    expect(job).toMatchObject({ state: 'done' });
    expect(JSON.parse(job!.result!)).toMatchObject({ skipped: 'The Case has no linked incident' });
  });
});

describe('responders and custom fields', () => {
  function responderRequests(incidentId: string) {
    return app.emulators.pagerduty.context.store.responderRequests.filter((request) => request.incidentId === incidentId);
  }

  it('adds users and escalation policies as responders with the templated message; a person adding one reaches the Case', async () => {
    const { caseId, caseNumber, incidentId } = await linkedCase('Payments failing');
    await changeCase('update', { Subject: 'Need help' }, caseId);
    const requests = responderRequests(incidentId);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      message: `Please join: Case ${caseNumber}`,
      requesterId: ids.users['integration@example.com'],
      targets: [
        { type: 'user', id: ids.users['grace@example.com'] },
        { type: 'escalation_policy', id: ids.escalationPolicies['Engineering Escalation'] },
      ],
    });
    const [job] = await jobRows(caseId, 'add_responders');
    expect(JSON.parse(job!.result!)).toMatchObject({ incidentId, responderRequestId: requests[0]!.id, userIds: [ids.users['grace@example.com']] });

    // The engine's own request came back as an echo; a person's request runs the rules.
    await act('incident.responder.added', incidentId, { as: 'ada@example.com', action: 'add_responders', to: ['alan@example.com'], content: 'Join us' });
    const description = String(app.emulators.salesforce.store.find('Case', caseId)?.Description);
    expect(description).toMatch(/^Responders: .*Alan Turing$/);
    expect(description).toContain('Grace Hopper');
  });

  it('retries a responder request through a 500 and asks each responder once; a retry after a lost answer asks nobody again', async () => {
    const { caseId, incidentId } = await linkedCase('Responder retry');
    app.emulators.pagerduty.context.faults.add({ path: `^/incidents/${incidentId}/responder_requests$`, method: 'POST', status: 500, times: 1 });
    app.emulators.salesforce.store.update('Case', caseId, { Subject: 'Need help' }, agentId);
    const job = await eventually(
      async () => (await jobRows(caseId, 'add_responders')).find((row) => row.state === 'done'),
      'the responders after the fault',
      60_000,
    );
    expect(job.attempts).toBe(2);
    expect(responderRequests(incidentId)).toHaveLength(1);

    // The same job again, as after a timeout whose request PagerDuty did carry out: it looks first.
    const handlers = incidentActionHandlers({ db: app.ctx.db, links: app.ctx.links, pagerduty: app.ctx.sessions.pagerduty });
    const again = {
      ...(JSON.parse(JSON.stringify(job)) as object),
      task: 'add_responders',
      payload: JSON.parse(job.payload) as unknown,
      attempts: 3,
      createdAt: new Date(),
    } as Job;
    expect(await handlers.add_responders!(again)).toMatchObject({ skipped: 'An earlier attempt already asked every responder of this action' });
    expect(responderRequests(incidentId)).toHaveLength(1);
  }, 90_000);

  it("refuses an unknown responder for good, with a hint naming the rule's responders", async () => {
    const { caseId, incidentId } = await linkedCase('Unknown responder');
    await changeCase('update', { Subject: 'Ask a stranger' }, caseId);
    const [job] = await jobRows(caseId, 'add_responders');
    expect(job).toMatchObject({ state: 'dead' });
    expect(job!.last_error).toContain('User PNOBODY not found');
    expect(job!.error_hint).toContain("Check the rule's responders (users PNOBODY; escalation policies none)");
    expect(responderRequests(incidentId)).toHaveLength(0);
  });

  it('runs a rule on custom field values changed in PagerDuty', async () => {
    const { caseId, incidentId } = await linkedCase('Gold customer');
    await act('incident.custom_field_values.updated', incidentId, { as: 'grace@example.com', action: 'custom_field', field: 'customer_tier', value: 'Silver' });
    expect(comments(caseId)).toEqual([]);
    await act('incident.custom_field_values.updated', incidentId, { as: 'grace@example.com', action: 'custom_field', field: 'customer_tier', value: 'Gold' });
    expect(comments(caseId)).toEqual(['Customer tier now Gold (Grace Hopper)']);
    const snapshot = await app.ctx.snapshots.get('incident', incidentId);
    expect(snapshot?.['custom_fields.customer_tier']).toBe('Gold');
  });
});
