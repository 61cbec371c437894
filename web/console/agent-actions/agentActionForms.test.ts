import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/apiError';
import { actionHasChoices, allowedIncidentActions, assigneeTarget, createIncidentBody, incidentActionBody, keepsKeyAfter } from './agentActionForms';

describe('the console action forms', () => {
  it('offers only the incident actions the admin allows, in menu order', () => {
    expect(allowedIncidentActions(['resolve', 'createIncident', 'addNote', 'unlinkIncident'])).toEqual(['addNote', 'resolve', 'unlinkIncident']);
    expect(allowedIncidentActions([])).toEqual([]);
  });

  it('turns form values into the request bodies the endpoints take', () => {
    expect(incidentActionBody('reassign', { assignee: 'policy:PEP1' })).toEqual({ userIds: [], escalationPolicyId: 'PEP1' });
    expect(incidentActionBody('reassign', { assignee: 'user:PU1' })).toEqual({ userIds: ['PU1'], escalationPolicyId: null });
    expect(incidentActionBody('addResponders', { responder: 'user:PU2', message: 'help' })).toEqual({
      userIds: ['PU2'],
      escalationPolicyIds: [],
      message: 'help',
    });
    expect(incidentActionBody('resolve', { note: 'fixed' })).toEqual({ note: 'fixed' });
    expect(incidentActionBody('unlinkIncident', {})).toBeUndefined();
    expect(assigneeTarget('')).toEqual({ userIds: [], escalationPolicyIds: [] });
    expect(createIncidentBody({ serviceId: 'PS1', title: 'Down', details: '', urgency: 'low', priorityId: '' })).toEqual({
      serviceId: 'PS1',
      title: 'Down',
      details: '',
      urgency: 'low',
      priorityId: null,
      responderUserIds: [],
      responderEscalationPolicyIds: [],
    });
    expect(createIncidentBody({ serviceId: 'PS1', title: 'Down', urgency: 'high', responder: 'policy:PEP1' })).toMatchObject({
      responderUserIds: [],
      responderEscalationPolicyIds: ['PEP1'],
    });
  });

  it('keeps the idempotency key when the request may have acted (no answer, or kept for a retry), not when it was refused', () => {
    expect(keepsKeyAfter(new ApiError(0, 'network', 'down'))).toBe(true);
    expect(keepsKeyAfter(new ApiError(502, 'upstream_failed', 'PagerDuty failed'))).toBe(true);
    expect(keepsKeyAfter(new ApiError(400, 'validation_failed', 'Enter a title'))).toBe(false);
    expect(keepsKeyAfter(new ApiError(403, 'forbidden', 'not allowed'))).toBe(false);
  });

  it('hides an action whose list the account does not have', () => {
    expect(actionHasChoices('startWorkflow', { priorities: [], workflows: [] })).toBe(false);
    expect(actionHasChoices('changePriority', { priorities: [{ id: 'P', name: 'P1' }], workflows: [] })).toBe(true);
    expect(actionHasChoices('addNote', { priorities: [], workflows: [] })).toBe(true);
  });
});
