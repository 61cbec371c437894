/**
 * The agents' side: the Salesforce Canvas app's settings (set by the admin on CONNECTIONS), the
 * Canvas pages Salesforce POSTs its signed request to, and the agent API the console calls with its
 * agent token (`agent` access, see endpoint.ts).
 */
import { z } from 'zod';
import { typeOnly, type EndpointGroup } from './endpoint';
import type { SecretState } from './api';

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

export interface CanvasConnectionView {
  configured: boolean;
  consumerSecret: SecretState;
  allowedOrgIds: string[];
  frameAncestors: string[];
  allowedProfileIds: string[];
  agentActions: AgentAction[];
  updatedAt: string | null;
}

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

export interface AgentCase {
  id: string;
  number: string | null;
  subject: string | null;
  status: string | null;
  priority: string | null;
}

export interface AgentIncident {
  id: string;
  number: number | null;
  title: string;
  status: string;
  urgency: string | null;
  priority: string | null;
  service: string | null;
  assignees: string[];
  escalationPolicy: string | null;
  createdAt: string | null;
  acknowledgedAt: string | null;
  url: string | null;
}

/** The Case the console was opened on, and its linked incidents (none, or the one the sync links). */
export interface AgentCaseReply {
  agent: { name: string | null; email: string | null };
  case: AgentCase;
  incidents: AgentIncident[];
}

/** One entry of an incident's live timeline, newest first: a log entry, a note or a status update. */
export interface AgentTimelineEntry {
  /** Unique within the timeline: the kind and PagerDuty's id (or the inbox event's, for a status update). */
  id: string;
  kind: 'log_entry' | 'note' | 'status_update';
  /** PagerDuty's log entry type (`acknowledge_log_entry`…), for a log entry. */
  type: string | null;
  at: string;
  /** What happened, in PagerDuty's words: the log entry's summary, the note's or the update's text. */
  text: string;
  /** Who did it (a user or the service), when PagerDuty says. */
  by: string | null;
}

export interface AgentIncidentTimeline {
  incidentId: string;
  entries: AgentTimelineEntry[];
}

/** The timelines of the Case's linked incidents. */
export interface AgentTimelineReply {
  timelines: AgentIncidentTimeline[];
}

/** The event the Case's stream sends when its incidents (or its links) may have changed. */
export const AGENT_CASE_CHANGED_EVENT = 'changed';

/** A fresh agent token, answered to a refreshed signed request (the Canvas SDK's refresh pattern). */
export interface AgentTokenReply {
  token: string;
  /** Epoch milliseconds; the page renews before it. */
  expiresAt: number;
}

/**
 * The Canvas locations: each is one page Salesforce POSTs a signed request to. `console` sits on
 * the Case record page (its token names the Case); `dashboard` is the Status Dashboard in a tab or
 * the utility bar (its token names no record).
 */
export const canvasLocations = ['console', 'dashboard'] as const;
export type CanvasLocation = (typeof canvasLocations)[number];

export const agentEndpoints = {
  getCanvasConnection: { method: 'GET', path: '/api/connections/canvas', access: 'admin', reply: typeOnly<CanvasConnectionView>() },
  updateCanvasConnection: {
    method: 'PUT',
    path: '/api/connections/canvas',
    access: 'admin',
    body: updateCanvasConnectionRequest,
    reply: typeOnly<CanvasConnectionView>(),
  },
  /** The Command Console's canvas URL: Salesforce POSTs `signed_request` (form-encoded); answers an HTML page. */
  openCanvasConsole: { method: 'POST', path: '/canvas/console', access: 'canvasSignedRequest' },
  /** The Status Dashboard's canvas URL (Canvas tab or utility bar); same verification, a token without a record. */
  openCanvasDashboard: { method: 'POST', path: '/canvas/dashboard', access: 'canvasSignedRequest' },
  /**
   * The token renewal of an open Canvas page: the page POSTs the signed request the Canvas SDK's
   * refreshSignedRequest (or a repost) gave it, verified exactly like the page's, and gets JSON.
   */
  refreshAgentToken: { method: 'POST', path: '/canvas/token', access: 'canvasSignedRequest', reply: typeOnly<AgentTokenReply>() },
  getAgentCase: { method: 'GET', path: '/api/agent/case', access: 'agent', reply: typeOnly<AgentCaseReply>() },
  /** The live timeline of each linked incident: log entries, notes and status updates, newest first. */
  getAgentCaseTimeline: { method: 'GET', path: '/api/agent/case/timeline', access: 'agent', reply: typeOnly<AgentTimelineReply>() },
  /**
   * text/event-stream: `changed` (data `{"incidentIds": [...]}`, the Case's incidents concerned) when an
   * event of one of THIS Case's incidents (or of the Case, its link) reaches the engine; coalesced, heartbeat.
   */
  streamAgentCase: { method: 'GET', path: '/api/agent/case/events', access: 'agent' },
} as const satisfies EndpointGroup;
