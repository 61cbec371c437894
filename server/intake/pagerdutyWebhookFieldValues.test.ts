import { describe, expect, it } from 'vitest';
import { parseWebhookBody } from './pagerdutyWebhook';

/** `data` as PagerDuty's webhook documentation shows it for incident.custom_field_values.updated (webhook-v3-examples/incident_field_values.json). */
const fieldValues = {
  incident: {
    html_url: 'https://acme.pagerduty.com/incidents/PBAZLIU',
    id: 'PBAZLIU',
    self: 'https://api.pagerduty.com/incidents/PBAZLIU',
    summary: null,
    type: 'incident_reference',
  },
  custom_fields: [
    { data_type: 'string', field_type: 'single_value', id: 'PICFVXX', name: 'environment', namespace: 'incidents', type: 'field_value', value: 'production' },
  ],
  changed_custom_fields: [
    { data_type: 'string', field_type: 'single_value', id: 'PICFVXX', name: 'environment', namespace: 'incidents', type: 'field_value', value: 'staging' },
  ],
  type: 'incident_field_values',
};

function body(data: unknown): Buffer {
  return Buffer.from(
    JSON.stringify({
      event: {
        id: '01DFVN0ABCDEF',
        event_type: 'incident.custom_field_values.updated',
        resource_type: 'incident',
        occurred_at: '2026-12-07T10:00:00.000Z',
        agent: { id: 'PUSER01', type: 'user_reference' },
        client: null,
        data,
      },
    }),
  );
}

describe('incident.custom_field_values.updated at intake', () => {
  it('is an incident event about the incident its data references', () => {
    expect(parseWebhookBody(body(fieldValues))).toMatchObject({ kind: 'incident', incidentId: 'PBAZLIU', incidentNumber: null });
  });

  it('is refused, saying what is missing, without its incident or changed fields', () => {
    const { incident: _incident, ...withoutIncident } = fieldValues;
    expect(parseWebhookBody(body(withoutIncident))).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/without its field values: incident/) as unknown,
    });
    const { changed_custom_fields: _changed, ...withoutChanges } = fieldValues;
    expect(parseWebhookBody(body(withoutChanges))).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/changed_custom_fields/) as unknown });
  });
});
