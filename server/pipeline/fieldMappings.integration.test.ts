import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldMappingRowRequest } from '../../contracts/fieldMappings';
import { RulesetStore } from '../store/rulesets';
import { SYNC_TABLES } from '../store/tables';
import { signedInApi, startDemoApp, waitForIdle, type DemoApp } from '../testing/demoApp';
import { eventually } from '../testing/eventually';
import { changeCase, highPriorityPagerRule, pd } from '../testing/engineScenario';
import { CUSTOM_FIELD_VALUES_EVENT_KIND, PULL_CUSTOM_FIELDS_TASK, PUSH_CUSTOM_FIELDS_TASK } from './fieldMappings';

/**
 * Custom field mappings end to end against both emulators, in demo mode: Case changes reach the
 * engine over real CDC, PagerDuty's changes as signed webhooks. A ruleset opens an incident for
 * a High priority Case; the mappings (saved through the API) carry the Customer
 * Tier (picklist ⇄ fixed options, Trial skipped) and the Account Name both ways and the Affected
 * Customers to PagerDuty. Writes are counted in the emulators' request logs.
 */
let app: DemoApp;
let fieldIds: Record<string, string>;

const VALUES_PATH = /^\/incidents\/[^/]+\/custom_fields\/values$/;

beforeAll(async () => {
  app = await startDemoApp();
  const pdSeed = app.emulators.pagerduty.seedInfo();
  fieldIds = pdSeed.ids.customFields;
  await new RulesetStore(app.ctx.db).save({
    id: 'rs-page',
    name: 'High priority Cases page Support',
    enabled: true,
    position: 0,
    rules: [highPriorityPagerRule(pdSeed.ids.services['Customer Support']!)],
  });
  const api = await signedInApi(app);
  const mappings: FieldMappingRowRequest[] = [
    {
      caseField: 'Customer_Tier__c',
      pagerDutyFieldId: fieldIds.customer_tier!,
      direction: 'both',
      valueMap: [
        { caseValue: 'Gold', pagerDutyValue: 'Gold' },
        { caseValue: 'Silver', pagerDutyValue: 'Silver' },
        { caseValue: 'Bronze', pagerDutyValue: 'Bronze' },
        { caseValue: 'Trial', pagerDutyValue: null },
      ],
    },
    { caseField: 'Affected_Customers__c', pagerDutyFieldId: fieldIds.affected_customers!, direction: 'to_pagerduty' },
    { caseField: 'Account_Name__c', pagerDutyFieldId: fieldIds.salesforce_account!, direction: 'both' },
  ];
  const saved = await api('PUT', '/api/field-mappings', { mappings });
  if (saved.status !== 200) throw new Error(`Saving the mappings failed: ${JSON.stringify(saved.body)}`);
  await app.ctx.webhooks.followRules();
}, 60_000);
afterAll(() => app.close());

/** The incident's custom field values by name, as PagerDuty REST answers them. */
async function pdValues(incidentId: string): Promise<Record<string, unknown>> {
  const body = await pd<{ custom_fields: { name: string; value: unknown }[] }>(app, 'GET', `/incidents/${incidentId}/custom_fields/values`);
  return Object.fromEntries(body.custom_fields.map((field) => [field.name, field.value]));
}

/** A person changes custom field values in PagerDuty (REST with their From address). */
async function personSetsValues(incidentId: string, values: Record<string, unknown>): Promise<void> {
  await pd(app, 'PUT', `/incidents/${incidentId}/custom_fields/values`, {
    custom_fields: Object.entries(values).map(([name, value]) => ({ name, value })),
  });
}

function valueWrites(incidentId: string): number {
  return app.emulators.pagerduty.context.requestLog
    .entries(10_000)
    .filter((entry) => entry.method === 'PUT' && VALUES_PATH.test(entry.path) && entry.path.includes(incidentId)).length;
}

async function inboxRows(where: Record<string, string>): Promise<{ kind: string; status: string; note: string | null }[]> {
  return app.ctx.db<{ kind: string; status: string; note: string | null }>(SYNC_TABLES.events).where(where).orderBy('id').select('kind', 'status', 'note');
}

async function jobRows(where: Record<string, string>): Promise<{ task: string; state: string; result: Record<string, unknown> }[]> {
  const rows = await app.ctx
    .db<{ task: string; state: string; result: string | null }>(SYNC_TABLES.jobs)
    .where(where)
    .orderBy('id')
    .select('task', 'state', 'result');
  return rows.map((row) => ({ ...row, result: row.result ? (JSON.parse(row.result) as Record<string, unknown>) : {} }));
}

/** Waits for the n-th custom field webhook of the incident to be processed. */
async function customFieldEvents(incidentId: string, count: number) {
  await eventually(
    async () => (await inboxRows({ incident_id: incidentId, kind: CUSTOM_FIELD_VALUES_EVENT_KIND })).length >= count,
    `${count} custom field webhook(s)`,
  );
  await waitForIdle(app.ctx);
  return inboxRows({ incident_id: incidentId, kind: CUSTOM_FIELD_VALUES_EVENT_KIND });
}

describe('custom field mappings in the engine', () => {
  let caseId: string;
  let incidentId: string;

  it('sends the mapped Case values to the incident the Case opens, once, and ignores the echo', async () => {
    const created = await changeCase(app, 'create', {
      Subject: 'Checkout down for Acme',
      Priority: 'High',
      Status: 'New',
      Origin: 'Web',
      Customer_Tier__c: 'Gold',
      Affected_Customers__c: 12,
      Account_Name__c: 'Acme',
    });
    caseId = created.Id;
    const link = await eventually(() => app.ctx.links.byCase(caseId), 'the incident linked');
    incidentId = link.incidentId;
    await waitForIdle(app.ctx);
    expect(await pdValues(incidentId)).toMatchObject({ customer_tier: 'Gold', affected_customers: 12, salesforce_account: 'Acme' });
    expect(valueWrites(incidentId)).toBe(1);
    const pushes = await jobRows({ case_id: caseId, task: PUSH_CUSTOM_FIELDS_TASK });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({
      state: 'done',
      result: { customFields: { 'Customer tier': 'Gold', 'Affected customers': 12, 'Salesforce account': 'Acme' } },
    });

    // PagerDuty tells us about our own write: named as our integration user, it goes no further.
    const [echo] = await customFieldEvents(incidentId, 1);
    expect(echo).toMatchObject({ status: 'ignored', note: expect.stringMatching(/integration user/) as unknown });
    expect(await jobRows({ incident_id: incidentId, task: PULL_CUSTOM_FIELDS_TASK })).toEqual([]);
  });

  it('sends only a changed mapped field when a person changes the Case; a skipped picklist value is not sent', async () => {
    await changeCase(app, 'update', { Customer_Tier__c: 'Silver', Subject: 'Checkout down for Acme (EU)' }, { caseId });
    expect(await pdValues(incidentId)).toMatchObject({ customer_tier: 'Silver', affected_customers: 12, salesforce_account: 'Acme' });
    expect(valueWrites(incidentId)).toBe(2);
    await customFieldEvents(incidentId, 2);

    await changeCase(app, 'update', { Customer_Tier__c: 'Trial' }, { caseId });
    expect(valueWrites(incidentId)).toBe(2);
    const pushes = await jobRows({ case_id: caseId, task: PUSH_CUSTOM_FIELDS_TASK });
    expect(pushes.at(-1)).toMatchObject({ state: 'done', result: { skipped: expect.stringMatching(/"Trial" is skipped by the value map/) as unknown } });
    // A change to a field no mapping names adds no job at all.
    await changeCase(app, 'update', { Subject: 'Checkout down for Acme and Globex' }, { caseId });
    expect(await jobRows({ case_id: caseId, task: PUSH_CUSTOM_FIELDS_TASK })).toHaveLength(pushes.length);
  });

  it('writes a person’s PagerDuty change to the Case once, and the Case change it causes is not sent back', async () => {
    const casesBefore = (await inboxRows({ case_id: caseId })).length;
    const webhooksBefore = (await inboxRows({ incident_id: incidentId, kind: CUSTOM_FIELD_VALUES_EVENT_KIND })).length;
    await personSetsValues(incidentId, { salesforce_account: 'Globex', customer_tier: 'Bronze' });
    const events = await customFieldEvents(incidentId, webhooksBefore + 1);
    expect(events.at(-1)).toMatchObject({ status: 'processed' });
    await eventually(() => app.emulators.salesforce.store.find('Case', caseId)?.Account_Name__c === 'Globex', 'the Case updated');
    const updated = app.emulators.salesforce.store.find('Case', caseId)!;
    expect(updated).toMatchObject({ Account_Name__c: 'Globex', Customer_Tier__c: 'Bronze' });
    const pulls = await jobRows({ incident_id: incidentId, task: PULL_CUSTOM_FIELDS_TASK });
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ state: 'done', result: { caseId, fields: { Account_Name__c: 'Globex', Customer_Tier__c: 'Bronze' } } });

    // Our Case write comes back over CDC as the integration user's change: one event, ignored.
    await eventually(async () => (await inboxRows({ case_id: caseId })).length > casesBefore, 'the echo of the Case write');
    await waitForIdle(app.ctx);
    const echoes = (await inboxRows({ case_id: caseId })).slice(casesBefore);
    expect(echoes).toEqual([{ kind: 'case.update', status: 'ignored', note: expect.stringMatching(/integration user/) as unknown }]);
    // PagerDuty holds what the person set, written by them alone: nothing went back.
    expect(valueWrites(incidentId)).toBe(3);
    expect(await pdValues(incidentId)).toMatchObject({ customer_tier: 'Bronze', salesforce_account: 'Globex' });
  });

  it('a write PagerDuty refused is retried: the retry looks at the incident first and writes the value once', async () => {
    const successfulWrites = () =>
      app.emulators.pagerduty.context.requestLog
        .entries(10_000)
        .filter((entry) => entry.method === 'PUT' && VALUES_PATH.test(entry.path) && entry.path.includes(incidentId) && entry.status < 300).length;
    const before = successfulWrites();
    app.emulators.pagerduty.context.faults.add({ path: '/custom_fields/values$', method: 'PUT', status: 500, times: 1 });
    await changeCase(app, 'update', { Account_Name__c: 'Initech' }, { caseId });
    await eventually(async () => (await pdValues(incidentId)).salesforce_account === 'Initech', 'the retried write');
    await waitForIdle(app.ctx);
    expect(successfulWrites() - before).toBe(1);
    const pushes: { attempts: number; state: string }[] = await app.ctx
      .db(SYNC_TABLES.jobs)
      .where('case_id', caseId)
      .andWhere('task', PUSH_CUSTOM_FIELDS_TASK)
      .orderBy('id')
      .select('attempts', 'state');
    expect(pushes.at(-1)).toMatchObject({ attempts: 2, state: 'done' });
  });

  it('a person’s change to a field mapped only to PagerDuty writes nothing to the Case', async () => {
    const webhooksBefore = (await inboxRows({ incident_id: incidentId, kind: CUSTOM_FIELD_VALUES_EVENT_KIND })).length;
    await personSetsValues(incidentId, { affected_customers: 40 });
    const events = await customFieldEvents(incidentId, webhooksBefore + 1);
    // The rules ran on it too (none matched); the mappings say why they carry nothing.
    expect(events.at(-1)).toMatchObject({ status: 'processed', note: 'No rule matched; No custom field mapping carries these fields to Salesforce' });
    expect(await jobRows({ incident_id: incidentId, task: PULL_CUSTOM_FIELDS_TASK })).toHaveLength(1);
  });
});
