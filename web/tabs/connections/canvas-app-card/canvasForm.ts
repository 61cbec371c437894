import { agentActions, type AgentAction, type CanvasConnectionView, type UpdateCanvasConnectionRequest } from '../../../../contracts/agent';

/** What the admin is typing on the Canvas app card: lists one per line, the secret empty unless a new one is typed. */
export interface CanvasDraft {
  consumerSecret: string;
  allowedOrgIds: string;
  frameAncestors: string;
  allowedProfileIds: string;
  agentActions: AgentAction[];
}

export const CANVAS_FIELD_LABELS: Readonly<Record<keyof CanvasDraft, string>> = {
  consumerSecret: 'Consumer secret',
  allowedOrgIds: 'Allowed Salesforce org ids',
  frameAncestors: 'Salesforce domains that may frame the console',
  allowedProfileIds: 'Salesforce profiles that may use the console',
  agentActions: 'Actions agents may take',
};

export const AGENT_ACTION_LABELS: Readonly<Record<AgentAction, string>> = {
  createIncident: 'Create an incident',
  linkIncident: 'Link to an existing incident',
  unlinkIncident: 'Unlink an incident',
  addNote: 'Add a note',
  reassign: 'Reassign',
  changePriority: 'Change priority',
  changeUrgency: 'Change urgency',
  addResponders: 'Add responders',
  postStatusUpdate: 'Post a status update',
  startWorkflow: 'Start an incident workflow',
  resolve: 'Resolve with a note',
};

export function canvasDraftFrom(view: CanvasConnectionView): CanvasDraft {
  return {
    consumerSecret: '',
    allowedOrgIds: view.allowedOrgIds.join('\n'),
    frameAncestors: view.frameAncestors.join('\n'),
    allowedProfileIds: view.allowedProfileIds.join('\n'),
    agentActions: [...view.agentActions],
  };
}

const lines = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The PUT body: every list as typed (one per line or comma-separated), the secret only when one was typed, actions in their canonical order. */
export function canvasUpdateFrom(draft: CanvasDraft): UpdateCanvasConnectionRequest {
  const consumerSecret = draft.consumerSecret.trim();
  return {
    ...(consumerSecret ? { consumerSecret } : {}),
    allowedOrgIds: lines(draft.allowedOrgIds),
    frameAncestors: lines(draft.frameAncestors),
    allowedProfileIds: lines(draft.allowedProfileIds),
    agentActions: agentActions.filter((action) => draft.agentActions.includes(action)),
  };
}
