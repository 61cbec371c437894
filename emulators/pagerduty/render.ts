import type { Links } from './links';
import type { EscalationPolicy, Incident, Integration, LogEntry, Note, Priority, Service, Team, User, WebhookSubscription } from './model';
import type { OnCall } from './oncalls/listing';
import { ResponderRenderer } from './responders/render';
import type { PagerDutyStore } from './store';

/** Renders domain records as PagerDuty's JSON. One function per object shape, references included. */
export class Renderer {
  readonly #store: () => PagerDutyStore;
  readonly #links: Links;
  /** Responders and responder requests, which the incident itself lists. */
  readonly responders: ResponderRenderer;

  constructor(store: () => PagerDutyStore, links: Links) {
    this.#store = store;
    this.#links = links;
    this.responders = new ResponderRenderer(this, store);
  }

  get links(): Links {
    return this.#links;
  }

  #ref(type: string, collection: string, id: string, summary: string) {
    return {
      id,
      type: `${type}_reference`,
      summary,
      self: this.#links.api(collection, id),
      html_url: this.#links.html(collection, id),
    };
  }

  userRef(user: User) {
    return this.#ref('user', 'users', user.id, user.name);
  }

  userRefById(id: string) {
    const user = this.#store().users.get(id);
    return this.#ref('user', 'users', id, user?.name ?? 'Deleted user');
  }

  teamRef(id: string) {
    return this.#ref('team', 'teams', id, this.#store().teams.get(id)?.name ?? 'Deleted team');
  }

  serviceRef(id: string) {
    return this.#ref('service', 'services', id, this.#store().services.get(id)?.name ?? 'Deleted service');
  }

  escalationPolicyRef(id: string) {
    const name = this.#store().escalationPolicies.get(id)?.name ?? 'Deleted escalation policy';
    return this.#ref('escalation_policy', 'escalation_policies', id, name);
  }

  priorityRef(id: string) {
    const priority = this.#store().priorities.get(id);
    return {
      id,
      type: 'priority_reference',
      summary: priority?.name ?? 'Deleted priority',
      self: this.#links.api('priorities', id),
      html_url: this.#links.prioritiesPage(),
    };
  }

  incidentRef(incident: Incident) {
    return this.#ref('incident', 'incidents', incident.id, incident.title);
  }

  logEntryRef(entry: LogEntry) {
    return {
      id: entry.id,
      type: entry.type.replace(/_log_entry$/, '_log_entry_reference'),
      summary: entry.summary,
      self: `${this.#links.api('log_entries', entry.id)}?incident_id=${entry.incidentId}`,
      html_url: this.#links.logEntryHtml(entry.incidentId, entry.id),
    };
  }

  user(user: User) {
    return {
      id: user.id,
      type: 'user',
      summary: user.name,
      self: this.#links.api('users', user.id),
      html_url: this.#links.html('users', user.id),
      name: user.name,
      email: user.email,
      time_zone: user.timeZone,
      color: user.color,
      role: user.role,
      avatar_url: `${this.#links.base}/avatars/${user.id}.png`,
      description: null,
      invitation_sent: false,
      job_title: user.jobTitle,
      teams: user.teamIds.map((id) => this.teamRef(id)),
      contact_methods: [],
      notification_rules: [],
    };
  }

  team(team: Team) {
    return {
      id: team.id,
      type: 'team',
      summary: team.name,
      self: this.#links.api('teams', team.id),
      html_url: this.#links.html('teams', team.id),
      name: team.name,
      description: team.description,
      default_role: 'manager',
    };
  }

  escalationPolicy(policy: EscalationPolicy) {
    const services = [...this.#store().services.values()].filter((s) => s.escalationPolicyId === policy.id);
    return {
      id: policy.id,
      type: 'escalation_policy',
      summary: policy.name,
      self: this.#links.api('escalation_policies', policy.id),
      html_url: this.#links.html('escalation_policies', policy.id),
      name: policy.name,
      description: policy.description,
      num_loops: policy.numLoops,
      on_call_handoff_notifications: 'if_has_services',
      escalation_rules: policy.rules.map((rule) => ({
        id: rule.id,
        escalation_delay_in_minutes: rule.delayMinutes,
        targets: rule.targetUserIds.map((id) => this.userRefById(id)),
      })),
      services: services.map((service) => this.serviceRef(service.id)),
      teams: policy.teamIds.map((id) => this.teamRef(id)),
    };
  }

  /**
   * An on-call entry, in the key order of PagerDuty's answers. Every emulated on-call is a direct
   * user target: `schedule`, `start` and `end` are null ("If `null`, the on-call is a permanent
   * user on-call", the Oncall schema). `include` (`users`, `escalation_policies`) swaps a
   * reference for the full object; `schedules` has nothing to expand.
   */
  onCall(onCall: OnCall, include: ReadonlySet<string> = new Set()) {
    return {
      escalation_policy: include.has('escalation_policies') ? this.escalationPolicy(onCall.policy) : this.escalationPolicyRef(onCall.policy.id),
      escalation_level: onCall.level,
      schedule: null,
      user: include.has('users') ? this.user(onCall.user) : this.userRef(onCall.user),
      start: null,
      end: null,
    };
  }

  service(service: Service) {
    const incidents = [...this.#store().incidents.values()].filter((i) => i.serviceId === service.id);
    const open = incidents.filter((i) => i.status !== 'resolved');
    const status = open.some((i) => i.status === 'triggered') ? 'critical' : open.length > 0 ? 'warning' : 'active';
    const last = incidents
      .map((i) => i.createdAt)
      .sort()
      .at(-1);
    return {
      id: service.id,
      type: 'service',
      summary: service.name,
      self: this.#links.api('services', service.id),
      html_url: this.#links.html('services', service.id),
      name: service.name,
      description: service.description,
      // null means "disabled" (the properties' own descriptions) but the schema is integer-only
      // (overlay request 2), so disabled timeouts are omitted.
      ...(service.autoResolveTimeout !== null ? { auto_resolve_timeout: service.autoResolveTimeout } : {}),
      ...(service.acknowledgementTimeout !== null ? { acknowledgement_timeout: service.acknowledgementTimeout } : {}),
      created_at: service.createdAt,
      status,
      ...(last ? { last_incident_timestamp: last } : {}),
      escalation_policy: this.escalationPolicyRef(service.escalationPolicyId),
      teams: service.teamIds.map((id) => this.teamRef(id)),
      integrations: this.#store()
        .integrationsOf(service.id)
        .map((integration) => this.integrationRef(integration)),
      incident_urgency_rule: { type: 'constant', urgency: 'high' },
      scheduled_actions: [],
      alert_creation: 'create_alerts_and_incidents',
    };
  }

  integrationRef(integration: Integration) {
    return {
      id: integration.id,
      type: `${integration.type}_reference`,
      summary: integration.name,
      self: `${this.#links.api('services', integration.serviceId)}/integrations/${integration.id}`,
      html_url: `${this.#links.html('services', integration.serviceId)}&integration=${integration.id}`,
    };
  }

  /** `integration_key` is what the Events API takes as `routing_key` (PagerDuty returns it for Events API integrations). */
  integration(integration: Integration) {
    return {
      ...this.integrationRef(integration),
      type: integration.type,
      name: integration.name,
      service: this.serviceRef(integration.serviceId),
      created_at: integration.createdAt,
      integration_key: integration.integrationKey,
    };
  }

  priority(priority: Priority) {
    return {
      id: priority.id,
      type: 'priority',
      summary: priority.name,
      self: this.#links.api('priorities', priority.id),
      html_url: null,
      name: priority.name,
      description: priority.description,
    };
  }

  note(note: Note) {
    return {
      id: note.id,
      user: this.userRefById(note.userId),
      channel: { summary: 'The PagerDuty website or APIs' },
      content: note.content,
      created_at: note.createdAt,
    };
  }

  logEntry(entry: LogEntry) {
    const incident = this.#store().incidents.get(entry.incidentId);
    const service = this.#store().services.get(entry.serviceId);
    return {
      id: entry.id,
      type: entry.type,
      summary: entry.summary,
      self: `${this.#links.api('log_entries', entry.id)}?incident_id=${entry.incidentId}`,
      html_url: this.#links.logEntryHtml(entry.incidentId, entry.id),
      created_at: entry.createdAt,
      // Automatic entries (assignment by the escalation policy) are made by the service itself.
      agent: entry.agentUserId ? this.userRefById(entry.agentUserId) : this.serviceRef(entry.serviceId),
      channel: { type: entry.channel, summary: entry.channel === 'api' ? 'The PagerDuty website or APIs' : 'Automatic' },
      service: this.serviceRef(entry.serviceId),
      incident: incident ? this.incidentRef(incident) : { id: entry.incidentId, type: 'incident_reference' },
      teams: (service?.teamIds ?? []).map((id) => this.teamRef(id)),
      contexts: [],
      ...(entry.note !== undefined ? { note: entry.note } : {}),
      ...(entry.assigneeIds ? { assignees: entry.assigneeIds.map((id) => this.userRefById(id)) } : {}),
      event_details: { description: entry.summary },
    };
  }

  /**
   * The REST incident. `include` names (`services`, `assignees`, `acknowledgers`,
   * `escalation_policies`, `teams`, `priorities`, `first_trigger_log_entries`) swap references for
   * full objects, as PagerDuty's `include[]` does.
   */
  incident(incident: Incident, include: ReadonlySet<string> = new Set(), withBody = false) {
    const store = this.#store();
    const service = store.services.get(incident.serviceId);
    const teamIds = service?.teamIds ?? [];
    const userOrRef = (id: string, full: boolean) => {
      const user = store.users.get(id);
      return full && user ? this.user(user) : this.userRefById(id);
    };
    const firstTrigger = store.logEntry(incident.firstTriggerLogEntryId);
    const lastChangeBy = incident.lastStatusChangeByUserId ? this.userRefById(incident.lastStatusChangeByUserId) : this.serviceRef(incident.serviceId);
    const policy = store.escalationPolicies.get(incident.escalationPolicyId);
    const priority = incident.priorityId ? store.priorities.get(incident.priorityId) : undefined;
    return {
      id: incident.id,
      type: 'incident',
      summary: `[#${incident.number}] ${incident.title}`,
      self: this.#links.api('incidents', incident.id),
      html_url: this.#links.html('incidents', incident.id),
      incident_number: incident.number,
      title: incident.title,
      created_at: incident.createdAt,
      updated_at: incident.updatedAt,
      status: incident.status,
      incident_key: incident.incidentKey,
      service: include.has('services') && service ? this.service(service) : this.serviceRef(incident.serviceId),
      assignments: incident.assignments.map((a) => ({ at: a.at, assignee: userOrRef(a.userId, include.has('assignees')) })),
      assigned_via: incident.assignedVia,
      acknowledgements: incident.acknowledgements.map((a) => ({
        at: a.at,
        acknowledger: userOrRef(a.userId, include.has('acknowledgers')),
      })),
      last_status_change_at: incident.lastStatusChangeAt,
      last_status_change_by: lastChangeBy,
      resolved_at: incident.resolvedAt,
      first_trigger_log_entry:
        firstTrigger && include.has('first_trigger_log_entries')
          ? this.logEntry(firstTrigger)
          : firstTrigger
            ? this.logEntryRef(firstTrigger)
            : { id: incident.firstTriggerLogEntryId, type: 'trigger_log_entry_reference' },
      alert_counts: this.#alertCounts(incident.id),
      is_mergeable: true,
      escalation_policy: include.has('escalation_policies') && policy ? this.escalationPolicy(policy) : this.escalationPolicyRef(incident.escalationPolicyId),
      teams: teamIds.map((id) => {
        const team = store.teams.get(id);
        return include.has('teams') && team ? this.team(team) : this.teamRef(id);
      }),
      pending_actions: incident.snoozedUntil && incident.status === 'acknowledged' ? [{ type: 'unacknowledge', at: incident.snoozedUntil }] : [],
      // PagerDuty answers `"priority": null`; the document types it as an object only (overlay
      // request 1 in openapi/OVERLAY-REQUESTS.md), so until the overlay allows null it is omitted.
      ...(priority ? { priority: include.has('priorities') ? this.priority(priority) : this.priorityRef(priority.id) } : {}),
      urgency: incident.urgency,
      resolve_reason: this.#resolveReason(incident),
      // The document types conference_bridge as an object only; an incident without one omits it.
      ...(incident.conferenceBridge ? { conference_bridge: this.#conferenceBridge(incident) } : {}),
      ...this.responders.ofIncident(incident),
      ...(withBody ? { body: { type: 'incident_body', details: incident.details ?? '' } } : {}),
    };
  }

  /** Alerts grouped into the incident (raised through the Events API); an alert is acknowledged-and-open or resolved. */
  #alertCounts(incidentId: string) {
    const alerts = this.#store().alertsOf(incidentId);
    const resolved = alerts.filter((alert) => alert.status === 'resolved').length;
    return { all: alerts.length, triggered: alerts.length - resolved, resolved };
  }

  #resolveReason(incident: Incident) {
    if (!incident.mergedIntoId) return null;
    const target = this.#store().incidents.get(incident.mergedIntoId);
    return {
      type: 'merge_resolve_reason',
      incident: target ? this.incidentRef(target) : { id: incident.mergedIntoId, type: 'incident_reference' },
    };
  }

  #conferenceBridge(incident: Incident) {
    if (!incident.conferenceBridge) return null;
    return {
      ...(incident.conferenceBridge.conferenceNumber !== undefined ? { conference_number: incident.conferenceBridge.conferenceNumber } : {}),
      ...(incident.conferenceBridge.conferenceUrl !== undefined ? { conference_url: incident.conferenceBridge.conferenceUrl } : {}),
    };
  }

  /** The incident as v3 webhooks carry it (`event.data`), following the documented examples. */
  webhookIncident(incident: Incident) {
    const service = this.#store().services.get(incident.serviceId);
    return {
      id: incident.id,
      type: 'incident',
      self: this.#links.api('incidents', incident.id),
      html_url: this.#links.html('incidents', incident.id),
      number: incident.number,
      status: incident.status,
      incident_key: incident.incidentKey,
      created_at: incident.createdAt,
      title: incident.title,
      service: this.serviceRef(incident.serviceId),
      assignees: incident.assignments.map((a) => this.userRefById(a.userId)),
      escalation_policy: this.escalationPolicyRef(incident.escalationPolicyId),
      teams: (service?.teamIds ?? []).map((id) => this.teamRef(id)),
      priority: incident.priorityId ? this.priorityRef(incident.priorityId) : null,
      urgency: incident.urgency,
      conference_bridge: this.#conferenceBridge(incident),
      resolve_reason: this.#resolveReason(incident),
      ...(incident.reopenedAt ? { reopened_at: incident.reopenedAt } : {}),
    };
  }

  /** `data` of `incident.conference_bridge.updated` (the incident_conference_bridge example: numbers as a labelled list). */
  webhookConferenceBridge(incident: Incident) {
    const number = incident.conferenceBridge?.conferenceNumber;
    return {
      incident: this.incidentRef(incident),
      conference_numbers: number ? [{ label: '', number }] : [],
      conference_url: incident.conferenceBridge?.conferenceUrl ?? null,
      type: 'incident_conference_bridge',
    };
  }

  /** A note as the `incident.annotated` webhook carries it (`incident_note` example). */
  webhookNote(note: Note, incident: Incident) {
    return {
      incident: this.incidentRef(incident),
      id: note.id,
      content: note.content,
      trimmed: false,
      type: 'incident_note',
    };
  }

  /** `secret` is only ever passed by the create handler: PagerDuty shows it once. */
  webhookSubscription(subscription: WebhookSubscription, secret: string | null = null) {
    return {
      id: subscription.id,
      type: 'webhook_subscription',
      active: subscription.active,
      delivery_method: {
        id: subscription.deliveryMethodId,
        secret,
        temporarily_disabled: subscription.temporarilyDisabled,
        type: 'http_delivery_method',
        url: subscription.url,
        custom_headers: subscription.customHeaders.map((header) => ({
          name: header.name,
          value: secret === null ? '-- redacted --' : header.value,
        })),
      },
      description: subscription.description,
      events: subscription.events,
      filter: subscription.filter,
    };
  }
}
