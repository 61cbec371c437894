import type { Request, Response } from 'express';
import { incidentIdParams, resolveRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents/:incidentId/resolve: resolves the linked incident with the agent's resolution note. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentResolve = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'resolve',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => parseInput(resolveRequest, req.body),
  });
};
