import type { Request, Response } from 'express';
import { incidentIdParams, addRespondersRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents/:incidentId/responders: asks users or escalation policies to respond on the linked incident. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentResponders = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'addResponders',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => parseInput(addRespondersRequest, req.body),
  });
};
