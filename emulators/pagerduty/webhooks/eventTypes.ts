/** The v3 incident event types whose `data` is the incident itself, in PagerDuty's spelling. */
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

/**
 * The v3 incident event types whose `data` is another resource about the incident (a responder,
 * a status update, a workflow instance, the conference bridge, its custom field values), each
 * shaped as PagerDuty's webhook overview example of that resource.
 */
export const INCIDENT_DETAIL_EVENT_TYPES = [
  'incident.responder.added',
  'incident.responder.replied',
  'incident.status_update_published',
  'incident.conference_bridge.updated',
  'incident.custom_field_values.updated',
  'incident.workflow.started',
  'incident.workflow.completed',
] as const;

/** Every incident event type this emulator emits. */
export const EMITTED_INCIDENT_EVENT_TYPES = [...INCIDENT_EVENT_TYPES, ...INCIDENT_DETAIL_EVENT_TYPES] as const;

export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];
export type IncidentDetailEventType = (typeof INCIDENT_DETAIL_EVENT_TYPES)[number];

/**
 * Every event type a subscription may name. The ones this emulator never emits (delegation,
 * roles, services, …) are accepted so subscriptions copied from a real account work.
 */
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([
  ...EMITTED_INCIDENT_EVENT_TYPES,
  'incident.delegated',
  'incident.incident_type.changed',
  'incident.role.assigned',
  'incident.action_invocation.created',
  'incident.action_invocation.updated',
  'incident.action_invocation.terminated',
  'service.created',
  'service.deleted',
  'service.updated',
  'pagey.ping',
]);
