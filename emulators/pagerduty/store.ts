import { IdGenerator } from './ids';
import type {
  Alert,
  ApiKey,
  BusinessService,
  CustomField,
  CustomFieldValue,
  EscalationPolicy,
  Incident,
  IncidentResponder,
  IncidentWorkflow,
  IncidentWorkflowInstance,
  Integration,
  LogEntry,
  Note,
  Priority,
  ResponderRequest,
  Service,
  StatusUpdate,
  StatusUpdateSubscriber,
  Team,
  User,
  WebhookSubscription,
} from './model';

/**
 * The emulated account's state, in memory. Collections keep insertion order, which is the
 * order PagerDuty lists them in when no `sort_by` applies.
 */
export class PagerDutyStore {
  ids = new IdGenerator();
  users = new Map<string, User>();
  teams = new Map<string, Team>();
  escalationPolicies = new Map<string, EscalationPolicy>();
  services = new Map<string, Service>();
  priorities = new Map<string, Priority>();
  incidents = new Map<string, Incident>();
  notes: Note[] = [];
  logEntries: LogEntry[] = [];
  /** Indexes over the collections above, kept by `addIncident` and `addLogEntry`: lookups that PagerDuty answers by index stay O(1) as an account grows. */
  readonly #incidentsByKey = new Map<string, Incident[]>();
  readonly #logEntriesById = new Map<string, LogEntry>();
  readonly #logEntriesByIncident = new Map<string, LogEntry[]>();
  webhookSubscriptions = new Map<string, WebhookSubscription>();
  customFields = new Map<string, CustomField>();
  /** Values set on incidents: incident Id → field Id → value. Unset fields read as their default. */
  customFieldValues = new Map<string, Map<string, CustomFieldValue>>();
  responderRequests: ResponderRequest[] = [];
  responders: IncidentResponder[] = [];
  statusUpdates: StatusUpdate[] = [];
  statusUpdateSubscribers: StatusUpdateSubscriber[] = [];
  incidentWorkflows = new Map<string, IncidentWorkflow>();
  workflowInstances: IncidentWorkflowInstance[] = [];
  businessServices = new Map<string, BusinessService>();
  apiKeys = new Map<string, ApiKey>();
  /** Service integrations by Id (Events API v2 ones: their key is a routing key). */
  integrations = new Map<string, Integration>();
  /** Alerts raised through the Events API, oldest first. */
  alerts: Alert[] = [];
  nextIncidentNumber = 1;

  /** Empties everything; Ids restart so a re-seed is byte-for-byte identical. */
  clear(): void {
    this.ids = new IdGenerator();
    this.users.clear();
    this.teams.clear();
    this.escalationPolicies.clear();
    this.services.clear();
    this.priorities.clear();
    this.incidents.clear();
    this.notes = [];
    this.logEntries = [];
    this.#incidentsByKey.clear();
    this.#logEntriesById.clear();
    this.#logEntriesByIncident.clear();
    this.webhookSubscriptions.clear();
    this.customFields.clear();
    this.customFieldValues.clear();
    this.responderRequests = [];
    this.responders = [];
    this.statusUpdates = [];
    this.statusUpdateSubscribers = [];
    this.incidentWorkflows.clear();
    this.workflowInstances = [];
    this.businessServices.clear();
    this.apiKeys.clear();
    this.integrations.clear();
    this.alerts = [];
    this.nextIncidentNumber = 1;
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  /** Priorities in the account's order, most severe first. */
  orderedPriorities(): Priority[] {
    return [...this.priorities.values()].sort((a, b) => a.order - b.order);
  }

  notesOf(incidentId: string): Note[] {
    return this.notes.filter((note) => note.incidentId === incidentId);
  }

  customFieldByName(name: string): CustomField | undefined {
    for (const field of this.customFields.values()) if (field.name === name) return field;
    return undefined;
  }

  respondersOf(incidentId: string): IncidentResponder[] {
    return this.responders.filter((responder) => responder.incidentId === incidentId);
  }

  statusUpdatesOf(incidentId: string): StatusUpdate[] {
    return this.statusUpdates.filter((update) => update.incidentId === incidentId);
  }

  integrationByKey(integrationKey: string): Integration | undefined {
    for (const integration of this.integrations.values()) if (integration.integrationKey === integrationKey) return integration;
    return undefined;
  }

  integrationsOf(serviceId: string): Integration[] {
    return [...this.integrations.values()].filter((integration) => integration.serviceId === serviceId);
  }

  alertsOf(incidentId: string): Alert[] {
    return this.alerts.filter((alert) => alert.incidentId === incidentId);
  }

  addIncident(incident: Incident): void {
    this.incidents.set(incident.id, incident);
    const key = incidentKeyOf(incident.serviceId, incident.incidentKey);
    const sameKey = this.#incidentsByKey.get(key);
    if (sameKey) sameKey.push(incident);
    else this.#incidentsByKey.set(key, [incident]);
  }

  /** The service's open (not resolved) incident with this `incident_key`, if any. */
  openIncidentWithKey(serviceId: string, incidentKey: string): Incident | undefined {
    return this.#incidentsByKey.get(incidentKeyOf(serviceId, incidentKey))?.find((incident) => incident.status !== 'resolved');
  }

  addLogEntry(entry: LogEntry): void {
    this.logEntries.push(entry);
    this.#logEntriesById.set(entry.id, entry);
    const ofIncident = this.#logEntriesByIncident.get(entry.incidentId);
    if (ofIncident) ofIncident.push(entry);
    else this.#logEntriesByIncident.set(entry.incidentId, [entry]);
  }

  logEntry(id: string): LogEntry | undefined {
    return this.#logEntriesById.get(id);
  }

  /** The incident's log entries, oldest first. */
  logEntriesOf(incidentId: string): LogEntry[] {
    return [...(this.#logEntriesByIncident.get(incidentId) ?? [])];
  }
}

const incidentKeyOf = (serviceId: string, incidentKey: string) => `${serviceId}\n${incidentKey}`;
