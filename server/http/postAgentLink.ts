import type { Request, Response } from 'express';
import { linkIncidentRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/links: links the agent's Case to an existing incident (found with GET /api/agent/incidents/search); the incident is not linked yet, so no link is checked: the job reads it from PagerDuty. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentLink = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, { action: 'linkIncident', incidentId: () => null, request: () => parseInput(linkIncidentRequest, req.body) });
};
