import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webhookExamplesDirectory } from '../../emulators/pagerduty/openapi/oracles/location';
import { oraclesPresent } from '../../emulators/pagerduty/testing/oracles';
import { customFieldValues, fieldsFromIncidentEvent, flattenIncident } from './incidentRecord';

/**
 * PagerDuty's own webhook v3 payload examples (the `data` of each event), found through
 * PAGERDUTY_ORACLES_DIR; the tests that read them skip in a bare clone (one line says how to get
 * them) and fail under CI=true.
 */
const haveExamples = oraclesPresent("PagerDuty's webhook examples");

function example(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(webhookExamplesDirectory(), `${name}.json`), 'utf8')) as Record<string, unknown>;
}

const known = { responder_ids: ['PU1'], responder_names: ['Ada Lovelace'], status_update_message: null };

describe('incident records from webhooks', () => {
  it.skipIf(!haveExamples)('reads the conference bridge of a webhook incident, and leaves responders to the snapshot', () => {
    const record = flattenIncident(example('incident'));
    expect(record).toMatchObject({ priority_name: 'P1', conference_number: '+1 1234123412,,987654321#', conference_url: 'https://example.com' });
    expect('responder_ids' in record).toBe(false);
  });

  it('reads responders from a REST incident, without those who declined', () => {
    const record = flattenIncident({
      id: 'PINC',
      incidents_responders: [
        { state: 'joined', user: { id: 'PU1', summary: 'Ada Lovelace' } },
        { state: 'declined', user: { id: 'PU2', summary: 'Alan Turing' } },
        { state: 'pending', user: { id: 'PU3', summary: 'Grace Hopper' } },
      ],
    });
    expect(record).toMatchObject({ responder_ids: ['PU1', 'PU3'], responder_names: ['Ada Lovelace', 'Grace Hopper'] });
  });

  it.skipIf(!haveExamples)('adds a responder once, and drops one who declined', () => {
    const added = fieldsFromIncidentEvent(example('incident_responder'), known);
    expect(added).toEqual({ responder_ids: ['PU1', 'PVMGSML'], responder_names: ['Ada Lovelace', 'Maeve'] });
    expect(fieldsFromIncidentEvent(example('incident_responder'), added)).toEqual(added);
    expect(fieldsFromIncidentEvent({ ...example('incident_responder'), state: 'declined' }, added)).toEqual({
      responder_ids: ['PU1'],
      responder_names: ['Ada Lovelace'],
    });
  });

  it.skipIf(!haveExamples)('reads the status update, the workflow, the bridge and the custom field values', () => {
    expect(fieldsFromIncidentEvent(example('incident_status_update'), known)).toEqual({ status_update_message: 'A fix for this incident is being developed' });
    expect(fieldsFromIncidentEvent(example('incident_workflow_instance'), known)).toEqual({ workflow_id: 'PSFEVL7', workflow_name: 'A Workflow Name' });
    expect(fieldsFromIncidentEvent(example('incident_conference_bridge'), known)).toEqual({
      conference_number: '+1-555-555-5555',
      conference_url: 'https://example.com',
    });
    expect(fieldsFromIncidentEvent(example('incident_field_values'), known)).toEqual({
      'custom_fields.environment': 'production',
      'custom_fields.region': 'US',
    });
    expect(customFieldValues([{ name: 'teams', value: ['web', 'api'] }, { name: '', value: 'x' }, { value: 'y' }])).toEqual({
      'custom_fields.teams': ['web', 'api'],
    });
  });
});
