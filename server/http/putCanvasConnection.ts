import type { Request, Response } from 'express';
import { updateCanvasConnectionRequest, type CanvasConnectionView } from '../../contracts/agent';
import type { AppContext } from '../context';
import { canvasView } from './views/canvasConnection';
import { parseInput } from './validate';

/**
 * PUT /api/connections/canvas. Each field present replaces the stored one (the consumer secret is
 * write-only: absent keeps it). Lists are stored without duplicates; a narrower list of orgs or
 * profiles takes effect on the agents' next request, tokens already issued included.
 */
export const putCanvasConnection = (ctx: AppContext) => async (req: Request, res: Response<CanvasConnectionView>) => {
  const update = parseInput(updateCanvasConnectionRequest, req.body);
  const current = await ctx.connections.canvas();
  const unique = <T>(values: T[] | undefined, fallback: T[]): T[] => (values ? [...new Set(values)] : fallback);
  await ctx.connections.saveCanvas({
    ...current,
    consumerSecret: update.consumerSecret ?? current.consumerSecret,
    allowedOrgIds: unique(update.allowedOrgIds, current.allowedOrgIds),
    frameAncestors: unique(update.frameAncestors, current.frameAncestors),
    allowedProfileIds: unique(update.allowedProfileIds, current.allowedProfileIds),
    agentActions: unique(update.agentActions, current.agentActions),
  });
  ctx.logger.info({ connection: 'canvas', changed: Object.keys(update) }, 'connection settings changed');
  res.json(canvasView(await ctx.connections.canvas()));
};
