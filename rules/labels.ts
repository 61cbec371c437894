/**
 * What people call the engine's names: labels the admin UI (and the sync log) show instead of
 * webhook event types. Keep the keys and labels stable: other tabs reuse them. Operator labels
 * are in operators.ts (`OPERATORS[name].label`).
 */
import type { ActionType, IncidentEventType } from './model';

/** PagerDuty webhook event types as PagerDuty's own subscription page names them, in sentence case. */
export const INCIDENT_EVENT_LABELS: Readonly<Record<IncidentEventType, string>> = {
  'incident.triggered': 'Incident triggered',
  'incident.acknowledged': 'Incident acknowledged',
  'incident.unacknowledged': 'Incident unacknowledged',
  'incident.resolved': 'Incident resolved',
  'incident.reassigned': 'Incident reassigned',
  'incident.escalated': 'Incident escalated',
  'incident.priority_updated': 'Incident priority updated',
  'incident.annotated': 'Incident annotated (note added)',
  'incident.reopened': 'Incident reopened',
  'incident.responder.added': 'Responder added',
  'incident.responder.replied': 'Responder replied',
  'incident.status_update_published': 'Status update published',
  'incident.workflow.started': 'Incident workflow started',
  'incident.workflow.completed': 'Incident workflow completed',
  'incident.custom_field_values.updated': 'Custom field values updated',
  'incident.conference_bridge.updated': 'Conference bridge set',
};

/** What each action does, as the rule editor's action picker offers it. */
export const ACTION_LABELS: Readonly<Record<ActionType, string>> = {
  create_incident: 'Create a PagerDuty incident',
  update_incident: 'Update the linked incident',
  add_note: 'Add a note to the linked incident',
  escalate_incident: 'Escalate the linked incident to a level',
  snooze_incident: 'Snooze the linked incident',
  resolve_incident: 'Resolve the linked incident with a resolution note',
  add_responders: 'Add responders to the linked incident',
  publish_status_update: 'Publish a status update on the linked incident',
  start_incident_workflow: 'Start an incident workflow on the linked incident',
  set_conference_bridge: "Set the linked incident's conference bridge",
  set_case_fields: 'Set Case field values',
  create_case: 'Create a Case',
  add_case_comment: 'Add a Case comment',
};

/** Short names of the action tasks, as SYNC LOG lists them. */
export const ACTION_TASK_LABELS: Readonly<Record<ActionType, string>> = {
  create_incident: 'Create incident',
  update_incident: 'Update incident',
  add_note: 'Add note',
  escalate_incident: 'Escalate incident',
  snooze_incident: 'Snooze incident',
  resolve_incident: 'Resolve incident',
  add_responders: 'Add responders',
  publish_status_update: 'Publish status update',
  start_incident_workflow: 'Start workflow',
  set_conference_bridge: 'Set conference bridge',
  set_case_fields: 'Set Case fields',
  create_case: 'Create Case',
  add_case_comment: 'Add Case comment',
};

/** An event type's label; an unknown one (a newer PagerDuty type) as it is. */
export function incidentEventLabel(eventType: string): string {
  return (INCIDENT_EVENT_LABELS as Readonly<Record<string, string>>)[eventType] ?? eventType;
}
