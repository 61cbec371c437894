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
  | 'urgency_change_log_entry';

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
