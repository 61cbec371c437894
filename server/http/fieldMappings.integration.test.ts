import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldMappingRowRequest, FieldMappingsReply } from '../../contracts/fieldMappings';
import { readFieldMappings } from '../store/fieldMappings';
import { startDemoApp, signedInApi, type ApiReply, type DemoApp } from '../testing/demoApp';
import { fieldErrorsOf } from '../testing/replies';

/**
 * GET/PUT /api/field-mappings against the app in demo mode: the Case describe and the incident
 * custom fields are the emulators' live answers (the demo org's Customer Tier, Affected
 * Customers and Account Name; the PagerDuty demo's customer_tier, affected_customers and
 * salesforce_account), so every check is the real one.
 */
let app: DemoApp;
let api: (method: string, route: string, body?: unknown) => Promise<ApiReply>;
let fieldIds: Record<string, string>;

beforeAll(async () => {
  app = await startDemoApp();
  api = await signedInApi(app);
  fieldIds = app.emulators.pagerduty.seedInfo().ids.customFields;
}, 60_000);
afterAll(() => app.close());

const tierValues = (trial: string | null) => [
  { caseValue: 'Gold', pagerDutyValue: 'Gold' },
  { caseValue: 'Silver', pagerDutyValue: 'Silver' },
  { caseValue: 'Bronze', pagerDutyValue: 'Bronze' },
  { caseValue: 'Trial', pagerDutyValue: trial },
];

function validRows(): FieldMappingRowRequest[] {
  return [
    { caseField: 'Customer_Tier__c', pagerDutyFieldId: fieldIds.customer_tier!, direction: 'both', valueMap: tierValues(null) },
    { caseField: 'affected_customers__c', pagerDutyFieldId: fieldIds.affected_customers!, direction: 'to_pagerduty' },
    { caseField: 'Account_Name__c', pagerDutyFieldId: fieldIds.salesforce_account!, direction: 'both' },
  ];
}

describe('custom field mappings API', () => {
  it('lists the account incident custom fields for the pickers, and no mapping at first', async () => {
    const reply = await api('GET', '/api/field-mappings');
    expect(reply.status).toBe(200);
    const body = reply.body as FieldMappingsReply;
    expect(body.mappings).toEqual([]);
    expect(body.pagerDutyFieldsProblem).toBeNull();
    expect(body.pagerDutyFields.find((field) => field.name === 'customer_tier')).toMatchObject({
      displayName: 'Customer tier',
      dataType: 'string',
      fieldType: 'single_value_fixed',
      options: ['Gold', 'Silver', 'Bronze'],
    });
  });

  it('saves mappings checked against both sides, in the describe spelling, and asks PagerDuty for custom field webhooks', async () => {
    const reply = await api('PUT', '/api/field-mappings', { mappings: validRows() });
    expect(reply.status).toBe(200);
    const body = reply.body as FieldMappingsReply;
    expect(body.mappings.map((mapping) => [mapping.caseField, mapping.pagerDutyFieldLabel, mapping.direction])).toEqual([
      ['Customer_Tier__c', 'Customer tier', 'both'],
      ['Affected_Customers__c', 'Affected customers', 'to_pagerduty'],
      ['Account_Name__c', 'Salesforce account', 'both'],
    ]);
    expect(body.mappings[0]!.valueMap).toContainEqual({ caseValue: 'Trial', pagerDutyValue: null });
    expect((await api('GET', '/api/field-mappings')).body).toMatchObject({ mappings: body.mappings });
    await app.ctx.webhooks.followRules();
    const { subscriptions } = await app.ctx.webhooks.view();
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const subscription of subscriptions) expect(subscription.events).toContain('incident.custom_field_values.updated');
  });

  const badInputs: [string, (rows: FieldMappingRowRequest[]) => unknown, string, RegExp][] = [
    [
      'an unknown PagerDuty field id',
      (rows) => [{ ...rows[2]!, pagerDutyFieldId: 'PNOSUCH' }],
      'mappings.0.pagerDutyFieldId',
      /no incident custom field with the id PNOSUCH/,
    ],
    ['an unknown Case field', (rows) => [{ ...rows[2]!, caseField: 'Nope__c' }], 'mappings.0.caseField', /The Case has no field Nope__c/],
    [
      'a type mismatch (text → integer)',
      () => [{ caseField: 'Subject', pagerDutyFieldId: fieldIds.affected_customers!, direction: 'to_pagerduty' }],
      'mappings.0.pagerDutyFieldId',
      /Case field Subject \(Text\) cannot fill PagerDuty field Affected customers \(integer\): choose a Number/,
    ],
    [
      'a picklist to free text both ways',
      () => [{ caseField: 'Priority', pagerDutyFieldId: fieldIds.salesforce_account!, direction: 'both' }],
      'mappings.0.pagerDutyFieldId',
      /free text, which may hold values the picklist Priority lacks/,
    ],
    [
      'an unmapped picklist value',
      (rows) => [{ ...rows[0]!, valueMap: tierValues(null).slice(0, 3) }],
      'mappings.0.valueMap',
      /Map each picklist value of Customer Tier to an option of Customer tier, or skip it: "Trial" is neither/,
    ],
    [
      'an option PagerDuty lacks',
      (rows) => [{ ...rows[0]!, valueMap: tierValues('Platinum') }],
      'mappings.0.valueMap.3.pagerDutyValue',
      /no option "Platinum"/,
    ],
    ['an unknown direction', (rows) => [{ ...rows[2]!, direction: 'sideways' }], 'mappings.0.direction', /Choose a direction/],
    ['one PagerDuty field mapped twice', (rows) => [rows[2]!, { ...rows[2]!, caseField: 'Subject' }], 'mappings.1.pagerDutyFieldId', /already mapped in row 1/],
  ];

  it.each(badInputs)('refuses %s with a 400 at the field path, storing nothing', async (_name, rows, path, message) => {
    const before = await readFieldMappings(app.ctx.db);
    expect(before).toHaveLength(3);
    const reply = await api('PUT', '/api/field-mappings', { mappings: rows(validRows()) });
    expect(reply.status).toBe(400);
    const problems = fieldErrorsOf(reply);
    expect(problems.map((problem) => problem.path)).toContain(path);
    expect(problems.find((problem) => problem.path === path)?.message).toMatch(message);
    expect(await readFieldMappings(app.ctx.db)).toEqual(before);
  });

  it('saves an empty list (no mapping) without asking either vendor', async () => {
    const before = app.emulators.pagerduty.context.requestLog.counts().byEndpoint['GET /incidents/custom_fields'] ?? 0;
    const reply = await api('PUT', '/api/field-mappings', { mappings: [] });
    expect(reply.status).toBe(200);
    expect(await readFieldMappings(app.ctx.db)).toEqual([]);
    // The reply's field list is read once, for the pickers.
    expect((app.emulators.pagerduty.context.requestLog.counts().byEndpoint['GET /incidents/custom_fields'] ?? 0) - before).toBe(1);
    // Without a mapping to Salesforce the subscriptions no longer ask for custom field changes.
    await app.ctx.webhooks.followRules();
    for (const subscription of (await app.ctx.webhooks.view()).subscriptions) expect(subscription.events).not.toContain('incident.custom_field_values.updated');
  });
});
