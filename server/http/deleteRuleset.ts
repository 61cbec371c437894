import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { param, rulesetStore, rulesChanged } from './authoring/rulesetAccess';

/** DELETE /api/rulesets/:id: removes the ruleset and its rules (the UI asks for confirmation first). */
export const deleteRuleset = (ctx: AppContext) => async (req: Request, res: Response) => {
  const id = param(req.params.id, 'ruleset id');
  if (!(await rulesetStore(ctx).delete(id))) throw new AppError('not_found', `No ruleset has the id ${id}: it may already be deleted.`);
  ctx.logger.info({ rulesetId: id }, 'ruleset deleted');
  rulesChanged(ctx);
  res.status(204).end();
};
