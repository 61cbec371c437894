import type { AgentAction, AgentActionsReply } from '../../../contracts/agent';
import type { ApiError } from '../../api/apiError';
import type { IncidentActionName } from '../api/agentApi';

/**
 * Pure helpers of the console's action forms (no DOM, no HTTP): which actions to offer, the
 * labels of the incident action menu, form values → request bodies, and the idempotency key's life.
 */

/** The incident action menu, in the order an agent reaches for them. */
export const INCIDENT_ACTION_LABELS: Record<IncidentActionName, string> = {
  addNote: 'Add a note',
  postStatusUpdate: 'Post a status update',
  reassign: 'Reassign',
  changePriority: 'Change priority',
  changeUrgency: 'Change urgency',
  addResponders: 'Add responders',
  startWorkflow: 'Start a workflow',
  resolve: 'Resolve with a note',
  unlinkIncident: 'Unlink from this Case',
};

/** The incident actions the admin allows, in menu order. */
export function allowedIncidentActions(allowed: readonly AgentAction[]): IncidentActionName[] {
  return (Object.keys(INCIDENT_ACTION_LABELS) as IncidentActionName[]).filter((action) => allowed.includes(action));
}

/** A fresh idempotency key: one per submitted form, so a double click or a resend acts once. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Whether a failed submission keeps its key for the next try: yes when the request may have been
 * carried out or is still being (no answer reached the page; the server kept it and retries, 502),
 * so sending again cannot act twice; no when the server refused it (4xx): the agent changes the
 * form and sends a new request.
 */
export function keepsKeyAfter(error: ApiError): boolean {
  return error.status === 0 || error.status >= 500;
}

/** A choice list entry `user:ID` / `policy:ID`, for the menus that offer users and escalation policies together. */
export type AssigneeValue = `user:${string}` | `policy:${string}`;

export function assigneeTarget(value: string): { userIds: string[]; escalationPolicyIds: string[] } {
  const [kind, id = ''] = value.split(':');
  return kind === 'policy' ? { userIds: [], escalationPolicyIds: [id] } : { userIds: id ? [id] : [], escalationPolicyIds: [] };
}

/** The body of an incident action from its form's values (FormData entries as strings). */
export function incidentActionBody(action: IncidentActionName, values: Record<string, string>): unknown {
  switch (action) {
    case 'addNote':
      return { content: values.content ?? '' };
    case 'postStatusUpdate':
      return { message: values.message ?? '' };
    case 'reassign': {
      const target = assigneeTarget(values.assignee ?? '');
      return { userIds: target.userIds, escalationPolicyId: target.escalationPolicyIds[0] ?? null };
    }
    case 'changePriority':
      return { priorityId: values.priorityId ?? '' };
    case 'changeUrgency':
      return { urgency: values.urgency ?? '' };
    case 'addResponders':
      return { ...assigneeTarget(values.responder ?? ''), message: values.message ?? '' };
    case 'startWorkflow':
      return { workflowId: values.workflowId ?? '' };
    case 'resolve':
      return { note: values.note ?? '' };
    case 'unlinkIncident':
      return undefined;
  }
}

/** The create form's body: the prefill as the agent edited it; "no priority" is null. */
export function createIncidentBody(values: Record<string, string>): unknown {
  return {
    serviceId: values.serviceId ?? '',
    title: values.title ?? '',
    details: values.details ?? '',
    urgency: values.urgency ?? 'high',
    priorityId: values.priorityId ? values.priorityId : null,
    ...responderFields(values.responder ?? ''),
  };
}

/** The create form's optional responder (a user or an escalation policy), as the request names it. */
function responderFields(value: string): { responderUserIds: string[]; responderEscalationPolicyIds: string[] } {
  const { userIds, escalationPolicyIds } = value ? assigneeTarget(value) : { userIds: [], escalationPolicyIds: [] };
  return { responderUserIds: userIds, responderEscalationPolicyIds: escalationPolicyIds };
}

/** Which lists an account has: an empty list hides its action rather than offering an empty menu. */
export function actionHasChoices(action: IncidentActionName, choices: Pick<AgentActionsReply, 'priorities' | 'workflows'>): boolean {
  if (action === 'changePriority') return choices.priorities.length > 0;
  if (action === 'startWorkflow') return choices.workflows.length > 0;
  return true;
}
