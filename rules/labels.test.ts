import { describe, expect, it } from 'vitest';
import { INCIDENT_EVENT_LABELS, incidentEventLabel } from './labels';
import { INCIDENT_EVENT_TYPES } from './model';

describe('labels', () => {
  it('names every PagerDuty event type, and passes an unknown one through', () => {
    expect(Object.keys(INCIDENT_EVENT_LABELS)).toEqual([...INCIDENT_EVENT_TYPES]);
    expect(incidentEventLabel('incident.acknowledged')).toBe('Incident acknowledged');
    expect(incidentEventLabel('incident.workflow.started')).toBe('incident.workflow.started');
  });
});
