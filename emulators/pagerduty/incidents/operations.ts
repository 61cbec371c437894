import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { invalidInput, notFound, PdError } from '../http/errors';
import type { Incident, LogEntry, LogEntryType, Note, User } from '../model';
import type { PagerDutyStore } from '../store';
import type { ChangeOrigin, WebhookPublisher } from '../webhooks/publisher';
import type { CreateIncidentInput, UpdateIncidentInput } from './schemas';
import { pagerDutyTimestamp } from '../timestamps';

/**
 * What happens to an incident, whoever asks (REST handlers, the console, the control API's
 * responders): state transitions, log entries and the v3 webhook each change produces.
 */
export class IncidentOperations {
  readonly #store: () => PagerDutyStore;
  readonly #clock: Clock;
  readonly #publisher: WebhookPublisher;
  /** Ids of incidents that may be snoozed: `expireSnoozes` runs on every request and looks at these only. */
  readonly #snoozed = new Set<string>();

  constructor(store: () => PagerDutyStore, clock: Clock, publisher: WebhookPublisher) {
    this.#store = store;
    this.#clock = clock;
    this.#publisher = publisher;
  }

  get(id: string): Incident {
    const incident = this.#store().incidents.get(id);
    if (!incident) throw notFound();
    return incident;
  }

  /** `actor` is null when an Events API alert opens the incident: no user acted, the integration did. */
  create(input: CreateIncidentInput, actor: User | null, via: ChangeOrigin['via']): Incident {
    const store = this.#store();
    const service = store.services.get(input.service.id);
    if (!service) throw invalidInput(`Service ${input.service.id} not found.`);
    if (input.escalation_policy && input.assignments) {
      throw invalidInput('Only one of escalation_policy or assignments may be given, not both.');
    }
    const incidentKey = input.incident_key ?? randomUUID().replaceAll('-', '');
    const duplicate = store.openIncidentWithKey(service.id, incidentKey);
    if (duplicate) {
      throw invalidInput(`Open incident with key '${incidentKey}' already exists on this service (${duplicate.id}).`);
    }
    const policyId = input.escalation_policy?.id ?? service.escalationPolicyId;
    const policy = store.escalationPolicies.get(policyId);
    if (!policy) throw new PdError(400, 1014, 'Escalation Policy Not Found');
    const priorityId = input.priority ? this.#priorityById(input.priority.id) : null;
    const assigneeIds = input.assignments ? input.assignments.map((a) => this.#existingUser(a.assignee.id).id) : (policy.rules[0]?.targetUserIds ?? []);
    const now = this.#now();
    const incident: Incident = {
      id: store.ids.next(),
      number: store.nextIncidentNumber++,
      title: input.title,
      details: input.body?.details ?? null,
      serviceId: service.id,
      escalationPolicyId: policy.id,
      assignedVia: input.assignments ? 'direct_assignment' : 'escalation_policy',
      assignments: unique(assigneeIds).map((userId) => ({ at: now, userId })),
      acknowledgements: [],
      status: 'triggered',
      urgency: input.urgency ?? 'high',
      priorityId,
      incidentKey,
      createdAt: now,
      updatedAt: now,
      lastStatusChangeAt: now,
      lastStatusChangeByUserId: actor?.id ?? null,
      resolvedAt: null,
      reopenedAt: null,
      escalationLevel: 1,
      conferenceBridge: input.conference_bridge
        ? {
            conferenceNumber: input.conference_bridge.conference_number,
            conferenceUrl: input.conference_bridge.conference_url,
          }
        : null,
      mergedIntoId: null,
      snoozedUntil: null,
      firstTriggerLogEntryId: '',
    };
    store.addIncident(incident);
    const how = actor ? `through the ${via === 'api' ? 'API' : 'website'}` : 'by an Events API alert';
    const trigger = this.#log(incident, 'trigger_log_entry', actor?.id ?? null, via, `Triggered ${how}.`);
    incident.firstTriggerLogEntryId = trigger.id;
    this.#log(incident, 'assign_log_entry', null, via, `Assigned to ${this.#names(assigneeIds)}.`, { assigneeIds });
    this.#publisher.incidentChanged('incident.triggered', incident, { userId: actor?.id ?? null, via });
    return incident;
  }

  update(incident: Incident, changes: UpdateIncidentInput, actor: User, via: ChangeOrigin['via']): Incident {
    const origin: ChangeOrigin = { userId: actor.id, via };
    if (changes.assignments && changes.escalation_policy) {
      throw invalidInput('Only one of escalation_policy or assignments may be given, not both.');
    }
    if (changes.escalation_level !== undefined && (changes.assignments || changes.escalation_policy)) {
      throw invalidInput('escalation_level cannot be combined with assignments or escalation_policy.');
    }
    // Validate everything before changing anything, so a 400 leaves the incident untouched.
    const priorityId = changes.priority === undefined ? undefined : this.#resolvePriority(changes.priority);
    const assigneeIds = changes.assignments?.map((a) => this.#existingUser(a.assignee.id).id);
    const policy = changes.escalation_policy ? this.#existingPolicy(changes.escalation_policy.id) : undefined;
    if (changes.escalation_level !== undefined) this.#checkEscalationLevel(incident, changes.escalation_level);
    if (changes.status === 'resolved' && incident.status === 'resolved') {
      throw new PdError(400, 1001, 'Incident Already Resolved');
    }
    const reopening = incident.status === 'resolved' && (changes.status === 'triggered' || changes.status === 'acknowledged');
    if (incident.status === 'resolved' && !reopening && (assigneeIds || policy || changes.escalation_level !== undefined)) {
      throw new PdError(400, 1011, 'Cannot process reassign action', ['The incident is resolved; reopen it first.']);
    }

    let touched = false;
    const now = this.#now();
    if (changes.title !== undefined && changes.title !== incident.title) {
      incident.title = changes.title;
      touched = true;
    }
    if (changes.conference_bridge !== undefined) {
      const bridge = { conferenceNumber: changes.conference_bridge.conference_number, conferenceUrl: changes.conference_bridge.conference_url };
      const changed = JSON.stringify(bridge) !== JSON.stringify(incident.conferenceBridge ?? {});
      incident.conferenceBridge = bridge;
      touched = true;
      if (changed) {
        this.#touch(incident, now);
        this.#publisher.conferenceBridgeUpdated(incident, origin);
      }
    }
    if (changes.urgency !== undefined && changes.urgency !== incident.urgency) {
      incident.urgency = changes.urgency;
      this.#log(incident, 'urgency_change_log_entry', actor.id, via, `Urgency changed to ${changes.urgency}.`);
      touched = true;
    }
    if (priorityId !== undefined && priorityId !== incident.priorityId) {
      incident.priorityId = priorityId;
      this.#touch(incident, now);
      this.#publisher.incidentChanged('incident.priority_updated', incident, origin);
    }

    if (reopening) {
      this.#reopen(incident, actor, via, changes, assigneeIds, policy?.id);
    } else {
      if (assigneeIds || policy) this.#reassign(incident, actor, via, assigneeIds, policy?.id);
      if (changes.escalation_level !== undefined && changes.escalation_level !== incident.escalationLevel) {
        this.#escalate(incident, actor, via, changes.escalation_level);
      }
      if (changes.status === 'acknowledged') this.acknowledge(incident, actor, via);
      if (changes.status === 'triggered' && incident.status === 'acknowledged') this.#unacknowledge(incident, actor, via);
      if (changes.status === 'resolved') this.resolve(incident, actor, via, changes.resolution);
    }
    if (touched) this.#touch(incident, now);
    return incident;
  }

  acknowledge(incident: Incident, actor: User, via: ChangeOrigin['via']): void {
    if (incident.status === 'resolved') throw new PdError(400, 1001, 'Incident Already Resolved');
    const now = this.#now();
    if (!incident.acknowledgements.some((a) => a.userId === actor.id)) {
      incident.acknowledgements.push({ at: now, userId: actor.id });
    }
    if (incident.status === 'acknowledged') {
      this.#touch(incident, now);
      return;
    }
    this.#setStatus(incident, 'acknowledged', actor.id, now);
    this.#log(incident, 'acknowledge_log_entry', actor.id, via, `Acknowledged by ${actor.name}.`);
    this.#publisher.incidentChanged('incident.acknowledged', incident, { userId: actor.id, via });
  }

  resolve(incident: Incident, actor: User, via: ChangeOrigin['via'], resolution?: string): void {
    if (incident.status === 'resolved') throw new PdError(400, 1001, 'Incident Already Resolved');
    const now = this.#now();
    this.#setStatus(incident, 'resolved', actor.id, now);
    incident.resolvedAt = now;
    incident.assignments = [];
    this.#resolveAlerts(incident, now);
    this.#log(incident, 'resolve_log_entry', actor.id, via, `Resolved by ${actor.name}.`, resolution ? { note: resolution } : {});
    this.#publisher.incidentChanged('incident.resolved', incident, { userId: actor.id, via });
  }

  /**
   * An Events API `acknowledge` on one of the incident's alerts: PagerDuty acknowledges the
   * incident on the integration's behalf, so no user is the acknowledger or the webhook's agent.
   */
  acknowledgeFromEvent(incident: Incident): void {
    if (incident.status !== 'triggered') return;
    const now = this.#now();
    this.#setStatus(incident, 'acknowledged', null, now);
    this.#log(incident, 'acknowledge_log_entry', null, 'api', 'Acknowledged by an Events API event.');
    this.#publisher.incidentChanged('incident.acknowledged', incident, { userId: null, via: 'api' });
  }

  /** The incident's last open alert was resolved through the Events API: the incident resolves with it. */
  resolveFromEvent(incident: Incident): void {
    if (incident.status === 'resolved') return;
    const now = this.#now();
    this.#setStatus(incident, 'resolved', null, now);
    incident.resolvedAt = now;
    incident.assignments = [];
    this.#log(incident, 'resolve_log_entry', null, 'api', 'Resolved by an Events API event.');
    this.#publisher.incidentChanged('incident.resolved', incident, { userId: null, via: 'api' });
  }

  /** Resolving an incident resolves its alerts (a later trigger with the same dedup_key opens a new alert). */
  #resolveAlerts(incident: Incident, now: string): void {
    for (const alert of this.#store().alertsOf(incident.id)) {
      if (alert.status === 'resolved') continue;
      alert.status = 'resolved';
      alert.resolvedAt = now;
    }
  }

  reassign(incident: Incident, actor: User, via: ChangeOrigin['via'], userIds: string[]): void {
    if (incident.status === 'resolved') throw new PdError(400, 1011, 'Cannot process reassign action');
    this.#reassign(
      incident,
      actor,
      via,
      userIds.map((id) => this.#existingUser(id).id),
      undefined,
    );
  }

  addNote(incident: Incident, content: string, actor: User, via: ChangeOrigin['via']): Note {
    const store = this.#store();
    const note: Note = { id: store.ids.next(), incidentId: incident.id, userId: actor.id, content, createdAt: this.#now() };
    store.notes.push(note);
    this.#log(incident, 'annotate_log_entry', actor.id, via, `Note added by ${actor.name}.`, { note: content });
    this.#publisher.noteAdded(note, incident, { userId: actor.id, via });
    return note;
  }

  /** Resolves each source into the target, as PagerDuty's merge does (1019 if already merged). */
  merge(target: Incident, sourceIds: string[], actor: User, via: ChangeOrigin['via']): Incident {
    const sources = sourceIds.map((id) => {
      const source = this.#store().incidents.get(id);
      if (!source) throw invalidInput(`Incident ${id} not found.`);
      if (source.id === target.id) throw invalidInput('An incident cannot be merged into itself.');
      if (source.mergedIntoId) throw new PdError(400, 1019, 'Incident Already Merged');
      return source;
    });
    if (target.mergedIntoId) throw new PdError(400, 1019, 'Incident Already Merged');
    for (const source of sources) {
      source.mergedIntoId = target.id;
      if (source.status !== 'resolved') {
        this.resolve(source, actor, via, `Merged into incident #${target.number}.`);
      }
    }
    this.#touch(target, this.#now());
    return target;
  }

  /** Logs a change made by another module (custom fields, snooze, …) on the incident's timeline. */
  record(incident: Incident, type: LogEntryType, actor: User | null, via: ChangeOrigin['via'], summary: string): LogEntry {
    return this.#log(incident, type, actor?.id ?? null, via, summary);
  }

  #reopen(
    incident: Incident,
    actor: User,
    via: ChangeOrigin['via'],
    changes: UpdateIncidentInput,
    assigneeIds: string[] | undefined,
    policyId: string | undefined,
  ): void {
    const now = this.#now();
    if (policyId) incident.escalationPolicyId = policyId;
    incident.escalationLevel = 1;
    incident.resolvedAt = null;
    incident.reopenedAt = now;
    incident.acknowledgements = [];
    incident.mergedIntoId = null;
    const acknowledged = changes.status === 'acknowledged';
    const assignees = acknowledged ? [actor.id] : (assigneeIds ?? this.#policyTargets(incident.escalationPolicyId, 1));
    incident.assignedVia = assigneeIds || acknowledged ? 'direct_assignment' : 'escalation_policy';
    incident.assignments = unique(assignees).map((userId) => ({ at: now, userId }));
    this.#setStatus(incident, 'triggered', actor.id, now);
    // PagerDuty has no reopen log entry type: a reopen is logged as a new trigger.
    this.#log(incident, 'trigger_log_entry', actor.id, via, `Reopened by ${actor.name}.`);
    this.#publisher.incidentChanged('incident.reopened', incident, { userId: actor.id, via });
    if (acknowledged) this.acknowledge(incident, actor, via);
  }

  #reassign(incident: Incident, actor: User, via: ChangeOrigin['via'], assigneeIds: string[] | undefined, policyId: string | undefined): void {
    const now = this.#now();
    if (policyId) {
      incident.escalationPolicyId = policyId;
      incident.escalationLevel = 1;
      incident.assignedVia = 'escalation_policy';
    } else {
      incident.assignedVia = 'direct_assignment';
    }
    const ids = unique(assigneeIds ?? this.#policyTargets(incident.escalationPolicyId, 1));
    incident.assignments = ids.map((userId) => ({ at: now, userId }));
    // Reassigning hands the incident to someone new: it is no longer acknowledged.
    incident.acknowledgements = [];
    if (incident.status === 'acknowledged') this.#setStatus(incident, 'triggered', actor.id, now);
    else this.#touch(incident, now);
    this.#log(incident, 'assign_log_entry', actor.id, via, `Reassigned to ${this.#names(ids)}.`, { assigneeIds: ids });
    this.#publisher.incidentChanged('incident.reassigned', incident, { userId: actor.id, via });
  }

  #escalate(incident: Incident, actor: User, via: ChangeOrigin['via'], level: number): void {
    const now = this.#now();
    const ids = unique(this.#policyTargets(incident.escalationPolicyId, level));
    incident.escalationLevel = level;
    incident.assignedVia = 'escalation_policy';
    incident.assignments = ids.map((userId) => ({ at: now, userId }));
    incident.acknowledgements = [];
    if (incident.status === 'acknowledged') this.#setStatus(incident, 'triggered', actor.id, now);
    else this.#touch(incident, now);
    this.#log(incident, 'escalate_log_entry', actor.id, via, `Escalated to level ${level}: ${this.#names(ids)}.`, {
      assigneeIds: ids,
    });
    this.#publisher.incidentChanged('incident.escalated', incident, { userId: actor.id, via });
  }

  /**
   * Snoozes an acknowledged incident for `seconds`: it shows a pending `unacknowledge` action
   * and goes back to triggered when the snooze ends (`expireSnoozes`).
   */
  snooze(incident: Incident, seconds: number, actor: User, via: ChangeOrigin['via']): void {
    if (incident.status === 'resolved') throw new PdError(400, 1001, 'Incident Already Resolved');
    if (incident.status !== 'acknowledged') throw invalidInput('Only an acknowledged incident can be snoozed; acknowledge it first.');
    const now = this.#clock.now();
    incident.snoozedUntil = pagerDutyTimestamp(new Date(now + seconds * 1000));
    this.#snoozed.add(incident.id);
    this.#touch(incident, this.#now());
    this.#log(incident, 'snooze_log_entry', actor.id, via, `Snoozed by ${actor.name} until ${incident.snoozedUntil}.`);
  }

  /** Re-triggers every snoozed incident whose snooze has ended (on the emulator clock); PagerDuty itself acts, so no user is the agent. */
  expireSnoozes(): void {
    const now = this.#clock.now();
    for (const id of this.#snoozed) {
      const incident = this.#store().incidents.get(id);
      // Gone, or its snooze was cleared (a reset re-seeds the same Ids without snoozes).
      if (!incident || incident.snoozedUntil === null) {
        this.#snoozed.delete(id);
        continue;
      }
      if (Date.parse(incident.snoozedUntil) > now) continue;
      this.#snoozed.delete(id);
      incident.snoozedUntil = null;
      if (incident.status !== 'acknowledged') continue;
      incident.acknowledgements = [];
      const at = this.#now();
      incident.status = 'triggered';
      incident.lastStatusChangeAt = at;
      incident.lastStatusChangeByUserId = null;
      this.#touch(incident, at);
      this.#log(incident, 'unacknowledge_log_entry', null, 'auto', 'Unacknowledged: the snooze ended.');
      this.#publisher.incidentChanged('incident.unacknowledged', incident, { userId: null, via: 'api' });
    }
  }

  #unacknowledge(incident: Incident, actor: User, via: ChangeOrigin['via']): void {
    const now = this.#now();
    incident.acknowledgements = [];
    this.#setStatus(incident, 'triggered', actor.id, now);
    this.#log(incident, 'unacknowledge_log_entry', actor.id, via, `Unacknowledged by ${actor.name}.`);
    this.#publisher.incidentChanged('incident.unacknowledged', incident, { userId: actor.id, via });
  }

  #checkEscalationLevel(incident: Incident, level: number): void {
    if (incident.status === 'resolved') throw new PdError(400, 1006, 'Cannot Escalate', ['The incident is resolved.']);
    const policy = this.#store().escalationPolicies.get(incident.escalationPolicyId);
    const levels = policy?.rules.length ?? 0;
    if (level > levels) {
      throw new PdError(400, 1006, 'Cannot Escalate', [`The escalation policy has ${levels} level(s); ${level} does not exist.`]);
    }
  }

  #resolvePriority(priority: NonNullable<UpdateIncidentInput['priority']>): string {
    if (typeof priority !== 'string') return this.#priorityById(priority.id);
    // "If a string is provided, the highest priority with a matching name will be used."
    const match = this.#store()
      .orderedPriorities()
      .find((p) => p.name.toLowerCase() === priority.toLowerCase());
    if (!match) throw new PdError(400, 1020, 'Invalid Priority', [`No priority is named "${priority}".`]);
    return match.id;
  }

  #priorityById(id: string): string {
    if (!this.#store().priorities.has(id)) throw new PdError(400, 1020, 'Invalid Priority', [`Priority ${id} not found.`]);
    return id;
  }

  #existingUser(id: string): User {
    const user = this.#store().users.get(id);
    if (!user) throw new PdError(400, 1007, 'Assigned To User Not Found', [`User ${id} not found.`]);
    return user;
  }

  #existingPolicy(id: string) {
    const policy = this.#store().escalationPolicies.get(id);
    if (!policy) throw new PdError(400, 1014, 'Escalation Policy Not Found');
    return policy;
  }

  #policyTargets(policyId: string, level: number): string[] {
    return this.#store().escalationPolicies.get(policyId)?.rules[level - 1]?.targetUserIds ?? [];
  }

  #setStatus(incident: Incident, status: Incident['status'], byUserId: string | null, now: string): void {
    // A snooze lasts while the incident stays acknowledged; any other status ends it.
    if (status !== 'acknowledged') incident.snoozedUntil = null;
    incident.status = status;
    incident.lastStatusChangeAt = now;
    incident.lastStatusChangeByUserId = byUserId;
    incident.updatedAt = now;
  }

  #touch(incident: Incident, now: string): void {
    incident.updatedAt = now;
  }

  #log(
    incident: Incident,
    type: LogEntryType,
    agentUserId: string | null,
    via: ChangeOrigin['via'] | 'auto',
    summary: string,
    extra: Pick<LogEntry, 'note' | 'assigneeIds'> = {},
  ): LogEntry {
    const store = this.#store();
    const entry: LogEntry = {
      id: store.ids.next('Q', 13),
      type,
      incidentId: incident.id,
      serviceId: incident.serviceId,
      createdAt: this.#now(),
      agentUserId,
      channel: via === 'web' ? 'web_trigger' : via,
      summary,
      ...extra,
    };
    store.addLogEntry(entry);
    return entry;
  }

  #names(userIds: string[]): string {
    const names = userIds.map((id) => this.#store().users.get(id)?.name ?? id);
    return names.length > 0 ? names.join(', ') : 'nobody';
  }

  #now(): string {
    return pagerDutyTimestamp(this.#clock.date());
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
