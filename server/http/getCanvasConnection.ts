import type { Request, Response } from 'express';
import type { CanvasConnectionView } from '../../contracts/agent';
import type { AppContext } from '../context';
import { canvasView } from './views/canvasConnection';

/** GET /api/connections/canvas: the Salesforce Canvas app's settings, its consumer secret masked. */
export const getCanvasConnection = (ctx: AppContext) => async (_req: Request, res: Response<CanvasConnectionView>) => {
  res.json(canvasView(await ctx.connections.canvas()));
};
