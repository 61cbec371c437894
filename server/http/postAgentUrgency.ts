import type { Request, Response } from 'express';
import { incidentIdParams, changeUrgencyRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents/:incidentId/urgency: changes the linked incident's urgency. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentUrgency = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'changeUrgency',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => parseInput(changeUrgencyRequest, req.body),
  });
};
