/**
 * The emulated PagerDuty account's domain records. They are stored in this internal shape and
 * rendered to PagerDuty's JSON by the `render*` modules, so the wire format lives in one place.
 */

export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';
export type Urgency = 'high' | 'low';
export type UserRole = 'owner' | 'admin' | 'user' | 'limited_user' | 'observer' | 'read_only_user';

export interface User {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  timeZone: string;
  color: string;
  jobTitle: string;
  teamIds: string[];
}

export interface Team {
  id: string;
  name: string;
  description: string;
}

export interface EscalationRule {
  id: string;
  delayMinutes: number;
  targetUserIds: string[];
}

export interface EscalationPolicy {
  id: string;
  name: string;
  description: string;
  numLoops: number;
  rules: EscalationRule[];
  teamIds: string[];
}

export interface Service {
  id: string;
  name: string;
  description: string;
  escalationPolicyId: string;
  teamIds: string[];
  createdAt: string;
  acknowledgementTimeout: number | null;
  autoResolveTimeout: number | null;
}

/**
 * A service integration. Only Events API v2 integrations are emulated: their `integration_key`
 * is the `routing_key` events are sent with (`POST /v2/enqueue`).
 */
export interface Integration {
  id: string;
  type: 'events_api_v2_inbound_integration';
  name: string;
  serviceId: string;
  /** 32 characters, as PagerDuty's integration keys. */
  integrationKey: string;
  createdAt: string;
}

export type AlertSeverity = 'critical' | 'error' | 'warning' | 'info';
export type AlertStatus = 'triggered' | 'acknowledged' | 'resolved';

/** An alert raised through the Events API v2, grouped into an incident on its integration's service. */
export interface Alert {
  id: string;
  integrationId: string;
  incidentId: string;
  dedupKey: string;
  status: AlertStatus;
  summary: string;
  source: string;
  severity: AlertSeverity;
  component: string | null;
  group: string | null;
  class: string | null;
  customDetails: Record<string, unknown> | null;
  links: { href: string; text?: string }[];
  images: { src: string; href?: string; alt?: string }[];
  client: string | null;
  clientUrl: string | null;
  /** Trigger events received for this alert (the first one included). */
  triggerCount: number;
  createdAt: string;
  resolvedAt: string | null;
}

export interface Priority {
  id: string;
  name: string;
  description: string;
  /** Position in the account's priority list; lower is more severe (P1 first). */
  order: number;
}

export interface Assignment {
  at: string;
  userId: string;
}

export interface Acknowledgement {
  at: string;
  userId: string;
}

export interface Incident {
  id: string;
  number: number;
  title: string;
  /** `body.details` as given on create: PagerDuty stores it as a string. */
  details: string | null;
  serviceId: string;
  escalationPolicyId: string;
  assignedVia: 'escalation_policy' | 'direct_assignment';
  assignments: Assignment[];
  acknowledgements: Acknowledgement[];
  status: IncidentStatus;
  urgency: Urgency;
  priorityId: string | null;
  incidentKey: string;
  createdAt: string;
  updatedAt: string;
  lastStatusChangeAt: string;
  lastStatusChangeByUserId: string | null;
  resolvedAt: string | null;
  reopenedAt: string | null;
  /** 1-based level of the escalation policy the incident currently sits on. */
  escalationLevel: number;
  conferenceBridge: { conferenceNumber?: string; conferenceUrl?: string } | null;
  /** Set when the incident was resolved by being merged into another one. */
  mergedIntoId: string | null;
  /** While set, the acknowledged incident is snoozed: it goes back to triggered at this time. */
  snoozedUntil: string | null;
  firstTriggerLogEntryId: string;
}

export interface Note {
  id: string;
  incidentId: string;
  userId: string;
  content: string;
  createdAt: string;
}

export type LogEntryType =
  | 'trigger_log_entry'
  | 'acknowledge_log_entry'
  | 'unacknowledge_log_entry'
  | 'resolve_log_entry'
  | 'assign_log_entry'
  | 'escalate_log_entry'
  | 'annotate_log_entry'
  | 'urgency_change_log_entry'
  | 'snooze_log_entry'
  | 'custom_field_value_change_log_entry';

export interface LogEntry {
  id: string;
  type: LogEntryType;
  incidentId: string;
  serviceId: string;
  createdAt: string;
  agentUserId: string | null;
  channel: 'api' | 'web_trigger' | 'auto';
  summary: string;
  note?: string;
  assigneeIds?: string[];
}

export type WebhookFilter = { type: 'account_reference' } | { type: 'service_reference'; id: string } | { type: 'team_reference'; id: string };

export interface WebhookSubscription {
  id: string;
  deliveryMethodId: string;
  url: string;
  customHeaders: { name: string; value: string }[];
  description: string;
  events: string[];
  filter: WebhookFilter;
  active: boolean;
  /** Set after 3 consecutive dropped webhooks; cleared by `POST /webhook_subscriptions/{id}/enable`. */
  temporarilyDisabled: boolean;
  /** Signing secrets, newest first; never empty. More than one while a rotation is in progress. */
  secrets: [string, ...string[]];
  consecutiveDrops: number;
}

export type ApiKeyKind = 'account' | 'user' | 'read_only';

export interface ApiKey {
  token: string;
  /** Human label shown in the request log, e.g. `account`, `user:alice@example.com`. */
  label: string;
  kind: ApiKeyKind;
  /** The user a user-level key acts as. */
  userId?: string;
}

/** Ability names of the emulated account (`GET /abilities`). */
export const ACCOUNT_ABILITIES = [
  'teams',
  'read_only_users',
  'urgencies',
  'service_support_hours',
  'manage_schedules',
  'manage_api_keys',
  'coordinated_responding',
  'event_rules',
  'preview_incident_alert_grouping',
] as const;

export type CustomFieldDataType = 'string' | 'integer' | 'float' | 'boolean' | 'datetime' | 'url';
export type CustomFieldType = 'single_value' | 'single_value_fixed' | 'multi_value' | 'multi_value_fixed';
/** A custom field value as PagerDuty carries it: a scalar of the field's data type, a list for multi-value fields, or null. */
export type CustomFieldValue = string | number | boolean | string[] | null;

export interface CustomFieldOption {
  id: string;
  /** Fixed options are strings (the document's only option data type). */
  value: string;
  createdAt: string;
  updatedAt: string;
}

/** An incident custom field definition (`/incidents/custom_fields`). */
export interface CustomField {
  id: string;
  /** Unique, immutable, `[a-z0-9_]`. */
  name: string;
  displayName: string;
  description: string | null;
  dataType: CustomFieldDataType;
  fieldType: CustomFieldType;
  defaultValue: CustomFieldValue;
  enabled: boolean;
  options: CustomFieldOption[];
  createdAt: string;
  updatedAt: string;
}

export type ResponderState = 'pending' | 'joined' | 'declined';

/** One person asked to help on an incident (`incidents_responders`). */
export interface IncidentResponder {
  incidentId: string;
  userId: string;
  requestId: string;
  state: ResponderState;
  requesterId: string;
  message: string;
  requestedAt: string;
  updatedAt: string;
  /** Set when the user was requested through an escalation policy. */
  escalationPolicyId: string | null;
}

export interface ResponderRequestTarget {
  type: 'user' | 'escalation_policy';
  id: string;
}

export interface ResponderRequest {
  id: string;
  incidentId: string;
  requesterId: string;
  message: string;
  requestedAt: string;
  targets: ResponderRequestTarget[];
}

export interface StatusUpdate {
  id: string;
  incidentId: string;
  senderId: string;
  message: string;
  subject: string | null;
  htmlMessage: string | null;
  createdAt: string;
}

export interface StatusUpdateSubscriber {
  incidentId: string;
  subscriberId: string;
  subscriberType: 'user' | 'team';
}

export interface IncidentWorkflowStep {
  id: string;
  name: string;
  description: string;
  actionId: string;
}

export interface IncidentWorkflow {
  id: string;
  name: string;
  description: string;
  teamId: string | null;
  enabled: boolean;
  createdAt: string;
  steps: IncidentWorkflowStep[];
}

export interface IncidentWorkflowInstance {
  id: string;
  workflowId: string;
  incidentId: string;
  startedByUserId: string | null;
  createdAt: string;
}

/** A business service: impacted while any of its supporting (technical) services has an open incident. */
export interface BusinessService {
  id: string;
  name: string;
  description: string;
  pointOfContact: string;
  teamId: string | null;
  supportingServiceIds: string[];
}
