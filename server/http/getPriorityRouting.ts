import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { readPriorityRouting } from '../store/priorityRouting';
import type { PriorityRoutingReply } from '../../contracts/priorityRouting';

/** GET /api/priority-routing: the (service, priority) → escalation policy rows and the Case field → priority map. */
export const getPriorityRouting = (ctx: AppContext) => async (_req: Request, res: Response<PriorityRoutingReply>) => {
  res.set('Cache-Control', 'no-store');
  res.json(await readPriorityRouting(ctx.db));
};
