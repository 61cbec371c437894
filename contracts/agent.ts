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

/** The Canvas locations: each is one page Salesforce POSTs a signed request to. */
export const canvasLocations = ['console'] as const;
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
  getAgentCase: { method: 'GET', path: '/api/agent/case', access: 'agent', reply: typeOnly<AgentCaseReply>() },
} as const satisfies EndpointGroup;
