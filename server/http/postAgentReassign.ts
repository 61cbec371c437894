import type { Request, Response } from 'express';
import { incidentIdParams, reassignRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents/:incidentId/reassign: reassigns the linked incident to users or to an escalation policy. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentReassign = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'reassign',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => parseInput(reassignRequest, req.body),
  });
};
