import type { Request, Response } from 'express';
import { incidentIdParams, changePriorityRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents/:incidentId/priority: changes the linked incident's priority (priority routing reassigns it, as for a rule's change). Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentPriority = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'changePriority',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => parseInput(changePriorityRequest, req.body),
  });
};
