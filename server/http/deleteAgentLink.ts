import type { Request, Response } from 'express';
import { incidentIdParams, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** DELETE /api/agent/incidents/:incidentId/link: unlinks the incident from the agent's Case; the incident stays as it is in PagerDuty. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const deleteAgentLink = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'unlinkIncident',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => ({}),
  });
};
