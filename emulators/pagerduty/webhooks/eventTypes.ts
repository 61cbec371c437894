/** The v3 incident event types this emulator emits, in PagerDuty's spelling. */
export const INCIDENT_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.resolved',
  'incident.reassigned',
  'incident.escalated',
  'incident.priority_updated',
  'incident.annotated',
  'incident.reopened',
] as const;

export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

/**
 * Every event type a subscription may name. The ones this emulator never emits (responders,
 * status updates, services, …) are accepted so subscriptions copied from a real account work.
 */
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([
  ...INCIDENT_EVENT_TYPES,
  'incident.delegated',
  'incident.responder.added',
  'incident.responder.replied',
  'incident.status_update_published',
  'incident.conference_bridge.updated',
  'incident.custom_field_values.updated',
  'incident.incident_type.changed',
  'incident.role.assigned',
  'incident.workflow.started',
  'incident.workflow.completed',
  'incident.action_invocation.created',
  'incident.action_invocation.updated',
  'incident.action_invocation.terminated',
  'service.created',
  'service.deleted',
  'service.updated',
  'pagey.ping',
]);
