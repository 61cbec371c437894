import type { Request, Response } from 'express';
import { incidentIdParams, startWorkflowRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents/:incidentId/workflows: starts an incident workflow on the linked incident. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentWorkflow = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'startWorkflow',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => parseInput(startWorkflowRequest, req.body),
  });
};
