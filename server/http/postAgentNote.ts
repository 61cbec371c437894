import type { Request, Response } from 'express';
import { incidentIdParams, addNoteRequest, type AgentActionReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { submitAgentAction } from './agent/submitAgentAction';
import { parseInput } from './validate';

/** POST /api/agent/incidents/:incidentId/notes: adds the agent's note to the linked incident. Allowed by the admin (403 otherwise), acts as the agent; see submitAgentAction. */
export const postAgentNote = (ctx: AppContext) => async (req: Request, res: Response<AgentActionReply>) => {
  await submitAgentAction(ctx, req, res, {
    action: 'addNote',
    incidentId: () => parseInput(incidentIdParams, req.params).incidentId,
    request: () => parseInput(addNoteRequest, req.body),
  });
};
