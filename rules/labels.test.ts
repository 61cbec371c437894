import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, ACTION_TASK_LABELS, INCIDENT_EVENT_LABELS, incidentEventLabel } from './labels';
import { CASE_ACTION_TYPES, INCIDENT_ACTION_TYPES, INCIDENT_EVENT_TYPES } from './model';

describe('labels', () => {
  it('names every PagerDuty event type, and passes an unknown one through', () => {
    expect(Object.keys(INCIDENT_EVENT_LABELS)).toEqual([...INCIDENT_EVENT_TYPES]);
    expect(incidentEventLabel('incident.acknowledged')).toBe('Incident acknowledged');
    expect(incidentEventLabel('incident.workflow.started')).toBe('Incident workflow started');
    expect(incidentEventLabel('incident.conference_bridge.updated')).toBe('Conference bridge set');
    expect(incidentEventLabel('incident.action_invocation.created')).toBe('incident.action_invocation.created');
  });

  it('names every action type, for the editor and for SYNC LOG', () => {
    const types = [...CASE_ACTION_TYPES, ...INCIDENT_ACTION_TYPES].sort();
    expect(Object.keys(ACTION_LABELS).sort()).toEqual(types);
    expect(Object.keys(ACTION_TASK_LABELS).sort()).toEqual(types);
    expect(ACTION_LABELS.add_responders).toBe('Add responders to the linked incident');
    expect(ACTION_TASK_LABELS.publish_status_update).toBe('Publish status update');
  });
});
