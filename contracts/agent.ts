/**
 * The agents' side: the Salesforce Canvas app's settings (set by the admin on CONNECTIONS), the
 * Canvas pages Salesforce POSTs its signed request to, and the agent API the console calls with its
 * agent token (`agent` access, see endpoint.ts).
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';
import { secretStateSchema } from './secretState';

/** What the admin may let agents do from the console; each action endpoint checks its own. */
export const agentActions = [
  'createIncident',
  'linkIncident',
  'unlinkIncident',
  'addNote',
  'reassign',
  'changePriority',
  'changeUrgency',
  'addResponders',
  'postStatusUpdate',
  'startWorkflow',
  'resolve',
] as const;
export type AgentAction = (typeof agentActions)[number];

export const canvasConnectionViewSchema = z
  .strictObject({
    configured: z.boolean(),
    consumerSecret: secretStateSchema,
    allowedOrgIds: z.array(z.string()),
    frameAncestors: z.array(z.string()),
    allowedProfileIds: z.array(z.string()),
    agentActions: z.array(z.enum(agentActions)),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'CanvasConnectionView' });
export type CanvasConnectionView = z.infer<typeof canvasConnectionViewSchema>;

const salesforceId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/, 'Enter a Salesforce id of 15 or 18 letters and digits');
const httpsOrigin = z
  .string()
  .trim()
  .regex(/^https:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/, 'Enter an https origin, e.g. https://acme.lightning.force.com (no path)');

export const updateCanvasConnectionRequest = z
  .object({
    consumerSecret: z.string().trim().min(1, 'Enter the consumer secret of the connected app').max(500).optional(),
    allowedOrgIds: z.array(salesforceId).max(50).optional(),
    frameAncestors: z.array(httpsOrigin).max(50).optional(),
    allowedProfileIds: z.array(salesforceId).max(200).optional(),
    agentActions: z.array(z.enum(agentActions)).optional(),
  })
  .strict();
export type UpdateCanvasConnectionRequest = z.infer<typeof updateCanvasConnectionRequest>;

export const agentCaseSchema = z
  .strictObject({
    id: z.string(),
    number: z.string().nullable(),
    subject: z.string().nullable(),
    status: z.string().nullable(),
    priority: z.string().nullable(),
  })
  .meta({ id: 'AgentCase' });
export type AgentCase = z.infer<typeof agentCaseSchema>;

export const agentIncidentSchema = z
  .strictObject({
    id: z.string(),
    number: z.number().int().nullable(),
    title: z.string(),
    status: z.string(),
    urgency: z.string().nullable(),
    priority: z.string().nullable(),
    service: z.string().nullable(),
    assignees: z.array(z.string()),
    escalationPolicy: z.string().nullable(),
    /**
     * The level of the escalation policy the incident sits on (1-based), told from who is on call
     * at each level (PagerDuty's incident has no level field); null when it cannot be told for sure.
     */
    escalationLevel: z.number().int().min(1).nullable(),
    createdAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    url: z.string().nullable(),
    /** How many other Cases link to this incident (many customers reporting one outage). */
    otherLinkedCases: z.number().int().min(0),
  })
  .meta({ id: 'AgentIncident' });
export type AgentIncident = z.infer<typeof agentIncidentSchema>;

/** The Case the console was opened on, and its linked incidents (none, or the one the sync links). */
export const agentCaseReplySchema = z
  .strictObject({
    agent: z.strictObject({ name: z.string().nullable(), email: z.string().nullable() }),
    case: agentCaseSchema,
    incidents: z.array(agentIncidentSchema),
  })
  .meta({ id: 'AgentCaseReply' });
export type AgentCaseReply = z.infer<typeof agentCaseReplySchema>;

/** The console's words for each action: what the admin allows on CONNECTIONS and what refusals name. */
export const agentActionLabels: Record<AgentAction, string> = {
  createIncident: 'create an incident',
  linkIncident: 'link the Case to an incident',
  unlinkIncident: 'unlink an incident',
  addNote: 'add a note',
  reassign: 'reassign an incident',
  changePriority: 'change the priority',
  changeUrgency: 'change the urgency',
  addResponders: 'add responders',
  postStatusUpdate: 'post a status update',
  startWorkflow: 'start an incident workflow',
  resolve: 'resolve an incident',
};

/** The inbox event kind of an agent's action (SYNC LOG shows it): `agent.addNote`. */
export function agentActionEventKind(action: AgentAction): string {
  return `agent.${action}`;
}

/** The engine's task that carries an agent's action out: `addNote` → `agent_add_note`, so SYNC LOG and metrics tell them apart. */
export function agentActionTask(action: AgentAction): string {
  return `agent_${action.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
}

/**
 * Every agent action carries this header: a key the console makes once per submitted form, so a
 * double click or a retry of the same request acts once (the inbox drops the second).
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const idempotencyKey = z
  .string({ error: `Send an ${IDEMPOTENCY_KEY_HEADER} header (8 to 100 letters, digits, - or _), one per action` })
  .regex(/^[A-Za-z0-9_-]{8,100}$/, `Send an ${IDEMPOTENCY_KEY_HEADER} header (8 to 100 letters, digits, - or _), one per action`);

/** PagerDuty ids reach REST paths: letters and digits only, as PagerDuty makes them. */
const pagerDutyId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,30}$/, 'Choose one from the list (a PagerDuty id)');
const urgency = z.enum(['high', 'low'], { error: 'Urgency is high or low' });
const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Keep ${what} under ${max} characters`);

export const incidentIdParams = z.object({ incidentId: pagerDutyId }).strict();

export const createIncidentRequest = z
  .object({
    serviceId: pagerDutyId,
    title: requiredText('a title', 1024),
    details: z.string().max(20_000, 'Keep the details under 20,000 characters').default(''),
    urgency,
    priorityId: pagerDutyId.nullable().default(null),
    /** Optional responders asked to help as soon as the incident exists. */
    responderUserIds: z.array(pagerDutyId).max(10).default([]),
    responderEscalationPolicyIds: z.array(pagerDutyId).max(10).default([]),
  })
  .strict();
export type CreateIncidentRequest = z.input<typeof createIncidentRequest>;

export const linkIncidentRequest = z.object({ incidentId: pagerDutyId }).strict();
export const addNoteRequest = z.object({ content: requiredText('the note', 25_000) }).strict();
export const reassignRequest = z
  .object({
    userIds: z.array(pagerDutyId).max(10).default([]),
    escalationPolicyId: pagerDutyId.nullable().default(null),
  })
  .strict()
  .refine((value) => value.userIds.length > 0 !== (value.escalationPolicyId !== null), {
    error: 'Reassign to users or to an escalation policy: choose one of them',
  });
export const changePriorityRequest = z.object({ priorityId: pagerDutyId }).strict();
export const changeUrgencyRequest = z.object({ urgency }).strict();
export const addRespondersRequest = z
  .object({
    userIds: z.array(pagerDutyId).max(10).default([]),
    escalationPolicyIds: z.array(pagerDutyId).max(10).default([]),
    message: z.string().trim().max(1000).default(''),
  })
  .strict()
  .refine((value) => value.userIds.length + value.escalationPolicyIds.length > 0, { error: 'Choose at least one user or escalation policy' });
export const postStatusUpdateRequest = z.object({ message: requiredText('the status update', 5_000) }).strict();
export const startWorkflowRequest = z.object({ workflowId: pagerDutyId }).strict();
export const resolveRequest = z.object({ note: requiredText('a resolution note', 5_000) }).strict();
export const searchIncidentsQuery = z.object({ q: requiredText('a number or words of the title', 200) }).strict();

/** The request each action carries, as the engine receives it. */
export interface AgentActionRequests {
  createIncident: z.output<typeof createIncidentRequest>;
  linkIncident: z.output<typeof linkIncidentRequest>;
  unlinkIncident: Record<string, never>;
  addNote: z.output<typeof addNoteRequest>;
  reassign: z.output<typeof reassignRequest>;
  changePriority: z.output<typeof changePriorityRequest>;
  changeUrgency: z.output<typeof changeUrgencyRequest>;
  addResponders: z.output<typeof addRespondersRequest>;
  postStatusUpdate: z.output<typeof postStatusUpdateRequest>;
  startWorkflow: z.output<typeof startWorkflowRequest>;
  resolve: z.output<typeof resolveRequest>;
}

/**
 * An action's outcome: `done` (carried out, `result` says what), `skipped` (nothing to do, the
 * message says why) or `queued` (202: stored and carried out as soon as PagerDuty answers).
 */
export const agentActionReplySchema = z
  .strictObject({
    status: z.enum(['done', 'skipped', 'queued']),
    message: z.string(),
    result: z.unknown(),
  })
  .meta({ id: 'AgentActionReply' });
export type AgentActionReply = z.infer<typeof agentActionReplySchema>;

export const agentChoiceSchema = z.strictObject({ id: z.string(), name: z.string() }).meta({ id: 'AgentChoice' });
export type AgentChoice = z.infer<typeof agentChoiceSchema>;

/** What the console's forms offer: the actions the admin allows, the create form prefilled, and PagerDuty's lists. */
export const agentActionsReplySchema = z
  .strictObject({
    allowedActions: z.array(z.enum(agentActions)),
    /** The create form as the object mapping fills it from this Case. */
    prefill: z.strictObject({
      serviceId: z.string().nullable(),
      title: z.string(),
      details: z.string(),
      urgency: z.enum(['high', 'low']),
      priorityId: z.string().nullable(),
    }),
    services: z.array(agentChoiceSchema),
    priorities: z.array(agentChoiceSchema),
    escalationPolicies: z.array(agentChoiceSchema),
    users: z.array(agentChoiceSchema),
    workflows: z.array(agentChoiceSchema),
  })
  .meta({ id: 'AgentActionsReply' });
export type AgentActionsReply = z.infer<typeof agentActionsReplySchema>;

export const agentIncidentMatchSchema = z
  .strictObject({
    id: z.string(),
    number: z.number().int().nullable(),
    title: z.string(),
    status: z.string(),
    service: z.string().nullable(),
    url: z.string().nullable(),
  })
  .meta({ id: 'AgentIncidentMatch' });
export type AgentIncidentMatch = z.infer<typeof agentIncidentMatchSchema>;

export const searchIncidentsReplySchema = z.strictObject({ incidents: z.array(agentIncidentMatchSchema) }).meta({ id: 'SearchIncidentsReply' });
export type SearchIncidentsReply = z.infer<typeof searchIncidentsReplySchema>;

/** One entry of an incident's live timeline, newest first: a log entry, a note or a status update. */
export const agentTimelineEntrySchema = z
  .strictObject({
    /** Unique within the timeline: the kind and PagerDuty's id (or the inbox event's, for a status update). */
    id: z.string(),
    kind: z.enum(['log_entry', 'note', 'status_update']),
    /** PagerDuty's log entry type (`acknowledge_log_entry`…), for a log entry. */
    type: z.string().nullable(),
    at: z.string(),
    /** What happened, in PagerDuty's words: the log entry's summary, the note's or the update's text. */
    text: z.string(),
    /** Who did it (a user or the service), when PagerDuty says. */
    by: z.string().nullable(),
  })
  .meta({ id: 'AgentTimelineEntry' });
export type AgentTimelineEntry = z.infer<typeof agentTimelineEntrySchema>;

export const agentIncidentTimelineSchema = z
  .strictObject({ incidentId: z.string(), entries: z.array(agentTimelineEntrySchema) })
  .meta({ id: 'AgentIncidentTimeline' });
export type AgentIncidentTimeline = z.infer<typeof agentIncidentTimelineSchema>;

/** The timelines of the Case's linked incidents. */
export const agentTimelineReplySchema = z.strictObject({ timelines: z.array(agentIncidentTimelineSchema) }).meta({ id: 'AgentTimelineReply' });
export type AgentTimelineReply = z.infer<typeof agentTimelineReplySchema>;

/** The event the Case's stream sends when its incidents (or its links) may have changed. */
export const AGENT_CASE_CHANGED_EVENT = 'changed';

/** A fresh agent token, answered to a refreshed signed request (the Canvas SDK's refresh pattern). */
export const agentTokenReplySchema = z
  .strictObject({
    token: z.string(),
    /** Epoch milliseconds; the page renews before it. */
    expiresAt: z.number().int(),
  })
  .meta({ id: 'AgentTokenReply' });
export type AgentTokenReply = z.infer<typeof agentTokenReplySchema>;

/**
 * The Canvas locations: each is one page Salesforce POSTs a signed request to. `console` sits on
 * the Case record page (its token names the Case); `dashboard` is the Status Dashboard in a tab or
 * the utility bar (its token names no record).
 */
export const canvasLocations = ['console', 'dashboard'] as const;
export type CanvasLocation = (typeof canvasLocations)[number];

export const agentEndpoints = {
  getCanvasConnection: { method: 'GET', path: '/api/connections/canvas', access: 'admin', reply: canvasConnectionViewSchema },
  updateCanvasConnection: {
    method: 'PUT',
    path: '/api/connections/canvas',
    access: 'admin',
    body: updateCanvasConnectionRequest,
    reply: canvasConnectionViewSchema,
  },
  /** The Command Console's canvas URL: Salesforce POSTs `signed_request` (form-encoded); answers an HTML page. */
  openCanvasConsole: { method: 'POST', path: '/canvas/console', access: 'canvasSignedRequest', mediaType: 'text/html' },
  /** The Status Dashboard's canvas URL (Canvas tab or utility bar); same verification, a token without a record. */
  openCanvasDashboard: { method: 'POST', path: '/canvas/dashboard', access: 'canvasSignedRequest', mediaType: 'text/html' },
  /**
   * The token renewal of an open Canvas page: the page POSTs the signed request the Canvas SDK's
   * refreshSignedRequest (or a repost) gave it, verified exactly like the page's, and gets JSON.
   */
  refreshAgentToken: { method: 'POST', path: '/canvas/token', access: 'canvasSignedRequest', reply: agentTokenReplySchema },
  getAgentCase: { method: 'GET', path: '/api/agent/case', access: 'agent', reply: agentCaseReplySchema },
  getAgentActions: { method: 'GET', path: '/api/agent/actions', access: 'agent', reply: agentActionsReplySchema },
  searchAgentIncidents: {
    method: 'GET',
    path: '/api/agent/incidents/search',
    access: 'agent',
    query: searchIncidentsQuery,
    reply: searchIncidentsReplySchema,
  },
  createAgentIncident: {
    method: 'POST',
    path: '/api/agent/incidents',
    access: 'agent',
    body: createIncidentRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  linkAgentIncident: {
    method: 'POST',
    path: '/api/agent/links',
    access: 'agent',
    body: linkIncidentRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  unlinkAgentIncident: {
    method: 'DELETE',
    path: '/api/agent/incidents/:incidentId/link',
    access: 'agent',
    params: incidentIdParams,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  addAgentNote: {
    method: 'POST',
    path: '/api/agent/incidents/:incidentId/notes',
    access: 'agent',
    params: incidentIdParams,
    body: addNoteRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  reassignAgentIncident: {
    method: 'POST',
    path: '/api/agent/incidents/:incidentId/reassign',
    access: 'agent',
    params: incidentIdParams,
    body: reassignRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  changeAgentPriority: {
    method: 'POST',
    path: '/api/agent/incidents/:incidentId/priority',
    access: 'agent',
    params: incidentIdParams,
    body: changePriorityRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  changeAgentUrgency: {
    method: 'POST',
    path: '/api/agent/incidents/:incidentId/urgency',
    access: 'agent',
    params: incidentIdParams,
    body: changeUrgencyRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  addAgentResponders: {
    method: 'POST',
    path: '/api/agent/incidents/:incidentId/responders',
    access: 'agent',
    params: incidentIdParams,
    body: addRespondersRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  postAgentStatusUpdate: {
    method: 'POST',
    path: '/api/agent/incidents/:incidentId/status-updates',
    access: 'agent',
    params: incidentIdParams,
    body: postStatusUpdateRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  startAgentWorkflow: {
    method: 'POST',
    path: '/api/agent/incidents/:incidentId/workflows',
    access: 'agent',
    params: incidentIdParams,
    body: startWorkflowRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  resolveAgentIncident: {
    method: 'POST',
    path: '/api/agent/incidents/:incidentId/resolve',
    access: 'agent',
    params: incidentIdParams,
    body: resolveRequest,
    reply: agentActionReplySchema,
    alsoReplyStatuses: [202],
  },
  /** The live timeline of each linked incident: log entries, notes and status updates, newest first. */
  getAgentCaseTimeline: { method: 'GET', path: '/api/agent/case/timeline', access: 'agent', reply: agentTimelineReplySchema },
  /**
   * text/event-stream: `changed` (data `{"incidentIds": [...]}`, the Case's incidents concerned) when an
   * event of one of THIS Case's incidents (or of the Case, its link) reaches the engine; coalesced, heartbeat.
   */
  streamAgentCase: { method: 'GET', path: '/api/agent/case/events', access: 'agent', mediaType: 'text/event-stream' },
} as const satisfies EndpointGroup;
