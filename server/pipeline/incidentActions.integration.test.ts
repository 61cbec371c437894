import { beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../rules';
import { writeObjectMapping, DEFAULT_OBJECT_MAPPING } from '../store/objectMapping';
import { RulesetStore } from '../store/rulesets';
import { SYNC_TABLES } from '../store/tables';
import { startDemoApp, waitForIdle, type DemoApp } from '../testing/demoApp';
import { eventually } from '../testing/eventually';
import { act, changeCase, incidentChange, jobRows, linkedCase } from '../testing/engineScenario';
import type { Job } from './jobQueue';
import { incidentActionHandlers } from './incidentActions';

/**
 * Issue 16's actions and event kinds end to end: Case changes reach the engine through the
 * Salesforce emulator's CDC, PagerDuty changes through the PagerDuty emulator's signed webhooks,
 * and the actions land in the emulators' stores.
 */
let app: DemoApp;
let ids: ReturnType<DemoApp['emulators']['pagerduty']['seedInfo']>['ids'];
let agentId: string;

/** The person who changes the incidents in PagerDuty in this suite. */
const ADA = 'ada@example.com';
const P1 = () => ids.priorities.P1!;
const P2 = () => ids.priorities.P2!;

beforeAll(async () => {
  app = await startDemoApp();
  const pdSeed = app.emulators.pagerduty.seedInfo();
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
          id: 'r-status',
          name: 'Subject "Post an update" → status update',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Post an update' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'publish_status_update', message: 'Case {{Case.CaseNumber}} is {{Case.Status}} in Salesforce' }],
          stopProcessing: false,
        },
        {
          id: 'r-workflow',
          name: 'Subject "Start the workflow" → major incident workflow',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Start the workflow' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'start_incident_workflow', workflowId: ids.incidentWorkflows['Major incident: open Slack channel']! }],
          stopProcessing: false,
        },
        {
          id: 'r-workflow-missing',
          name: 'Subject "Start a missing workflow" → a deleted workflow',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Start a missing workflow' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'start_incident_workflow', workflowId: 'PDELETED' }],
          stopProcessing: false,
        },
        {
          id: 'r-snooze',
          name: 'Subject "Snooze an hour" → acknowledge and snooze',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Snooze an hour' }],
          filterLogic: { kind: 'all' },
          actions: [
            { type: 'update_incident', status: 'acknowledged' },
            { type: 'snooze_incident', durationMinutes: 60 },
          ],
          stopProcessing: false,
        },
        {
          id: 'r-snooze-triggered',
          name: 'Subject "Snooze without acknowledging" → snooze only',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Subject', operator: 'changed_to', value: 'Snooze without acknowledging' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'snooze_incident', durationMinutes: 60 }],
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
          id: 'r-status-comment',
          name: 'Status update → public Case comment',
          runOn: { kind: 'incident', events: ['incident.status_update_published'] },
          conditions: [],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'add_case_comment', body: 'Status update from {{incident.agent}}: {{incident.status_update}}', isPublished: true }],
          stopProcessing: false,
        },
        {
          id: 'r-workflow-done',
          name: 'Notify stakeholders started or completed → internal comment',
          runOn: { kind: 'incident', events: ['incident.workflow.started', 'incident.workflow.completed'] },
          conditions: [{ field: 'incident.workflow_name', operator: 'equals', value: 'Notify stakeholders' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'add_case_comment', body: 'Workflow "{{incident.workflow}}": {{incident.event}} (by {{incident.agent}})' }],
          stopProcessing: false,
        },
        {
          id: 'r-bridge',
          name: 'Bridge set in PagerDuty → Case Description',
          runOn: { kind: 'incident', events: ['incident.conference_bridge.updated'] },
          conditions: [{ field: 'incident.conference_url', operator: 'changed' }],
          filterLogic: { kind: 'all' },
          actions: [
            {
              type: 'set_case_fields',
              values: { Description: 'Join {{incident.conference_bridge}} or dial {{incident.conference_number | default: "(no number)"}}' },
            },
          ],
          stopProcessing: false,
        },
        {
          id: 'r-replied',
          name: 'Responder replied → internal comment',
          runOn: { kind: 'incident', events: ['incident.responder.replied'] },
          conditions: [],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'add_case_comment', body: '{{incident.agent}} answered the request to respond; responders: {{incident.responders}}' }],
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

function logEntries(incidentId: string, type: string) {
  return app.emulators.pagerduty.context.store.logEntries.filter((entry) => entry.incidentId === incidentId && entry.type === type);
}

/** Waits until the inbox holds a webhook of `kind` about the incident (the event a retry looks for). */
async function webhookStored(incidentId: string, kind: string): Promise<void> {
  await eventually<{ id: number } | undefined>(
    async () => app.ctx.db(SYNC_TABLES.events).where({ kind, incident_id: incidentId }).first('id'),
    `the ${kind} webhook of ${incidentId} in the inbox`,
  );
}

function comments(caseId: string): string[] {
  return [...app.emulators.salesforce.store.records('CaseComment')]
    .filter((comment) => comment.ParentId === caseId)
    .map((comment) => String(comment.CommentBody));
}

describe('Case rules act on the linked incident', () => {
  it('sets priority and urgency, escalates to a level and sets the conference bridge; PagerDuty changes come back as rules', async () => {
    const { caseId, caseNumber, incidentId, incident } = await linkedCase(app, 'Checkout is down for EU customers');
    expect(incident.escalationLevel).toBe(1);

    await changeCase(app, 'update', { Status: 'Escalated' }, { caseId: caseId });
    expect(incident).toMatchObject({
      priorityId: P1(),
      urgency: 'low',
      escalationLevel: 2,
      conferenceBridge: { conferenceNumber: `+1 555 0100,,${caseNumber}#`, conferenceUrl: `https://meet.example.com/${caseNumber}` },
    });
    // Level 2 of Support Escalation is Katherine Johnson.
    expect(incident.assignments.map((assignment) => assignment.userId)).toEqual([ids.users['katherine@example.com']]);
    const [escalate] = await jobRows(app, { case_id: caseId, task: 'escalate_incident' });
    expect(escalate).toMatchObject({ state: 'done' });
    expect(JSON.parse(escalate!.result!)).toEqual({ incidentId, escalationLevel: 2 });
    const [bridge] = await jobRows(app, { case_id: caseId, task: 'set_conference_bridge' });
    expect(JSON.parse(bridge!.result!)).toMatchObject({ conferenceUrl: `https://meet.example.com/${caseNumber}` });

    // A person lowers the priority in PagerDuty: "changed from P1" holds (the snapshot had P1).
    await incidentChange(app, 'incident.priority_updated', incidentId, { priority: { id: P2(), type: 'priority_reference' } }, ADA);
    await eventually(() => comments(caseId).includes('PagerDuty priority P2 (urgency low)') || undefined, 'the priority comment');

    // A person reassigns: the assignee names reach the Case as "A, B".
    await incidentChange(
      app,
      'incident.reassigned',
      incidentId,
      {
        assignments: [
          { assignee: { id: ids.users['grace@example.com']!, type: 'user_reference' } },
          { assignee: { id: ids.users['alan@example.com']!, type: 'user_reference' } },
        ],
      },
      ADA,
    );
    expect(app.emulators.salesforce.store.find('Case', caseId)?.Description).toBe('On it in PagerDuty: Grace Hopper, Alan Turing');

    // PagerDuty escalates (a person picks level 3): the new assignee reaches the Case.
    await incidentChange(app, 'incident.escalated', incidentId, { escalation_level: 3 }, ADA);
    expect(app.emulators.salesforce.store.find('Case', caseId)?.Description).toBe('On it in PagerDuty: Ada Lovelace');
  });

  it('reassigns (update_incident with users) and resolves with a resolution note', async () => {
    const { caseId, caseNumber, incidentId, incident } = await linkedCase(app, 'Refund stuck');
    await changeCase(app, 'update', { Status: 'Working' }, { caseId: caseId });
    expect(incident.assignments.map((assignment) => assignment.userId)).toEqual([ids.users['grace@example.com']]);

    await changeCase(app, 'update', { Status: 'Closed' }, { caseId: caseId });
    expect(incident.status).toBe('resolved');
    expect(logEntries(incidentId, 'resolve_log_entry').map((entry) => entry.note)).toEqual([`Closed in Salesforce as Case ${caseNumber}`]);
    expect((await app.ctx.links.byCase(caseId))?.incidentStatus).toBe('resolved');
  });

  it('retries an escalation through injected 500s and escalates exactly once', async () => {
    const { caseId, incidentId, incident } = await linkedCase(app, 'Flaky upstream');
    app.emulators.pagerduty.context.faults.add({ path: `^/incidents/${incidentId}$`, method: 'PUT', status: 500, times: 2 });
    app.emulators.salesforce.store.update('Case', caseId, { Subject: 'Escalate to level 2' }, agentId);
    const job = await eventually(
      async () => (await jobRows(app, { case_id: caseId, task: 'escalate_incident' })).find((row) => row.state === 'done'),
      'the escalation after the faults',
      60_000,
    );
    expect(job.attempts).toBe(3);
    expect(incident.escalationLevel).toBe(2);
    expect(logEntries(incidentId, 'escalate_log_entry')).toHaveLength(1);
  }, 90_000);

  it('stops at a level the escalation policy does not have, with a hint that says what to fix', async () => {
    const { caseId } = await linkedCase(app, 'Escalation level check');
    await changeCase(app, 'update', { Subject: 'Escalate to level 9' }, { caseId: caseId });
    const [job] = await jobRows(app, { case_id: caseId, task: 'escalate_incident' });
    expect(job).toMatchObject({ state: 'dead' });
    expect(job!.last_error).toContain('escalation level 9');
    expect(job!.error_hint).toBe("The incident's escalation policy has fewer levels: choose a lower level in the rule.");
  });

  it('skips an incident action when the Case has no linked incident', async () => {
    const created = await changeCase(app, 'create', { Subject: 'Low priority question', Priority: 'Low', Origin: 'Web', Status: 'New' });
    await changeCase(app, 'update', { Status: 'Escalated' }, { caseId: created.Id });
    const [job] = await jobRows(app, { case_id: created.Id, task: 'escalate_incident' });
    expect(job).toMatchObject({ state: 'done' });
    expect(JSON.parse(job!.result!)).toMatchObject({ skipped: 'The Case has no linked incident' });
  });
});

describe('responders and custom fields', () => {
  function responderRequests(incidentId: string) {
    return app.emulators.pagerduty.context.store.responderRequests.filter((request) => request.incidentId === incidentId);
  }

  it('adds users and escalation policies as responders with the templated message; a person adding one reaches the Case', async () => {
    const { caseId, caseNumber, incidentId } = await linkedCase(app, 'Payments failing');
    await changeCase(app, 'update', { Subject: 'Need help' }, { caseId: caseId });
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
    const [job] = await jobRows(app, { case_id: caseId, task: 'add_responders' });
    expect(JSON.parse(job!.result!)).toMatchObject({ incidentId, responderRequestId: requests[0]!.id, userIds: [ids.users['grace@example.com']] });

    // The engine's own request came back as an echo; a person's request runs the rules.
    await act(app, 'incident.responder.added', incidentId, { as: 'ada@example.com', action: 'add_responders', to: ['alan@example.com'], content: 'Join us' });
    const description = String(app.emulators.salesforce.store.find('Case', caseId)?.Description);
    expect(description).toMatch(/^Responders: .*Alan Turing$/);
    expect(description).toContain('Grace Hopper');
  });

  it("a responder's reply in PagerDuty reaches the Case", async () => {
    const { caseId, incidentId } = await linkedCase(app, 'Reply please');
    await changeCase(app, 'update', { Subject: 'Need help' }, { caseId: caseId });
    await waitForIdle(app.ctx);
    await act(app, 'incident.responder.replied', incidentId, { as: 'grace@example.com', action: 'accept_responder' });
    expect(comments(caseId)).toEqual(['Grace Hopper answered the request to respond; responders: Grace Hopper']);
  });

  it('retries a responder request through a 500 and asks each responder once; a retry after a lost answer asks nobody again', async () => {
    const { caseId, incidentId } = await linkedCase(app, 'Responder retry');
    app.emulators.pagerduty.context.faults.add({ path: `^/incidents/${incidentId}/responder_requests$`, method: 'POST', status: 500, times: 1 });
    app.emulators.salesforce.store.update('Case', caseId, { Subject: 'Need help' }, agentId);
    const job = await eventually(
      async () => (await jobRows(app, { case_id: caseId, task: 'add_responders' })).find((row) => row.state === 'done'),
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
    const { caseId, incidentId } = await linkedCase(app, 'Unknown responder');
    await changeCase(app, 'update', { Subject: 'Ask a stranger' }, { caseId: caseId });
    const [job] = await jobRows(app, { case_id: caseId, task: 'add_responders' });
    expect(job).toMatchObject({ state: 'dead' });
    expect(job!.last_error).toContain('User PNOBODY not found');
    expect(job!.error_hint).toContain("Check the rule's responders (users PNOBODY; escalation policies none)");
    expect(responderRequests(incidentId)).toHaveLength(0);
  });

  it('runs a rule on custom field values changed in PagerDuty', async () => {
    const { caseId, incidentId } = await linkedCase(app, 'Gold customer');
    await act(app, 'incident.custom_field_values.updated', incidentId, {
      as: 'grace@example.com',
      action: 'custom_field',
      field: 'customer_tier',
      value: 'Silver',
    });
    expect(comments(caseId)).toEqual([]);
    await act(app, 'incident.custom_field_values.updated', incidentId, {
      as: 'grace@example.com',
      action: 'custom_field',
      field: 'customer_tier',
      value: 'Gold',
    });
    expect(comments(caseId)).toEqual(['Customer tier now Gold (Grace Hopper)']);
    const snapshot = await app.ctx.snapshots.get('incident', incidentId);
    expect(snapshot?.['custom_fields.customer_tier']).toBe('Gold');
  });
});

describe('status updates', () => {
  function statusUpdates(incidentId: string): string[] {
    return app.emulators.pagerduty.context.store.statusUpdatesOf(incidentId).map((update) => update.message);
  }

  function publishedComments(caseId: string) {
    return [...app.emulators.salesforce.store.records('CaseComment')].filter((comment) => comment.ParentId === caseId && comment.IsPublished === true);
  }

  it("publishes the templated status update; a person's status update becomes a public Case comment", async () => {
    const { caseId, caseNumber, incidentId } = await linkedCase(app, 'Status page');
    await changeCase(app, 'update', { Subject: 'Post an update' }, { caseId: caseId });
    expect(statusUpdates(incidentId)).toEqual([`Case ${caseNumber} is New in Salesforce`]);
    const [job] = await jobRows(app, { case_id: caseId, task: 'publish_status_update' });
    expect(JSON.parse(job!.result!)).toMatchObject({ incidentId, message: `Case ${caseNumber} is New in Salesforce` });
    // The engine's own update comes back as an echo: no comment for it.
    await waitForIdle(app.ctx);
    expect(publishedComments(caseId)).toEqual([]);

    await act(app, 'incident.status_update_published', incidentId, { as: 'ada@example.com', action: 'status_update', content: 'Fix deployed, monitoring' });
    expect(publishedComments(caseId).map((comment) => comment.CommentBody)).toEqual(['Status update from Ada Lovelace: Fix deployed, monitoring']);
  });

  it('retries through a 500 and publishes once; a retry after a lost answer finds the earlier update and publishes nothing', async () => {
    const { caseId, incidentId } = await linkedCase(app, 'Status retry');
    app.emulators.pagerduty.context.faults.add({ path: `^/incidents/${incidentId}/status_updates$`, method: 'POST', status: 500, times: 1 });
    app.emulators.salesforce.store.update('Case', caseId, { Subject: 'Post an update' }, agentId);
    const job = await eventually(
      async () => (await jobRows(app, { case_id: caseId, task: 'publish_status_update' })).find((row) => row.state === 'done'),
      'the status update after the fault',
      60_000,
    );
    expect(job.attempts).toBe(2);
    await waitForIdle(app.ctx);
    expect(statusUpdates(incidentId)).toHaveLength(1);
    // The retry looks for the earlier attempt's webhook in the inbox: wait for that webhook itself
    // (the emulator delivers it on its own schedule, which an idle engine does not wait for).
    await webhookStored(incidentId, 'incident.status_update_published');

    const enqueued = await app.ctx.db(SYNC_TABLES.jobs).where({ id: job.id }).first<{ created_at: Date | string | number }>('created_at');
    const handlers = incidentActionHandlers({ db: app.ctx.db, links: app.ctx.links, pagerduty: app.ctx.sessions.pagerduty });
    const again = { task: 'publish_status_update', payload: JSON.parse(job.payload) as unknown, attempts: 3, createdAt: new Date(enqueued.created_at) } as Job;
    expect(await handlers.publish_status_update!(again)).toMatchObject({ skipped: 'An earlier attempt already published this status update' });
    expect(statusUpdates(incidentId)).toHaveLength(1);
    // A job enqueued after that update is a new one, and publishes.
    const later = { ...again, createdAt: new Date(Date.now() + 1000) };
    expect(await handlers.publish_status_update!(later)).toMatchObject({ result: { incidentId } });
    expect(statusUpdates(incidentId)).toHaveLength(2);
  }, 90_000);
});

describe('incident workflows', () => {
  function instances(incidentId: string, workflowName: string) {
    const workflowId = ids.incidentWorkflows[workflowName]!;
    return app.emulators.pagerduty.context.store.workflowInstances.filter(
      (instance) => instance.incidentId === incidentId && instance.workflowId === workflowId,
    );
  }

  it("starts the rule's workflow on the linked incident; a workflow a person ran reaches the Case when it completes", async () => {
    const { caseId, incidentId } = await linkedCase(app, 'Major outage');
    await changeCase(app, 'update', { Subject: 'Start the workflow' }, { caseId: caseId });
    const started = instances(incidentId, 'Major incident: open Slack channel');
    expect(started).toHaveLength(1);
    const [job] = await jobRows(app, { case_id: caseId, task: 'start_incident_workflow' });
    expect(JSON.parse(job!.result!)).toMatchObject({ incidentId, workflowInstanceId: started[0]!.id });
    // The engine's own run completes as an echo; a person's run of another workflow runs the rules.
    await waitForIdle(app.ctx);
    expect(comments(caseId)).toEqual([]);
    await act(app, 'incident.workflow.completed', incidentId, {
      as: 'katherine@example.com',
      action: 'start_workflow',
      workflow_id: ids.incidentWorkflows['Notify stakeholders'],
    });
    // Waits for the comments themselves: since status updates are always followed (the Status
    // Dashboard shows them), this step's timing changed and the comments could land just after
    // the workflow's events settled in the inbox.
    await eventually(() => comments(caseId).length >= 2, 'the workflow comments');
    expect(comments(caseId).sort()).toEqual([
      'Workflow "Notify stakeholders": incident.workflow.completed (by Katherine Johnson)',
      'Workflow "Notify stakeholders": incident.workflow.started (by Katherine Johnson)',
    ]);
  });

  it('retries through a 500 and runs the workflow once; a retry after a lost answer finds the earlier run', async () => {
    const { caseId, incidentId } = await linkedCase(app, 'Workflow retry');
    const workflowId = ids.incidentWorkflows['Major incident: open Slack channel']!;
    app.emulators.pagerduty.context.faults.add({ path: `^/incident_workflows/${workflowId}/instances$`, method: 'POST', status: 500, times: 1 });
    app.emulators.salesforce.store.update('Case', caseId, { Subject: 'Start the workflow' }, agentId);
    const job = await eventually(
      async () => (await jobRows(app, { case_id: caseId, task: 'start_incident_workflow' })).find((row) => row.state === 'done'),
      'the workflow after the fault',
      60_000,
    );
    expect(job.attempts).toBe(2);
    await waitForIdle(app.ctx);
    expect(instances(incidentId, 'Major incident: open Slack channel')).toHaveLength(1);
    // As above: the earlier run is found by its webhook, which may still be on its way.
    await webhookStored(incidentId, 'incident.workflow.started');

    const enqueued = await app.ctx.db(SYNC_TABLES.jobs).where({ id: job.id }).first<{ created_at: Date | string | number }>('created_at');
    const handlers = incidentActionHandlers({ db: app.ctx.db, links: app.ctx.links, pagerduty: app.ctx.sessions.pagerduty });
    const again = {
      task: 'start_incident_workflow',
      payload: JSON.parse(job.payload) as unknown,
      attempts: 3,
      createdAt: new Date(enqueued.created_at),
    } as Job;
    expect(await handlers.start_incident_workflow!(again)).toMatchObject({ skipped: 'An earlier attempt already started this workflow' });
    expect(instances(incidentId, 'Major incident: open Slack channel')).toHaveLength(1);
  }, 90_000);

  it('refuses a workflow PagerDuty does not have, for good, with a hint', async () => {
    const { caseId } = await linkedCase(app, 'Missing workflow');
    await changeCase(app, 'update', { Subject: 'Start a missing workflow' }, { caseId: caseId });
    const [job] = await jobRows(app, { case_id: caseId, task: 'start_incident_workflow' });
    expect(job).toMatchObject({ state: 'dead' });
    expect(job!.last_error).toContain('PagerDuty has no incident workflow PDELETED');
    expect(job!.error_hint).toBe('The workflow was deleted or the id is wrong: choose an existing workflow in the rule, then retry this item.');
  });
});

describe('snooze and the conference bridge', () => {
  it("snoozes an acknowledged incident for the rule's duration", async () => {
    const { caseId, incidentId, incident } = await linkedCase(app, 'Waiting on the customer');
    await changeCase(app, 'update', { Subject: 'Snooze an hour' }, { caseId: caseId });
    expect(incident.status).toBe('acknowledged');
    expect(incident.snoozedUntil).not.toBeNull();
    expect(logEntries(incidentId, 'snooze_log_entry')).toHaveLength(1);
    const [job] = await jobRows(app, { case_id: caseId, task: 'snooze_incident' });
    expect(JSON.parse(job!.result!)).toEqual({ incidentId, status: 'acknowledged', snoozedForMinutes: 60 });
  });

  it('refuses to snooze a triggered incident for good, with a hint to acknowledge first', async () => {
    const { caseId, incident } = await linkedCase(app, 'Snooze too early');
    await changeCase(app, 'update', { Subject: 'Snooze without acknowledging' }, { caseId: caseId });
    const [job] = await jobRows(app, { case_id: caseId, task: 'snooze_incident' });
    expect(job).toMatchObject({ state: 'dead' });
    expect(job!.error_hint).toContain('Acknowledge the incident first');
    expect(incident.snoozedUntil).toBeNull();
  });

  it("a bridge a person sets in PagerDuty reaches the Case; the engine's own bridge comes back as an echo", async () => {
    const { caseId, caseNumber, incidentId } = await linkedCase(app, 'Bridge call');
    await changeCase(app, 'update', { Status: 'Escalated' }, { caseId: caseId });
    // The engine's own bridge comes back by webhook on the emulator's schedule: wait for that
    // event, processed, rather than for an idle engine (which may be idle before it arrives).
    const echo = await eventually(async () => {
      const row = await app.ctx
        .db(SYNC_TABLES.events)
        .where({ incident_id: incidentId, kind: 'incident.conference_bridge.updated' })
        .first<{ status: string } | undefined>('status');
      return row && row.status !== 'received' ? row : undefined;
    }, "the engine's own bridge webhook, processed");
    await waitForIdle(app.ctx);
    expect(echo).toMatchObject({ status: 'ignored' });
    expect(app.emulators.salesforce.store.find('Case', caseId)?.Description ?? null).toBeNull();
    expect((await app.ctx.snapshots.get('incident', incidentId))?.conference_url).toBe(`https://meet.example.com/${caseNumber}`);

    await act(app, 'incident.conference_bridge.updated', incidentId, {
      as: 'ada@example.com',
      action: 'conference_bridge',
      conference_url: 'https://zoom.example.com/j/42',
    });
    expect(app.emulators.salesforce.store.find('Case', caseId)?.Description).toBe('Join https://zoom.example.com/j/42 or dial (no number)');
  });
});
