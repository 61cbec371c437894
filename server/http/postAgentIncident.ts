import type { Request, Response } from 'express';
import { createIncidentRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents: creates a PagerDuty incident for the agent's Case (the form comes prefilled from GET /api/agent/actions) and links it. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentIncident = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, { action: 'createIncident', incidentId: () => null, request: () => parseInput(createIncidentRequest, req.body) });
};
