import { beforeAll, describe, expect, it } from 'vitest';
import type { PriorityRoutingRequest } from '../../contracts/priorityRouting';
import { RulesetStore } from '../store/rulesets';
import { parseStoredPayload } from '../store/payloadCodec';
import { SYNC_TABLES } from '../store/tables';
import { signedInApi, startDemoApp, waitForIdle, type DemoApp } from '../testing/demoApp';
import { eventually } from '../testing/eventually';
import type { EventRow } from '../testing/rows';
import { changeCase, echoesSettled, incidentChange, pd } from '../testing/engineScenario';

/**
 * Priority routing against both emulators: Case changes arrive by CDC, incident changes by
 * signed webhooks. One rule pages Customer Support for High Cases; routing does the rest.
 */
let app: DemoApp;
let ids: { service: string; engineering: string; support: string; priorities: Record<string, string> };

const PERSON = 'grace@example.com';

beforeAll(async () => {
  app = await startDemoApp();
  const pdSeed = app.emulators.pagerduty.seedInfo();
  ids = {
    service: pdSeed.ids.services['Customer Support']!,
    engineering: pdSeed.ids.escalationPolicies['Engineering Escalation']!,
    support: pdSeed.ids.escalationPolicies['Support Escalation']!,
    priorities: pdSeed.ids.priorities,
  };
  const p = ids.priorities;
  const routing: PriorityRoutingRequest = {
    routes: [
      { serviceId: ids.service, priorityId: p.P1!, escalationPolicyId: ids.engineering, active: true },
      { serviceId: ids.service, priorityId: p.P3!, escalationPolicyId: ids.support, active: true },
      { serviceId: ids.service, priorityId: p.P4!, escalationPolicyId: ids.support, active: false },
    ],
    caseField: 'Priority',
    caseValues: [
      { caseValue: 'High', priorityId: p.P1! },
      { caseValue: 'Medium', priorityId: p.P3! },
      { caseValue: 'Low', priorityId: p.P4! },
    ],
  };
  await new RulesetStore(app.ctx.db).save({
    id: 'rs-page',
    name: 'Page on High Cases',
    enabled: true,
    position: 0,
    rules: [
      {
        id: 'r-page',
        name: 'High → incident',
        runOn: { kind: 'case', on: 'both' },
        conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'create_incident', serviceId: ids.service, urgency: 'high' }],
        stopProcessing: false,
      },
      {
        id: 'r-escalated',
        name: 'Escalated → P1',
        runOn: { kind: 'case', on: 'update' },
        conditions: [{ field: 'Case.Status', operator: 'changed_to', value: 'Escalated' }],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'update_incident', priorityId: p.P1! }],
        stopProcessing: false,
      },
    ],
  });
  await app.ctx.webhooks.followRules();
  const api = await signedInApi(app);
  const saved = await api('PUT', '/api/priority-routing', routing);
  if (saved.status !== 200) throw new Error(`Saving the priority routing answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  // The save asks for priority changes on the webhook subscriptions in the background; followRules runs after it.
  await app.ctx.webhooks.followRules();
  return () => app.close();
}, 60_000);

/** A Case change by the agent; the routing job's PUT comes back as webhooks (our echoes): they land and are processed too. */
async function caseChange(kind: 'create' | 'update', values: Record<string, unknown>, caseId?: string) {
  const record = await changeCase(app, kind, values, { caseId });
  await echoesSettled(app);
  return record;
}

/** A person sets the incident's priority in PagerDuty; the signed webhook carries it to the engine. */
async function personSetsPriority(incidentId: string, priorityName: string): Promise<void> {
  await incidentChange(app, 'incident.priority_updated', incidentId, { priority: { id: ids.priorities[priorityName], type: 'priority_reference' } }, PERSON);
  await echoesSettled(app);
}

interface Incident {
  id: string;
  priority: { id: string; summary: string } | null;
  escalation_policy: { id: string; summary: string };
}

async function incidentOf(caseId: string): Promise<Incident> {
  const link = await app.ctx.links.byCase(caseId);
  if (!link) throw new Error(`Case ${caseId} has no linked incident`);
  return (await pd<{ incident: Incident }>(app, 'GET', `/incidents/${link.incidentId}`)).incident;
}

async function routingJobs(incidentId: string): Promise<{ state: string; result: Record<string, unknown> }[]> {
  const rows: { state: string; result: string }[] = await app.ctx
    .db(SYNC_TABLES.jobs)
    .where({ incident_id: incidentId, task: 'route_incident_priority' })
    .orderBy('id')
    .select('state', 'result');
  return rows.map((row) => ({ state: row.state, result: JSON.parse(row.result) as Record<string, unknown> }));
}

/** The reassignments the engine (the integration user) made on an incident, from PagerDuty's own log. */
function reassignmentsByEngine(incidentId: string): number {
  const pagerduty = app.emulators.pagerduty;
  const integrationUserId = pagerduty.seedInfo().ids.users[pagerduty.seedInfo().integrationUserEmail];
  return pagerduty.context.store.logEntries.filter(
    (entry) => entry.incidentId === incidentId && entry.type === 'assign_log_entry' && entry.agentUserId === integrationUserId,
  ).length;
}

describe('priority routing against both emulators', () => {
  it('creates the incident of a High Case at P1 on the policy routed for (Customer Support, P1), and says so in SYNC LOG', async () => {
    const created = await caseChange('create', { Subject: 'Checkout broken for everyone', Priority: 'High', Origin: 'Web' });
    const incident = await incidentOf(created.Id);
    expect(incident.priority?.id).toBe(ids.priorities.P1);
    expect(incident.escalation_policy.id).toBe(ids.engineering);
    const job = await app.ctx.db(SYNC_TABLES.jobs).where({ case_id: created.Id, task: 'create_incident' }).first<{ result: string } | undefined>('result');
    expect(JSON.parse(job?.result ?? 'null')).toMatchObject({ routing: 'priority from Case Priority = High; escalation policy from priority routing' });
  });

  it('follows a Case Priority change: sets the incident priority and reassigns it, and its own change does not bounce back', async () => {
    const created = await caseChange('create', { Subject: 'Invoices slow', Priority: 'High', Origin: 'Web' });
    const { id: incidentId } = await incidentOf(created.Id);
    await caseChange('update', { Priority: 'Medium' }, created.Id);
    const incident = await incidentOf(created.Id);
    expect(incident.priority?.id).toBe(ids.priorities.P3);
    expect(incident.escalation_policy.id).toBe(ids.support);
    expect(await routingJobs(incidentId)).toEqual([
      { state: 'done', result: expect.objectContaining({ priority: 'P3', escalationPolicy: 'Support Escalation' }) as unknown },
    ]);
    // Our PUT came back as priority_updated (and reassigned) webhooks by the integration user: ignored, no second routing.
    const echo = await app.ctx.db(SYNC_TABLES.events).where({ incident_id: incidentId, kind: 'incident.priority_updated' }).first<EventRow | undefined>();
    expect(echo).toMatchObject({ status: 'ignored' });
    expect(reassignmentsByEngine(incidentId)).toBe(1);
  });

  it('reassigns an incident whose priority a person changed in PagerDuty to the routed policy', async () => {
    const created = await caseChange('create', { Subject: 'Refund button dead', Priority: 'High', Origin: 'Web' });
    const { id: incidentId } = await incidentOf(created.Id);
    await personSetsPriority(incidentId, 'P3');
    expect((await incidentOf(created.Id)).escalation_policy.id).toBe(ids.support);
    await personSetsPriority(incidentId, 'P1');
    expect((await incidentOf(created.Id)).escalation_policy.id).toBe(ids.engineering);
    expect((await routingJobs(incidentId)).map((job) => job.result)).toEqual([
      expect.objectContaining({ escalationPolicy: 'Support Escalation' }),
      expect.objectContaining({ escalationPolicy: 'Engineering Escalation' }),
    ]);
    // The Case was not touched: routing changes PagerDuty only.
    expect(app.emulators.salesforce.store.find('Case', created.Id)?.Priority).toBe('High');
  });

  it('leaves the policy alone for an inactive row, on either side', async () => {
    const created = await caseChange('create', { Subject: 'Typo on the invoice', Priority: 'High', Origin: 'Web' });
    const { id: incidentId } = await incidentOf(created.Id);
    await personSetsPriority(incidentId, 'P4');
    let incident = await incidentOf(created.Id);
    expect(incident.priority?.id).toBe(ids.priorities.P4);
    expect(incident.escalation_policy.id).toBe(ids.engineering);
    expect((await routingJobs(incidentId)).at(-1)).toEqual({
      state: 'done',
      result: { skipped: 'No active priority routing row for Customer Support at P4: the escalation policy is left alone' },
    });

    await caseChange('update', { Priority: 'Medium' }, created.Id);
    await caseChange('update', { Priority: 'Low' }, created.Id);
    incident = await incidentOf(created.Id);
    // Low → P4 is set; (Customer Support, P4) is inactive, so the policy stays where Medium → P3 put it.
    expect(incident.priority?.id).toBe(ids.priorities.P4);
    expect(incident.escalation_policy.id).toBe(ids.support);
    expect((await routingJobs(incidentId)).at(-1)?.result).toMatchObject({ priority: 'P4' });
    expect((await routingJobs(incidentId)).at(-1)?.result).not.toHaveProperty('escalationPolicy');
  });

  it('reassigns along with a rule that sets the priority (its own change comes back only as an echo)', async () => {
    const created = await caseChange('create', { Subject: 'Data export stuck', Priority: 'High', Origin: 'Web' });
    await caseChange('update', { Priority: 'Medium' }, created.Id);
    expect((await incidentOf(created.Id)).escalation_policy.id).toBe(ids.support);
    await caseChange('update', { Status: 'Escalated' }, created.Id);
    const incident = await incidentOf(created.Id);
    expect(incident.priority?.id).toBe(ids.priorities.P1);
    expect(incident.escalation_policy.id).toBe(ids.engineering);
  });

  it('does not reassign twice: a failed write is retried once, and the same change delivered again finds nothing to do', async () => {
    const created = await caseChange('create', { Subject: 'Login loop', Priority: 'High', Origin: 'Web' });
    const { id: incidentId } = await incidentOf(created.Id);
    app.emulators.pagerduty.context.faults.add({ path: `^/incidents/${incidentId}$`, method: 'PUT', status: 500, times: 1 });
    await caseChange('update', { Priority: 'Medium' }, created.Id);
    await eventually(async () => (await routingJobs(incidentId)).at(-1)?.state === 'done', 'the routing job after its retry', 30_000);
    expect((await incidentOf(created.Id)).escalation_policy.id).toBe(ids.support);
    const written = reassignmentsByEngine(incidentId);

    // The same person's change again (PagerDuty redelivers, or reconciliation sees it): looked up, not rewritten.
    await personSetsPriority(incidentId, 'P1');
    const delivered = await app.ctx
      .db(SYNC_TABLES.events)
      .where({ incident_id: incidentId, kind: 'incident.priority_updated', status: 'processed' })
      .orderBy('id', 'desc')
      .first<EventRow>();
    const afterFirst = reassignmentsByEngine(incidentId);
    expect(afterFirst).toBe(written + 1);
    await app.ctx.sync.record({
      source: 'pagerduty',
      sourceEventId: `${delivered.source_event_id}:again`,
      kind: 'incident.priority_updated',
      incidentId,
      payload: parseStoredPayload(delivered.payload),
    });
    await waitForIdle(app.ctx);
    expect(reassignmentsByEngine(incidentId)).toBe(afterFirst);
    expect((await routingJobs(incidentId)).at(-1)).toEqual({
      state: 'done',
      result: { skipped: 'Already routed: Customer Support at P1 is on Engineering Escalation' },
    });
  }, 60_000);
});
