/**
 * Executors of the Case-rule actions that act on the linked incident beyond create/update/note:
 * escalate, snooze, resolve with a resolution note, add responders, publish a status update,
 * start an incident workflow, set the conference bridge. Each calls PagerDuty through the
 * session's client (limiter, retries, error mapping) and is safe to run again:
 * - PUTs of the same state (escalation level, resolution, bridge) and a snooze are naturally
 *   idempotent;
 * - responder requests: a retry reads the incident first and asks only targets not yet asked;
 * - status updates and workflow runs: PagerDuty's API cannot list them, so a retry looks for the
 *   webhook of the earlier attempt's write (`incident.status_update_published`,
 *   `incident.workflow.started`, which the subscription follows whenever a rule has these
 *   actions) received since the job was enqueued, and skips when it is there.
 */
import type { RenderedAction } from '../../rules';
import { PagerDutyApiError, apiPath } from '../vendors/pagerduty/client';
import type { PagerDutySession } from '../vendors/pagerduty/session';
import type { Db } from '../store/db';
import { parseStoredPayload } from '../store/payloadCodec';
import { SYNC_TABLES } from '../store/tables';
import { ActionRejected } from './actionErrors';
import type { Job } from './jobQueue';
import type { CaseIncidentLink, LinkStore } from './links';
import { jsonText } from './jsonText';
import { sameTextKey } from './ownWrites';
import type { TaskHandler, TaskResult } from './worker';

export interface IncidentActionDeps {
  db: Db;
  links: LinkStore;
  pagerduty: PagerDutySession;
}

type Action<T extends RenderedAction['type']> = Extract<RenderedAction, { type: T }>;
interface Payload<T extends RenderedAction['type']> {
  action: Action<T>;
  caseId: string;
}

const NO_LINKED_INCIDENT = 'The Case has no linked incident';

export function incidentActionHandlers(deps: IncidentActionDeps): Record<string, TaskHandler> {
  return {
    escalate_incident: (job) => onLinkedIncident(deps, job, (link) => escalate(deps, link, action(job, 'escalate_incident'))),
    snooze_incident: (job) => onLinkedIncident(deps, job, (link) => snooze(deps, link, action(job, 'snooze_incident'))),
    resolve_incident: (job) => onLinkedIncident(deps, job, (link) => resolve(deps, link, action(job, 'resolve_incident'))),
    add_responders: (job) => onLinkedIncident(deps, job, (link) => addResponders(deps, job, link, action(job, 'add_responders'))),
    publish_status_update: (job) => onLinkedIncident(deps, job, (link) => publishStatusUpdate(deps, job, link, action(job, 'publish_status_update'))),
    start_incident_workflow: (job) => onLinkedIncident(deps, job, (link) => startWorkflow(deps, job, link, action(job, 'start_incident_workflow'))),
    set_conference_bridge: (job) => onLinkedIncident(deps, job, (link) => setConferenceBridge(deps, link, action(job, 'set_conference_bridge'))),
  };
}

function action<T extends RenderedAction['type']>(job: Job, type: T): Action<T> {
  const payload = job.payload as Payload<T>;
  if (payload.action.type !== type) throw new Error(`A ${job.task} job carries a ${payload.action.type} action`);
  return payload.action;
}

/** Runs `act` on the Case's linked incident; the result names the incident for SYNC LOG. */
async function onLinkedIncident(
  deps: IncidentActionDeps,
  job: Job,
  act: (link: CaseIncidentLink) => Promise<{ result?: unknown; skipped?: string }>,
): Promise<TaskResult> {
  const link = await deps.links.byCase((job.payload as { caseId: string }).caseId);
  if (!link) return { skipped: NO_LINKED_INCIDENT };
  const outcome = await act(link);
  return { ...outcome, incidentId: link.incidentId, incidentNumber: link.incidentNumber };
}

interface PdIncident {
  id: string;
  status: string;
}

async function putIncident(deps: IncidentActionDeps, link: CaseIncidentLink, change: Record<string, unknown>): Promise<PdIncident> {
  const client = await deps.pagerduty.client();
  const { body } = await client.request<{ incident: PdIncident }>('PUT', apiPath`/incidents/${link.incidentId}`, {
    body: { incident: { type: 'incident_reference', ...change } },
  });
  return body.incident;
}

function isResolvedRefusal(error: unknown): boolean {
  return error instanceof PagerDutyApiError && error.status === 400 && /resolved/i.test(`${error.message} ${error.errors.join(' ')}`);
}

async function escalate(deps: IncidentActionDeps, link: CaseIncidentLink, act: Action<'escalate_incident'>) {
  try {
    await putIncident(deps, link, { escalation_level: act.level });
  } catch (error) {
    if (isResolvedRefusal(error)) return { skipped: 'The incident is resolved: there is nobody to escalate to' };
    if (error instanceof PagerDutyApiError && error.status === 400 && /level/i.test(`${error.message} ${error.errors.join(' ')}`)) {
      throw new ActionRejected(
        `PagerDuty refused escalation level ${act.level}: ${error.message}`,
        "The incident's escalation policy has fewer levels: choose a lower level in the rule.",
        { cause: error },
      );
    }
    throw error;
  }
  return { result: { incidentId: link.incidentId, escalationLevel: act.level } };
}

async function snooze(deps: IncidentActionDeps, link: CaseIncidentLink, act: Action<'snooze_incident'>) {
  const client = await deps.pagerduty.client();
  try {
    const { body } = await client.request<{ incident: PdIncident }>('POST', apiPath`/incidents/${link.incidentId}/snooze`, {
      body: { duration: act.durationMinutes * 60 },
    });
    return { result: { incidentId: link.incidentId, status: body.incident.status, snoozedForMinutes: act.durationMinutes } };
  } catch (error) {
    if (isResolvedRefusal(error)) return { skipped: 'The incident is resolved: there is nothing to snooze' };
    if (error instanceof PagerDutyApiError && error.status === 400 && /acknowledg/i.test(`${error.message} ${error.errors.join(' ')}`)) {
      throw new ActionRejected(
        `PagerDuty snoozes acknowledged incidents only: ${error.message}`,
        'Acknowledge the incident first: put an "Update the linked incident" action with status Acknowledged before the snooze in the rule.',
        { cause: error },
      );
    }
    throw error;
  }
}

async function resolve(deps: IncidentActionDeps, link: CaseIncidentLink, act: Action<'resolve_incident'>) {
  const resolution = act.resolution?.trim();
  try {
    const incident = await putIncident(deps, link, { status: 'resolved', ...(resolution ? { resolution } : {}) });
    await deps.links.setIncidentStatus(link.incidentId, incident.status);
    return { result: { incidentId: link.incidentId, status: incident.status, ...(resolution ? { resolution } : {}) } };
  } catch (error) {
    // Resolving what is already resolved (a retry, or a responder was faster) is done, not failed.
    if (!isResolvedRefusal(error)) throw error;
    await deps.links.setIncidentStatus(link.incidentId, 'resolved');
    return { result: { incidentId: link.incidentId, status: 'resolved', note: 'Already resolved' } };
  }
}

type TargetType = 'user_reference' | 'escalation_policy_reference';

interface IncidentResponders {
  incidents_responders?: { user?: { id?: string }; escalation_policy_requests?: { id?: string }[] }[];
  responder_requests?: { responder_request_targets?: ({ id?: string; responder_request_target?: { id?: string } } | null)[] }[];
}

/** Users and escalation policies already asked to respond on the incident. */
async function requestedTargets(deps: IncidentActionDeps, incidentId: string): Promise<Set<string>> {
  const client = await deps.pagerduty.client();
  const { body } = await client.request<{ incident: IncidentResponders }>('GET', apiPath`/incidents/${incidentId}`);
  const ids = new Set<string>();
  for (const responder of body.incident.incidents_responders ?? []) {
    if (responder.user?.id) ids.add(responder.user.id);
    for (const policy of responder.escalation_policy_requests ?? []) if (policy.id) ids.add(policy.id);
  }
  for (const request of body.incident.responder_requests ?? []) {
    for (const target of request.responder_request_targets ?? []) {
      // PagerDuty documents both the bare reference and one wrapped in `responder_request_target`.
      const id = target?.responder_request_target?.id ?? target?.id;
      if (id) ids.add(id);
    }
  }
  return ids;
}

async function addResponders(deps: IncidentActionDeps, job: Job, link: CaseIncidentLink, act: Action<'add_responders'>) {
  const requesterId = await deps.pagerduty.integrationUserId();
  if (!requesterId) {
    throw new ActionRejected(
      'PagerDuty sends responder requests in the name of a user, and the integration user email (From) is not a PagerDuty user',
      'Enter the email of a PagerDuty user as the integration user (From) on CONNECTIONS; then retry this item.',
    );
  }
  let targets: { id: string; type: TargetType }[] = [
    ...act.userIds.map((id) => ({ id, type: 'user_reference' as const })),
    ...act.escalationPolicyIds.map((id) => ({ id, type: 'escalation_policy_reference' as const })),
  ];
  if (job.attempts > 1) {
    const requested = await requestedTargets(deps, link.incidentId);
    targets = targets.filter((target) => !requested.has(target.id));
    if (targets.length === 0) return { skipped: 'An earlier attempt already asked every responder of this action' };
  }
  const message = act.message.trim() || `Please help with incident #${link.incidentNumber ?? link.incidentId}`;
  const client = await deps.pagerduty.client();
  try {
    const { body } = await client.request<{ responder_request: { id?: string } }>('POST', apiPath`/incidents/${link.incidentId}/responder_requests`, {
      body: {
        requester_id: requesterId,
        message,
        responder_request_targets: targets.map((target) => ({ responder_request_target: { id: target.id, type: target.type } })),
      },
    });
    return {
      result: {
        incidentId: link.incidentId,
        responderRequestId: body.responder_request.id ?? null,
        userIds: targets.filter((target) => target.type === 'user_reference').map((target) => target.id),
        escalationPolicyIds: targets.filter((target) => target.type === 'escalation_policy_reference').map((target) => target.id),
      },
    };
  } catch (error) {
    if (error instanceof PagerDutyApiError && (error.status === 400 || error.status === 404)) {
      throw new ActionRejected(
        `PagerDuty refused the responder request: ${error.message}${error.errors.length ? ` — ${error.errors.join('; ')}` : ''}`,
        `Check the rule's responders (users ${act.userIds.join(', ') || 'none'}; escalation policies ${act.escalationPolicyIds.join(', ') || 'none'}): one no longer exists in PagerDuty. Pick them again in the rule, then retry this item.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Whether a webhook of `eventType` on the incident, received since the job was enqueued, shows
 * the write an earlier attempt made (`matches` reads the webhook's `data`).
 */
async function earlierAttemptWrote(
  deps: IncidentActionDeps,
  job: Job,
  incidentId: string,
  eventType: string,
  matches: (data: Record<string, unknown>) => boolean,
): Promise<boolean> {
  const rows: { payload: unknown; received_at: Date | string | number }[] = await deps
    .db(SYNC_TABLES.events)
    .where('kind', eventType)
    .andWhere('incident_id', incidentId)
    .orderBy('id', 'desc')
    .limit(100)
    .select('payload', 'received_at');
  return rows.some((row) => {
    if (new Date(row.received_at).getTime() < job.createdAt.getTime()) return false;
    const event = parseStoredPayload(row.payload) as { data?: Record<string, unknown> };
    return event.data !== undefined && matches(event.data);
  });
}

async function publishStatusUpdate(deps: IncidentActionDeps, job: Job, link: CaseIncidentLink, act: Action<'publish_status_update'>) {
  const message = act.message.trim();
  if (message === '') return { skipped: 'The status update rendered empty: nothing to publish' };
  if (
    job.attempts > 1 &&
    (await earlierAttemptWrote(
      deps,
      job,
      link.incidentId,
      'incident.status_update_published',
      (data) => sameTextKey(jsonText(data.message)) === sameTextKey(message),
    ))
  ) {
    return { skipped: 'An earlier attempt already published this status update' };
  }
  const client = await deps.pagerduty.client();
  const { body } = await client.request<{ status_update: { id?: string } }>('POST', apiPath`/incidents/${link.incidentId}/status_updates`, {
    body: { message },
  });
  return { result: { incidentId: link.incidentId, statusUpdateId: body.status_update.id ?? null, message } };
}

async function startWorkflow(deps: IncidentActionDeps, job: Job, link: CaseIncidentLink, act: Action<'start_incident_workflow'>) {
  if (
    job.attempts > 1 &&
    (await earlierAttemptWrote(
      deps,
      job,
      link.incidentId,
      'incident.workflow.started',
      (data) => (data.incident_workflow as { id?: string } | undefined)?.id === act.workflowId,
    ))
  ) {
    return { skipped: 'An earlier attempt already started this workflow' };
  }
  const client = await deps.pagerduty.client();
  try {
    const { body } = await client.request<{ incident_workflow_instance: { id?: string } }>('POST', apiPath`/incident_workflows/${act.workflowId}/instances`, {
      body: { incident_workflow_instance: { incident: { id: link.incidentId, type: 'incident_reference' } } },
    });
    return { result: { incidentId: link.incidentId, workflowId: act.workflowId, workflowInstanceId: body.incident_workflow_instance.id ?? null } };
  } catch (error) {
    if (error instanceof PagerDutyApiError && error.status === 404) {
      throw new ActionRejected(
        `PagerDuty has no incident workflow ${act.workflowId}: ${error.message}`,
        'The workflow was deleted or the id is wrong: choose an existing workflow in the rule, then retry this item.',
        { cause: error },
      );
    }
    throw error;
  }
}

async function setConferenceBridge(deps: IncidentActionDeps, link: CaseIncidentLink, act: Action<'set_conference_bridge'>) {
  const bridge = {
    ...(act.conferenceNumber?.trim() ? { conference_number: act.conferenceNumber.trim() } : {}),
    ...(act.conferenceUrl?.trim() ? { conference_url: act.conferenceUrl.trim() } : {}),
  };
  if (Object.keys(bridge).length === 0) return { skipped: 'The conference number and URL rendered empty: nothing to set' };
  await putIncident(deps, link, { conference_bridge: bridge });
  return { result: { incidentId: link.incidentId, conferenceNumber: bridge.conference_number ?? null, conferenceUrl: bridge.conference_url ?? null } };
}
