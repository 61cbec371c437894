import { apiPath, type PagerDutyClient } from '../vendors/pagerduty/client';
import type { PagerDutySession } from '../vendors/pagerduty/session';
import type { Db } from '../store/db';
import { mappedPriority, recentPriorityRouting, routedPolicy, type PriorityRouting } from '../store/priorityRouting';
import type { Job, NewJob } from './jobQueue';
import { jsonText } from './jsonText';
import type { CaseIncidentLink, LinkStore } from './links';
import type { TaskHandler, TaskResult } from './worker';

/**
 * Priority routing, an engine behaviour of its own (like comment sync, it is configured on
 * OBJECT MAPPINGS, not by rules): an incident goes to the escalation policy of the active row
 * for its (service, priority), and the mapped Case field sets its priority.
 * - When an incident is created: `routedIncidentFields` gives its priority and policy.
 * - When the mapped Case field of a linked Case changes: a `route_incident_priority` job sets the
 *   incident's priority and reassigns it.
 * - When a person changes the incident's priority in PagerDuty: the same job reassigns it, once
 *   per event however many Cases the incident has (it changes the incident, not a Case: a job
 *   per Case would only read the incident N times to find it routed), in its primary Case's queue.
 * Our own PUT comes back as a webhook whose agent is the integration user: the echo guard drops
 * it before it reaches here, so a change we wrote never bounces. The job reads the incident
 * before writing and writes only what differs, so a retry or a second delivery reassigns nothing
 * twice.
 */
export const ROUTE_INCIDENT_PRIORITY_TASK = 'route_incident_priority';

type RoutingJob = Omit<NewJob, 'eventId'>;

/** What the job is asked: set the priority the Case value maps to (Case side), or follow the incident's own priority (PagerDuty side). */
export type RoutingJobPayload = { source: 'case'; caseId: string; caseField: string; caseValue: string | null } | { source: 'pagerduty'; incidentId: string };

/** The routing job for a Case change by a person, when it changed the mapped field of a linked Case. */
export function routingJobForCaseChange(
  routing: PriorityRouting,
  link: CaseIncidentLink | undefined,
  eventId: number,
  changedFields: readonly string[],
  record: Record<string, unknown>,
): RoutingJob | undefined {
  const field = routing.caseField;
  if (!field || !link || !changedFields.some((changed) => changed.toLowerCase() === field.toLowerCase())) return undefined;
  const value = record[field];
  const payload: RoutingJobPayload = {
    source: 'case',
    caseId: link.caseId,
    caseField: field,
    caseValue: value === null || value === undefined ? null : jsonText(value),
  };
  return {
    task: ROUTE_INCIDENT_PRIORITY_TASK,
    payload,
    key: `event:${eventId}:priority-routing`,
    queueKey: `case:${link.caseId}`,
    caseId: link.caseId,
    caseNumber: link.caseNumber,
    incidentId: link.incidentId,
    incidentNumber: link.incidentNumber,
  };
}

/** The routing job for a priority change a person made on a linked incident, when any route is configured; `link` is the incident's primary Case's. */
export function routingJobForIncidentEvent(
  routing: PriorityRouting,
  link: CaseIncidentLink | undefined,
  eventId: number,
  eventType: string,
  incidentId: string,
  incidentNumber: string | null,
): RoutingJob | undefined {
  if (eventType !== 'incident.priority_updated' || !link || routing.routes.length === 0) return undefined;
  const payload: RoutingJobPayload = { source: 'pagerduty', incidentId };
  return {
    task: ROUTE_INCIDENT_PRIORITY_TASK,
    payload,
    key: `event:${eventId}:priority-routing`,
    queueKey: `case:${link.caseId}`,
    caseId: link.caseId,
    caseNumber: link.caseNumber,
    incidentId,
    incidentNumber,
  };
}

/**
 * The priority and escalation policy of a new incident: the rule's own when it sets them (an
 * explicit choice wins), else the priority the Case field maps to and the policy of the active
 * row for (service, that priority). `routed` says what routing chose, for SYNC LOG.
 */
export async function routedIncidentFields(
  db: Db,
  action: { serviceId: string; priorityId?: string | undefined; escalationPolicyId?: string | undefined },
  record: Record<string, unknown>,
): Promise<{ fields: Record<string, unknown>; routed: string[] }> {
  const routing = await recentPriorityRouting(db);
  const routed: string[] = [];
  const mapped = action.priorityId ? undefined : mappedPriority(routing, record);
  if (mapped && routing.caseField) routed.push(`priority from Case ${routing.caseField} = ${jsonText(record[routing.caseField])}`);
  const priorityId = action.priorityId ?? mapped;
  const policy = action.escalationPolicyId ? undefined : routedPolicy(routing, action.serviceId, priorityId ?? null);
  if (policy) routed.push('escalation policy from priority routing');
  const escalationPolicyId = action.escalationPolicyId ?? policy;
  return {
    fields: {
      ...(priorityId ? { priority: { id: priorityId, type: 'priority_reference' } } : {}),
      ...(escalationPolicyId ? { escalation_policy: { id: escalationPolicyId, type: 'escalation_policy_reference' } } : {}),
    },
    routed,
  };
}

/**
 * The escalation policy a rule's priority change brings with it: the active row's for (the
 * incident's service, the new priority), when the rule names no policy itself. Our own change
 * comes back only as an echo, so routing must ride along with the write that changes the priority.
 */
export async function routedPolicyForPriorityChange(
  db: Db,
  link: Pick<CaseIncidentLink, 'serviceId' | 'incidentStatus'>,
  action: { priorityId?: string | undefined; escalationPolicyId?: string | undefined; assignToUserIds?: string[] | undefined; status?: string | undefined },
): Promise<Record<string, unknown>> {
  if (!action.priorityId || action.escalationPolicyId || !link.serviceId) return {};
  // PagerDuty refuses a policy beside assignees, and reassigning a resolved incident.
  if (action.assignToUserIds || action.status === 'resolved' || link.incidentStatus === 'resolved') return {};
  const policy = routedPolicy(await recentPriorityRouting(db), link.serviceId, action.priorityId);
  return policy ? { escalation_policy: { id: policy, type: 'escalation_policy_reference' } } : {};
}

export interface PriorityRoutingDeps {
  db: Db;
  links: LinkStore;
  pagerduty: PagerDutySession;
}

interface Reference {
  id: string;
  summary?: string;
}

interface RoutedIncident {
  id: string;
  incident_number: number;
  status: string;
  service: Reference;
  priority: Reference | null;
  escalation_policy: Reference | null;
}

export function priorityRoutingHandlers(deps: PriorityRoutingDeps): Record<string, TaskHandler> {
  return { [ROUTE_INCIDENT_PRIORITY_TASK]: (job) => routeIncidentPriority(deps, job) };
}

async function routeIncidentPriority(deps: PriorityRoutingDeps, job: Job): Promise<TaskResult> {
  const payload = job.payload as RoutingJobPayload;
  // A PagerDuty-side change routes the incident itself, once, whatever the number of its Cases: through its primary Case.
  const link = payload.source === 'case' ? await deps.links.byCase(payload.caseId) : await deps.links.primaryOfIncident(payload.incidentId);
  if (!link) return { skipped: payload.source === 'case' ? 'The Case has no linked incident' : 'The incident has no linked Case' };
  const linked = { incidentId: link.incidentId, incidentNumber: link.incidentNumber };
  const routing = await recentPriorityRouting(deps.db);
  let wantedPriority: string | undefined;
  if (payload.source === 'case') {
    if (routing.caseField?.toLowerCase() !== payload.caseField.toLowerCase()) {
      return { ...linked, skipped: `Priority routing no longer maps Case ${payload.caseField} (OBJECT MAPPINGS → Priority routing)` };
    }
    wantedPriority = mappedPriority(routing, { [routing.caseField]: payload.caseValue });
    if (!wantedPriority) {
      return { ...linked, skipped: `Case ${payload.caseField} "${payload.caseValue ?? ''}" maps to no PagerDuty priority: the incident is left alone` };
    }
  }

  const client = await deps.pagerduty.client();
  // Look before writing: a retry, a second delivery or a person who was faster finds nothing to do.
  const incident = await readIncident(client, link.incidentId);
  if (incident.status === 'resolved') return { ...linked, skipped: 'The incident is resolved: priority routing leaves it alone' };
  const priorityId = wantedPriority ?? incident.priority?.id ?? null;
  const policyId = routedPolicy(routing, incident.service.id, priorityId);
  const update: Record<string, unknown> = {};
  if (priorityId && priorityId !== incident.priority?.id) update.priority = { id: priorityId, type: 'priority_reference' };
  if (policyId && policyId !== incident.escalation_policy?.id) update.escalation_policy = { id: policyId, type: 'escalation_policy_reference' };
  if (Object.keys(update).length === 0) {
    const where = `${incident.service.summary ?? incident.service.id} at ${incident.priority?.summary ?? 'no priority'}`;
    return {
      ...linked,
      skipped: policyId
        ? `Already routed: ${where} is on ${incident.escalation_policy?.summary ?? policyId}`
        : `No active priority routing row for ${where}: the escalation policy is left alone`,
    };
  }
  const { body } = await client.request<{ incident: RoutedIncident }>('PUT', apiPath`/incidents/${link.incidentId}`, {
    body: { incident: { type: 'incident_reference', ...update } },
  });
  await deps.links.setIncidentStatus(link.incidentId, body.incident.status);
  return {
    ...linked,
    result: {
      incidentId: link.incidentId,
      ...(update.priority ? { priority: body.incident.priority?.summary ?? priorityId } : {}),
      ...(update.escalation_policy ? { escalationPolicy: body.incident.escalation_policy?.summary ?? policyId } : {}),
      note: describeChange(update, body.incident),
    },
  };
}

async function readIncident(client: PagerDutyClient, incidentId: string): Promise<RoutedIncident> {
  const { body } = await client.request<{ incident: RoutedIncident }>('GET', apiPath`/incidents/${incidentId}`);
  return body.incident;
}

function describeChange(update: Record<string, unknown>, incident: RoutedIncident): string {
  const parts: string[] = [];
  if (update.priority) parts.push(`priority set to ${incident.priority?.summary ?? incident.priority?.id ?? '?'}`);
  if (update.escalation_policy) parts.push(`reassigned to ${incident.escalation_policy?.summary ?? incident.escalation_policy?.id ?? '?'}`);
  else parts.push('escalation policy left alone (no active row for the new priority, or already on it)');
  return parts.join('; ');
}
