import type { Request, Response } from 'express';
import { incidentIdParams, postStatusUpdateRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents/:incidentId/status-updates: posts a status update on the linked incident. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentStatusUpdate = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'postStatusUpdate',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => parseInput(postStatusUpdateRequest, req.body),
  });
};
