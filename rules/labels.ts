/**
 * What people call the engine's names: labels the admin UI (and the sync log) show instead of
 * webhook event types. Keep the keys and labels stable: other tabs reuse them. Operator labels
 * are in operators.ts (`OPERATORS[name].label`).
 */
import type { IncidentEventType } from './model';

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
};

/** An event type's label; an unknown one (a newer PagerDuty type) as it is. */
export function incidentEventLabel(eventType: string): string {
  return (INCIDENT_EVENT_LABELS as Readonly<Record<string, string>>)[eventType] ?? eventType;
}
