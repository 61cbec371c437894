import type { Rule } from '../../rules';
import { decodeStoredPayload } from '../store/payloadCodec';
import { SYNC_TABLES } from '../store/tables';
import { waitForIdle, type DemoApp } from './demoApp';
import { eventually } from './eventually';
import type { JobRow } from './rows';

/**
 * What the engine suites do to the demo's emulators the way people and intake do it: REST calls to
 * PagerDuty as a person, Case changes in Salesforce as the agent, and waits for the engine to take
 * each change in and go idle. Each helper takes the DemoApp explicitly (suites start it in beforeAll).
 */

/** The person a PagerDuty REST call is made as, unless the caller names another. */
const DEFAULT_PERSON = 'grace@example.com';

/** PagerDuty REST as a person (the From header), with the account's API key. */
export async function pd<T>(app: DemoApp, method: string, path: string, body?: unknown, from = DEFAULT_PERSON): Promise<T> {
  const pdKey = app.emulators.pagerduty.seedInfo().keys.account;
  const response = await fetch(app.emulators.pagerduty.url + path, {
    method,
    headers: { Authorization: `Token token=${pdKey}`, 'Content-Type': 'application/json', From: from, Accept: 'application/vnd.pagerduty+json;version=2' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** Counts inbox events matching a filter (to wait for intake to deliver a change). */
export async function inboxCount(app: DemoApp, where: Record<string, string>): Promise<number> {
  return Number((await app.ctx.db(SYNC_TABLES.events).where(where).count({ count: '*' }).first())?.count ?? 0);
}

/** Waits for one more inbox event matching the filter than `before`, then for the engine to go idle. */
export async function settled(app: DemoApp, where: Record<string, string>, before: number): Promise<void> {
  await eventually(async () => (await inboxCount(app, where)) > before, `intake of ${JSON.stringify(where)}`);
  await waitForIdle(app.ctx);
}

/** The seeded Salesforce agent: the user Case changes are made as unless a suite names another. */
export function agentId(app: DemoApp): string {
  return app.emulators.salesforce.seedInfo().users.find((user) => user.role === 'agent')!.id;
}

/**
 * A Case change made in the Salesforce emulator by a user (the agent unless named); CDC carries it
 * to the engine. Waits for that user's own change (its payload names the user as the committer),
 * not merely for one more event of the Case: the echo of an earlier write by the engine may arrive
 * late and would pass for it.
 */
export async function changeCase(app: DemoApp, kind: 'create' | 'update', values: Record<string, unknown>, options: { caseId?: string; userId?: string } = {}) {
  const store = app.emulators.salesforce.store;
  const userId = options.userId ?? agentId(app);
  const lastId = Number((await app.ctx.db(SYNC_TABLES.events).max({ id: 'id' }).first())?.id ?? 0);
  const record = kind === 'create' ? store.insert('Case', values, userId) : store.update('Case', options.caseId!, values, userId);
  await eventually(
    async () =>
      // The payload is read through its codec: SQL's LIKE cannot see into a compressed blob.
      (await app.ctx.db(SYNC_TABLES.events).where({ case_id: record.Id }).where('id', '>', lastId).select('payload')).some((row: { payload: unknown }) =>
        decodeStoredPayload(row.payload).includes(userId),
      ),
    `intake of the change by ${userId} to Case ${record.Id}`,
  );
  await waitForIdle(app.ctx);
  return store.find('Case', record.Id)!;
}

/** A change a person makes on the incident through PagerDuty REST; the signed webhook carries it to the engine. */
export async function incidentChange(app: DemoApp, eventType: string, incidentId: string, change: Record<string, unknown>, from = DEFAULT_PERSON) {
  const before = await inboxCount(app, { incident_id: incidentId, kind: eventType });
  await pd(app, 'PUT', `/incidents/${incidentId}`, { incident: { type: 'incident_reference', ...change } }, from);
  await settled(app, { incident_id: incidentId, kind: eventType }, before);
}

/** Waits for the webhooks PagerDuty still owes (the echoes of the engine's own writes) to land and be processed. */
export async function echoesSettled(app: DemoApp): Promise<void> {
  await app.emulators.pagerduty.context.deliveries.settle();
  await waitForIdle(app.ctx);
}

/** What a person does in PagerDuty's web app (the emulator's control API); the webhook follows. */
export async function act(app: DemoApp, eventType: string, incidentId: string, body: Record<string, unknown>) {
  // The webhooks of the engine's own writes first (their echoes are of the same kind): else the
  // count below could be passed by a late echo instead of the person's event.
  await echoesSettled(app);
  const before = await inboxCount(app, { incident_id: incidentId, kind: eventType });
  const response = await fetch(`${app.emulators.pagerduty.url}/__emulator/act`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ incident_id: incidentId, ...body }),
  });
  if (!response.ok) throw new Error(`act ${JSON.stringify(body)}: ${response.status} ${await response.text()}`);
  await settled(app, { incident_id: incidentId, kind: eventType }, before);
}

/** Jobs as stored, oldest first: what SYNC LOG reads. */
export async function jobRows(app: DemoApp, where: Record<string, string>): Promise<JobRow[]> {
  return app.ctx.db<JobRow>(SYNC_TABLES.jobs).where(where).orderBy('id').select();
}

/** A linked Case and its incident, created through the suite's rules (a High priority Case opens one). */
export async function linkedCase(app: DemoApp, subject: string) {
  const created = await changeCase(app, 'create', { Subject: subject, Priority: 'High', Origin: 'Web', Status: 'New' });
  const link = await app.ctx.links.byCase(created.Id);
  if (!link) throw new Error(`Case ${created.Id} was not linked`);
  const incident = app.emulators.pagerduty.context.store.incidents.get(link.incidentId)!;
  return { caseId: created.Id, caseNumber: String(created.CaseNumber), incidentId: link.incidentId, incident };
}

/** The rule the engine suites page with: a High priority Case, created or changed, opens an incident on `serviceId`. */
export function highPriorityPagerRule(serviceId: string): Rule {
  return {
    id: 'r-create',
    name: 'High priority → incident',
    runOn: { kind: 'case', on: 'both' },
    conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
    filterLogic: { kind: 'all' },
    actions: [{ type: 'create_incident', serviceId, urgency: 'high' }],
    stopProcessing: false,
  };
}
