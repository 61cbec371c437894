import { describe, expect, it } from 'vitest';
import { validateWebhookPayload } from './openapi';
import { expectLikeExample, subscribeReceiver } from './testing/exampleShape';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';
import { verifyPagerDutySignature, type WebhookReceiver } from './testing/webhookReceiver';

const FROM = 'integration@example.com';
let h: Harness;
let receiver: WebhookReceiver;

useEmulatorSuite({ harness: (started) => (h = started), receiver: (started) => (receiver = started) });

const fieldId = (name: string) => h.seed.ids.customFields[name]!;
const incidentId = () => h.seed.ids.incidents[0]!;
const setValues = (custom_fields: unknown[], id = incidentId()) =>
  h.call('PUT', `/incidents/${id}/custom_fields/values`, { from: FROM, body: { custom_fields } });

describe('custom field definitions', () => {
  it('lists the seeded fields, with the fixed options under include[]=field_options', async () => {
    const plain = await h.call('GET', '/incidents/custom_fields');
    expect(plain.status).toBe(200);
    expect(plain.body.fields?.map((f) => [f.name, f.display_name, f.data_type, f.field_type])).toEqual([
      ['customer_tier', 'Customer tier', 'string', 'single_value_fixed'],
      ['affected_customers', 'Affected customers', 'integer', 'single_value'],
      ['salesforce_account', 'Salesforce account', 'string', 'single_value'],
    ]);
    expect(plain.body.fields?.[0]).not.toHaveProperty('field_options');
    const withOptions = await h.call('GET', '/incidents/custom_fields?include[]=field_options');
    expect(withOptions.body.fields?.[0]?.field_options?.map((o) => o.data.value)).toEqual(['Gold', 'Silver', 'Bronze']);
    const one = await h.call('GET', `/incidents/custom_fields/${fieldId('affected_customers')}`);
    expect(one.body.field).toMatchObject({ id: fieldId('affected_customers'), type: 'field', namespace: 'incidents' });
  });

  it('creates, updates and deletes a field and its options', async () => {
    const created = await h.call('POST', '/incidents/custom_fields', {
      body: {
        field: {
          name: 'region',
          display_name: 'Region',
          data_type: 'string',
          field_type: 'single_value_fixed',
          field_options: [{ data: { data_type: 'string', value: 'EU' } }],
        },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.field!.id;
    const option = await h.call('POST', `/incidents/custom_fields/${id}/field_options`, {
      body: { field_option: { data: { data_type: 'string', value: 'US' } } },
    });
    expect(option.status).toBe(201);
    const optionId = option.body.field_option!.id;
    const renamed = await h.call('PUT', `/incidents/custom_fields/${id}/field_options/${optionId}`, {
      body: { field_option: { data: { data_type: 'string', value: 'North America' } } },
    });
    expect(renamed.body.field_option?.data.value).toBe('North America');
    const options = await h.call('GET', `/incidents/custom_fields/${id}/field_options`);
    expect(options.body.field_options?.map((o) => o.data.value)).toEqual(['EU', 'North America']);
    expect((await h.call('DELETE', `/incidents/custom_fields/${id}/field_options/${optionId}`)).status).toBe(204);
    const updated = await h.call('PUT', `/incidents/custom_fields/${id}`, { body: { field: { display_name: 'Customer region' } } });
    expect(updated.body.field?.display_name).toBe('Customer region');
    expect((await h.call('DELETE', `/incidents/custom_fields/${id}`)).status).toBe(204);
    const gone = await h.call('GET', `/incidents/custom_fields/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
  });

  it('refuses a duplicate name, a bad name and options on a free-form field', async () => {
    const attempts = [
      { name: 'customer_tier', display_name: 'Tier again', data_type: 'string', field_type: 'single_value' },
      { name: 'Bad Name', display_name: 'Bad', data_type: 'string', field_type: 'single_value' },
      { name: 'free', display_name: 'Free', data_type: 'string', field_type: 'single_value', field_options: [{ data: { data_type: 'string', value: 'x' } }] },
      { name: 'tier_number', display_name: 'Tier number', data_type: 'integer', field_type: 'single_value_fixed' },
    ];
    for (const field of attempts) {
      const res = await h.call('POST', '/incidents/custom_fields', { body: { field } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ message: 'Invalid Input Provided', code: 2001 });
    }
    expect((await h.call('GET', '/incidents/custom_fields')).body.fields).toHaveLength(3);
    h.takeViolations(); // refused requests are deliberately invalid
  });
});

describe('custom field values', () => {
  it('reads every field, null until set, and sets values by id or name', async () => {
    const initial = await h.call('GET', `/incidents/${incidentId()}/custom_fields/values`);
    expect(initial.status).toBe(200);
    expect(initial.body.custom_fields?.map((f) => [f.name, f.value])).toEqual([
      ['customer_tier', null],
      ['affected_customers', null],
      ['salesforce_account', null],
    ]);
    const set = await setValues([
      { id: fieldId('customer_tier'), value: 'Gold' },
      { name: 'affected_customers', value: 42 },
    ]);
    expect(set.status).toBe(201);
    expect(set.body.custom_fields?.map((f) => [f.name, f.value])).toEqual([
      ['customer_tier', 'Gold'],
      ['affected_customers', 42],
      ['salesforce_account', null],
    ]);
    const read = await h.call('GET', `/incidents/${incidentId()}/custom_fields/values`);
    expect(read.body.custom_fields).toEqual(set.body.custom_fields);
  });

  it('refuses values of the wrong type, unknown options and unknown fields, changing nothing', async () => {
    const wrong = [
      [{ name: 'affected_customers', value: 'many' }, 'expected an integer'],
      [{ name: 'affected_customers', value: 2.5 }, 'expected an integer'],
      [{ name: 'customer_tier', value: 'Platinum' }, 'not one of the field'],
      [{ name: 'salesforce_account', value: true }, 'expected a string'],
      [{ name: 'no_such_field', value: 'x' }, 'no enabled incident custom field'],
      [{ id: 'PNOPE00', value: 'x' }, 'no enabled incident custom field'],
    ] as const;
    for (const [value, message] of wrong) {
      const res = await setValues([{ name: 'salesforce_account', value: 'Acme' }, value]);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe(2001);
      expect(res.body.error?.errors?.join(' ')).toContain(message);
    }
    const read = await h.call('GET', `/incidents/${incidentId()}/custom_fields/values`);
    expect(read.body.custom_fields?.every((f) => f.value === null)).toBe(true);
    const unknownIncident = await setValues([{ name: 'salesforce_account', value: 'Acme' }], 'PNOPE00');
    expect(unknownIncident.status).toBe(404);
    expect(unknownIncident.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
    h.takeViolations(); // refused requests are deliberately invalid
  });

  it('checks every data type', async () => {
    const types = [
      ['float', 1.5, 'x'],
      ['boolean', true, 'yes'],
      ['datetime', '2026-12-07T10:00:00Z', 'yesterday'],
      ['url', 'https://acme.example.com/status', 'not a url'],
    ] as const;
    for (const [dataType, good, bad] of types) {
      const created = await h.call('POST', '/incidents/custom_fields', {
        body: { field: { name: `f_${dataType}`, display_name: `F ${dataType}`, data_type: dataType, field_type: 'single_value' } },
      });
      expect(created.status).toBe(201);
      expect((await setValues([{ name: `f_${dataType}`, value: good }])).status).toBe(201);
      expect((await setValues([{ name: `f_${dataType}`, value: bad }])).status).toBe(400);
    }
    h.takeViolations(); // refused requests are deliberately invalid
  });

  it('delivers incident.custom_field_values.updated shaped like PagerDuty’s example, once per change', async () => {
    const secret = await subscribeReceiver(h, receiver, ['incident.custom_field_values.updated']);
    await setValues([{ name: 'customer_tier', value: 'Silver' }]);
    await setValues([{ name: 'customer_tier', value: 'Silver' }]); // unchanged: no webhook
    await h.control('POST', '/act', { as: 'alan@example.com', incident_id: incidentId(), action: 'custom_field', field: 'salesforce_account', value: 'Acme' });
    await h.control('POST', '/webhooks/settle');
    expect(receiver.received).toHaveLength(2);
    const [api, web] = receiver.received.map((w) => w.body);
    expect(verifyPagerDutySignature(receiver.received[0]!.rawBody, receiver.received[0]!.headers['x-pagerduty-signature'] as string, secret)).toBe(true);
    for (const body of [api!, web!]) {
      expect(validateWebhookPayload(body).errors).toEqual([]);
      expect(body.event.event_type).toBe('incident.custom_field_values.updated');
      expectLikeExample(body.event.data, 'incident_field_values');
    }
    expect(api!.event.data).toMatchObject({
      incident: { id: incidentId(), type: 'incident_reference' },
      changed_custom_fields: [{ id: fieldId('customer_tier'), name: 'customer_tier', value: 'Silver', type: 'field_value', namespace: 'incidents' }],
    });
    expect(api!.event.agent?.id).toBe(h.seed.ids.users[FROM]);
    expect(web!.event.agent?.id).toBe(h.seed.ids.users['alan@example.com']);
    expect(web!.event.client).toEqual({ name: 'PagerDuty' });
    expect(web!.event.data).toMatchObject({ changed_custom_fields: [{ name: 'salesforce_account', value: 'Acme' }] });
  });
});
