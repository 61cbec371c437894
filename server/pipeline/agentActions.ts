/**
 * What support agents do from the Command Console, carried out by the engine. The console's
 * request is recorded in the inbox as an event (source `agent`, kind `agent.<action>`, deduplicated
 * by the agent's idempotency key), processing turns it into one job in its Case's queue, and the
 * job makes the PagerDuty (and Salesforce) calls. So an agent's action gets what every change
 * gets: durability, retries within the rate budget, the echo guards, and a SYNC LOG row naming
 * the agent, the action, when, and how it ended.
 *
 * Attribution: PagerDuty's `From` is the agent's email when it is a PagerDuty user (looked up
 * once, then cached), else the integration user's, and then the text PagerDuty shows (the note,
 * the resolution note, the responder request, the incident's details) says "on behalf of <agent>".
 */
import { agentActionEventKind, agentActionLabels, agentActionTask, type AgentAction, type AgentActionRequests } from '../../contracts/agent';
import { PagerDutyApiError, apiPath, type PagerDutyClient } from '../vendors/pagerduty/client';
import type { PagerDutySession } from '../vendors/pagerduty/session';
import type { SalesforceWriter } from '../vendors/salesforce/batchingWriter';
import type { SalesforceSession } from '../vendors/salesforce/session';
import type { Db } from '../store/db';
import { recentObjectMapping } from '../store/objectMapping';
import { recentPriorityRouting, routedPolicy } from '../store/priorityRouting';
import { SYNC_TABLES } from '../store/tables';
import { ActionRejected } from './actionErrors';
import { findOrCreateIncident, writeIncidentFieldsToCase, type PdIncident } from './actions';
import type { InboundEvent } from './inbox';
import type { Job, NewJob } from './jobQueue';
import type { CaseIncidentLink, LinkStore } from './links';
import { sameTextKey, type OwnWrites } from './ownWrites';
import { routedPolicyForPriorityChange } from './priorityRouting';
import type { TaskHandler, TaskResult } from './worker';

export const AGENT_EVENT_PREFIX = 'agent.';
const AGENT_TASK_PREFIX = 'agent_';

/**
 * Attempts of an agent's job: enough to ride out a short outage or a rate-limit window (about
 * half a minute of backoff), not hours, so an action nobody waits for any more does not land
 * much later by surprise. A dead one is in SYNC LOG, retryable by the admin.
 */
const AGENT_JOB_ATTEMPTS = 5;

/** How long a PagerDuty user lookup by email is reused: agents act in bursts, accounts change rarely. */
const USER_LOOKUP_TTL_MS = 10 * 60_000;

export interface AgentIdentity {
  userId: string;
  orgId: string;
  name: string | null;
  email: string | null;
}

export interface AgentActionPayload<A extends AgentAction = AgentAction> {
  action: A;
  agent: AgentIdentity;
  caseId: string;
  /** The incident acted on (linked to the Case, checked by the endpoint); null to create one. */
  incidentId: string | null;
  request: AgentActionRequests[A];
  /** The inbox's dedup key, also the key the endpoint waits on. */
  sourceEventId: string;
}

/** One console request, once: the agent's org, user and idempotency key. */
export function agentSourceEventId(agent: Pick<AgentIdentity, 'orgId' | 'userId'>, idempotencyKey: string): string {
  return `agent:${agent.orgId}:${agent.userId}:${idempotencyKey}`;
}

export function isAgentActionTask(task: string): boolean {
  return task.startsWith(AGENT_TASK_PREFIX);
}

/** The inbox event of an agent's request. */
export function agentActionEvent(payload: AgentActionPayload, known: { caseNumber?: string | null; incidentNumber?: string | null } = {}): InboundEvent {
  return {
    source: 'agent',
    sourceEventId: payload.sourceEventId,
    kind: agentActionEventKind(payload.action),
    payload,
    caseId: payload.caseId,
    caseNumber: known.caseNumber ?? null,
    incidentId: payload.incidentId,
    incidentNumber: known.incidentNumber ?? null,
    occurredAt: new Date(),
  };
}

/** The job that carries out an agent's request, in its Case's queue. */
export function agentActionJob(eventId: number, payload: AgentActionPayload): { job: Omit<NewJob, 'eventId'>; label: string } {
  return {
    label: agentActionLabels[payload.action],
    job: {
      task: agentActionTask(payload.action),
      payload,
      key: `event:${eventId}:agent`,
      queueKey: `case:${payload.caseId}`,
      maxAttempts: AGENT_JOB_ATTEMPTS,
      caseId: payload.caseId,
      incidentId: payload.incidentId,
    },
  };
}

/** Where an agent's request stands, read from the store (a repeated request, or one another instance runs). */
export interface AgentActionState {
  jobId: number;
  state: string;
  result: unknown;
  lastError: string | null;
  errorHint: string | null;
  incidentNumber: string | null;
}

export async function agentActionState(db: Db, sourceEventId: string): Promise<AgentActionState | undefined> {
  const row = await db(`${SYNC_TABLES.jobs} as j`)
    .join(`${SYNC_TABLES.events} as e`, 'e.id', 'j.event_id')
    .where('e.source', 'agent')
    .andWhere('e.source_event_id', sourceEventId)
    .andWhere('j.task', 'like', `${AGENT_TASK_PREFIX}%`)
    .first<
      | { id: number | string; state: string; result: string | null; last_error: string | null; error_hint: string | null; incident_number: string | null }
      | undefined
    >('j.id', 'j.state', 'j.result', 'j.last_error', 'j.error_hint', 'j.incident_number');
  if (!row) return undefined;
  return {
    jobId: Number(row.id),
    state: row.state,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    lastError: row.last_error,
    errorHint: row.error_hint,
    incidentNumber: row.incident_number,
  };
}

export interface AgentActionDeps {
  db: Db;
  links: LinkStore;
  ownWrites: OwnWrites;
  pagerduty: PagerDutySession;
  salesforce: SalesforceSession;
  writer: SalesforceWriter;
}

/** Who PagerDuty is told acted, and the words that name the agent where it cannot be. */
interface Attribution {
  /** The `From` email: the agent's when a PagerDuty user, else undefined (the client's integration user). */
  from: string | undefined;
  /** The agent's PagerDuty user, when there is one (a responder request's requester). */
  pagerDutyUserId: string | null;
  /** Appended to text PagerDuty shows when `From` is the integration user; empty otherwise. */
  onBehalf: string;
  /** For SYNC LOG: who PagerDuty shows as having acted. */
  actedAs: string;
}

/**
 * The agents' PagerDuty users by email, looked up with `GET /users?query=` and cached (a miss
 * too), so a burst of actions costs one lookup per agent.
 */
class AgentAttribution {
  readonly #byEmail = new Map<string, { userId: string | null; expiresAt: number }>();

  constructor(private readonly pagerduty: PagerDutySession) {}

  async of(agent: AgentIdentity): Promise<Attribution> {
    const email = agent.email?.trim() ?? '';
    const userId = email ? await this.#userIdOf(email) : null;
    if (userId) return { from: email, pagerDutyUserId: userId, onBehalf: '', actedAs: email };
    const who = agent.name ?? (email || `Salesforce user ${agent.userId}`);
    return { from: undefined, pagerDutyUserId: null, onBehalf: `\n\n— on behalf of ${who} (Salesforce)`, actedAs: `the integration user, on behalf of ${who}` };
  }

  async #userIdOf(email: string): Promise<string | null> {
    const key = email.toLowerCase();
    const cached = this.#byEmail.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.userId;
    const client = await this.pagerduty.client();
    const { body } = await client.request<{ users: { id: string; email: string }[] }>('GET', '/users', { query: { query: email, limit: 100 } });
    const userId = body.users.find((user) => user.email.toLowerCase() === key)?.id ?? null;
    this.#byEmail.set(key, { userId, expiresAt: Date.now() + USER_LOOKUP_TTL_MS });
    return userId;
  }
}

const agentActionList = Object.keys(agentActionLabels) as AgentAction[];

export function agentActionHandlers(deps: AgentActionDeps): Record<string, TaskHandler> {
  const attribution = new AgentAttribution(deps.pagerduty);
  return Object.fromEntries(agentActionList.map((action) => [agentActionTask(action), (job: Job) => runAgentAction(deps, attribution, job)]));
}

async function runAgentAction(deps: AgentActionDeps, attribution: AgentAttribution, job: Job): Promise<TaskResult> {
  const payload = job.payload as AgentActionPayload;
  const who = await attribution.of(payload.agent);
  const agent = { agent: payload.agent.name, agentEmail: payload.agent.email, actedAs: who.actedAs };
  const outcome = await carryOut(deps, job, payload, who);
  return { ...outcome, result: { ...agent, ...(outcome.result as Record<string, unknown> | undefined) } };
}

async function carryOut(deps: AgentActionDeps, job: Job, payload: AgentActionPayload, who: Attribution): Promise<TaskResult> {
  switch (payload.action) {
    case 'createIncident':
      return createIncident(deps, job, payload as AgentActionPayload<'createIncident'>, who);
    case 'linkIncident':
      return linkIncident(deps, payload as AgentActionPayload<'linkIncident'>);
    case 'unlinkIncident':
      return unlinkIncident(deps, payload);
    default:
      return onLinkedIncident(deps, job, payload, who);
  }
}

async function createIncident(deps: AgentActionDeps, job: Job, payload: AgentActionPayload<'createIncident'>, who: Attribution): Promise<TaskResult> {
  const existing = await deps.links.byCase(payload.caseId);
  if (existing && existing.createdAt < job.createdAt) {
    return { skipped: `The Case is already linked to incident #${existing.incidentNumber ?? existing.incidentId}`, ...named(existing) };
  }
  let link = existing;
  if (!link) {
    const { request } = payload;
    const client = await deps.pagerduty.client();
    const policy = routedPolicy(await recentPriorityRouting(deps.db), request.serviceId, request.priorityId);
    const incident = await findOrCreateIncident(
      client,
      payload.caseId,
      {
        type: 'incident',
        title: request.title,
        service: { id: request.serviceId, type: 'service_reference' },
        // As the engine does: PagerDuty refuses a second open incident for the same Case.
        incident_key: payload.caseId,
        urgency: request.urgency,
        ...(request.priorityId ? { priority: { id: request.priorityId, type: 'priority_reference' } } : {}),
        ...(policy ? { escalation_policy: { id: policy, type: 'escalation_policy_reference' } } : {}),
        body: { type: 'incident_body', details: request.details + who.onBehalf },
      },
      who.from,
    );
    link = await deps.links.link(linkOf(payload.caseId, incident));
  }
  const mapping = await recentObjectMapping(deps.db);
  await writeIncidentFieldsToCase(deps, mapping, payload.caseId, {}, link.incidentNumber, link.incidentUrl);
  // Last, so a retry after any earlier failure asks the responders once the incident is settled.
  const { responderUserIds, responderEscalationPolicyIds } = payload.request;
  const responders =
    responderUserIds.length + responderEscalationPolicyIds.length > 0
      ? await addResponders(
          await deps.pagerduty.client(),
          link,
          { userIds: responderUserIds, escalationPolicyIds: responderEscalationPolicyIds, message: '' },
          who,
          deps,
        )
      : undefined;
  return {
    result: {
      incidentId: link.incidentId,
      incidentNumber: link.incidentNumber,
      url: link.incidentUrl,
      ...(responders ? { responders: responders.result } : {}),
    },
    ...named(link),
  };
}

function linkOf(caseId: string, incident: PdIncident): Omit<CaseIncidentLink, 'createdAt'> {
  return {
    caseId,
    caseNumber: null,
    incidentId: incident.id,
    incidentNumber: String(incident.incident_number),
    incidentUrl: incident.html_url,
    serviceId: incident.service.id,
    incidentStatus: incident.status,
  };
}

async function linkIncident(deps: AgentActionDeps, payload: AgentActionPayload<'linkIncident'>): Promise<TaskResult> {
  const { incidentId } = payload.request;
  const client = await deps.pagerduty.client();
  const incident = await readIncident(client, incidentId);
  // Joins the incident's other Cases, if it has any (many Cases, one incident); a Case keeps the
  // link it has, so linking it elsewhere means unlinking first.
  const link = await deps.links.link(linkOf(payload.caseId, incident));
  if (link.incidentId !== incident.id) {
    throw new ActionRejected(
      `This Case is already linked to incident #${link.incidentNumber ?? link.incidentId}`,
      'Unlink that incident in the console first, then link this one.',
    );
  }
  const mapping = await recentObjectMapping(deps.db);
  await writeIncidentFieldsToCase(deps, mapping, payload.caseId, {}, link.incidentNumber, link.incidentUrl);
  return { result: { incidentId: link.incidentId, incidentNumber: link.incidentNumber, url: link.incidentUrl }, ...named(link) };
}

async function readIncident(client: PagerDutyClient, incidentId: string): Promise<PdIncident> {
  try {
    const { body } = await client.request<{ incident: PdIncident }>('GET', apiPath`/incidents/${incidentId}`);
    return body.incident;
  } catch (error) {
    if (error instanceof PagerDutyApiError && error.status === 404) {
      throw new ActionRejected(`PagerDuty has no incident ${incidentId}`, 'Search again: the incident may have been merged or deleted.', { cause: error });
    }
    throw error;
  }
}

async function unlinkIncident(deps: AgentActionDeps, payload: AgentActionPayload): Promise<TaskResult> {
  const removed = await deps.links.unlink(payload.caseId);
  if (!removed) return { skipped: 'The Case has no linked incident' };
  return { result: { incidentId: removed.incidentId, incidentNumber: removed.incidentNumber, unlinked: true }, ...named(removed) };
}

/** The actions on the Case's linked incident; the endpoint checked the link, the job checks it again (an unlink may have come first). */
async function onLinkedIncident(deps: AgentActionDeps, job: Job, payload: AgentActionPayload, who: Attribution): Promise<TaskResult> {
  const link = await deps.links.byCase(payload.caseId);
  if (!link || link.incidentId !== payload.incidentId) return { skipped: `Incident ${payload.incidentId ?? ''} is no longer linked to this Case` };
  const client = await deps.pagerduty.client();
  const result = await actOnIncident(deps, job, client, link, payload, who);
  return { ...result, ...named(link) };
}

async function actOnIncident(
  deps: AgentActionDeps,
  job: Job,
  client: PagerDutyClient,
  link: CaseIncidentLink,
  payload: AgentActionPayload,
  who: Attribution,
): Promise<TaskResult> {
  const incidentPath = apiPath`/incidents/${link.incidentId}`;
  const put = async (change: Record<string, unknown>) => {
    const { body } = await client.request<{ incident: PdIncident }>('PUT', incidentPath, {
      body: { incident: { type: 'incident_reference', ...change } },
      ...(who.from ? { from: who.from } : {}),
    });
    await deps.links.setIncidentStatus(link.incidentId, body.incident.status);
    return body.incident;
  };
  switch (payload.action) {
    case 'addNote': {
      const { content } = (payload as AgentActionPayload<'addNote'>).request;
      await addNoteOnce(deps, job, client, link.incidentId, content + who.onBehalf, who.from);
      return { result: { note: content } };
    }
    case 'reassign': {
      const { userIds, escalationPolicyId } = (payload as AgentActionPayload<'reassign'>).request;
      await put(
        escalationPolicyId
          ? { escalation_policy: { id: escalationPolicyId, type: 'escalation_policy_reference' } }
          : { assignments: userIds.map((id) => ({ assignee: { id, type: 'user_reference' } })) },
      );
      return { result: escalationPolicyId ? { escalationPolicyIds: [escalationPolicyId] } : { userIds } };
    }
    case 'changePriority': {
      const { priorityId } = (payload as AgentActionPayload<'changePriority'>).request;
      // Priority routing rides along with the write that changes the priority, as for a rule's change.
      await put({ priority: { id: priorityId, type: 'priority_reference' }, ...(await routedPolicyForPriorityChange(deps.db, link, { priorityId })) });
      return { result: { priorityId } };
    }
    case 'changeUrgency': {
      const { urgency } = (payload as AgentActionPayload<'changeUrgency'>).request;
      await put({ urgency });
      return { result: { urgency } };
    }
    case 'addResponders':
      return addResponders(client, link, (payload as AgentActionPayload<'addResponders'>).request, who, deps);
    case 'postStatusUpdate': {
      // Customers read status updates: the message goes out as the agent wrote it (SYNC LOG names the agent).
      const { message } = (payload as AgentActionPayload<'postStatusUpdate'>).request;
      const { body } = await client.request<{ status_update: { id?: string } }>('POST', apiPath`/incidents/${link.incidentId}/status_updates`, {
        body: { message },
        ...(who.from ? { from: who.from } : {}),
      });
      return { result: { message, statusUpdateId: body.status_update.id ?? null } };
    }
    case 'startWorkflow': {
      const { workflowId } = (payload as AgentActionPayload<'startWorkflow'>).request;
      const { body } = await client.request<{ incident_workflow_instance: { id?: string } }>('POST', apiPath`/incident_workflows/${workflowId}/instances`, {
        body: { incident_workflow_instance: { incident: { id: link.incidentId, type: 'incident_reference' } } },
        ...(who.from ? { from: who.from } : {}),
      });
      return { result: { workflowId, workflowInstanceId: body.incident_workflow_instance.id ?? null } };
    }
    case 'resolve': {
      const { note } = (payload as AgentActionPayload<'resolve'>).request;
      try {
        const incident = await put({ status: 'resolved', resolution: note + who.onBehalf });
        return { result: { status: incident.status, resolution: note } };
      } catch (error) {
        if (error instanceof PagerDutyApiError && error.status === 400 && /resolved/i.test(`${error.message} ${error.errors.join(' ')}`)) {
          await deps.links.setIncidentStatus(link.incidentId, 'resolved');
          return { skipped: 'The incident is already resolved' };
        }
        throw error;
      }
    }
    default:
      throw new Error(`No executor for the agent action ${payload.action}`);
  }
}

/** A note, once: a retry first looks for the one an earlier attempt may have added; remembered before it is sent, so its echo is known. */
async function addNoteOnce(deps: AgentActionDeps, job: Job, client: PagerDutyClient, incidentId: string, content: string, from: string | undefined) {
  if (job.attempts > 1) {
    const { body } = await client.request<{ notes: { content: string }[] }>('GET', apiPath`/incidents/${incidentId}/notes`);
    if (body.notes.some((note) => sameTextKey(note.content) === sameTextKey(content))) return;
  }
  await deps.ownWrites.remember('incident_note', incidentId, content);
  await client.request('POST', apiPath`/incidents/${incidentId}/notes`, { body: { note: { content } }, ...(from ? { from } : {}) });
}

async function addResponders(
  client: PagerDutyClient,
  link: CaseIncidentLink,
  request: AgentActionRequests['addResponders'],
  who: Attribution,
  deps: AgentActionDeps,
): Promise<TaskResult> {
  const requesterId = who.pagerDutyUserId ?? (await deps.pagerduty.integrationUserId());
  if (!requesterId) {
    throw new ActionRejected(
      'PagerDuty sends responder requests in the name of a user, and neither you nor the integration user is a PagerDuty user',
      'Ask your PagerDuty integration admin to set a PagerDuty user as the integration user on CONNECTIONS.',
    );
  }
  const message = (request.message || `Please help with incident #${link.incidentNumber ?? link.incidentId}`) + who.onBehalf;
  const targets = [
    ...request.userIds.map((id) => ({ responder_request_target: { id, type: 'user_reference' } })),
    ...request.escalationPolicyIds.map((id) => ({ responder_request_target: { id, type: 'escalation_policy_reference' } })),
  ];
  const { body } = await client.request<{ responder_request: { id?: string } }>('POST', apiPath`/incidents/${link.incidentId}/responder_requests`, {
    body: { requester_id: requesterId, message, responder_request_targets: targets },
  });
  return { result: { userIds: request.userIds, escalationPolicyIds: request.escalationPolicyIds, responderRequestId: body.responder_request.id ?? null } };
}

function named(link: Pick<CaseIncidentLink, 'incidentId' | 'incidentNumber'>): Pick<TaskResult, 'incidentId' | 'incidentNumber'> {
  return { incidentId: link.incidentId, incidentNumber: link.incidentNumber };
}
