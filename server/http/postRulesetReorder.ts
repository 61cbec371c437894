import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { rulesetStore } from './authoring/rulesetAccess';
import { reorderRulesetsRequest, type RulesetsReply } from '../../contracts/authoring';
import { parseInput } from './validate';

/** POST /api/rulesets/reorder {ids}: the new evaluation order; rulesets not listed keep their order after these. */
export const postRulesetReorder = (ctx: AppContext) => async (req: Request, res: Response<RulesetsReply>) => {
  const { ids } = parseInput(reorderRulesetsRequest, req.body);
  const store = rulesetStore(ctx);
  const known = new Set((await store.list()).map((ruleset) => ruleset.id));
  const unknown = ids.flatMap((id, index) => (known.has(id) ? [] : [{ path: `ids[${index}]`, message: `No ruleset has the id ${id}` }]));
  if (unknown.length > 0) throw new AppError('validation_failed', `Unknown ruleset ids: ${unknown.map((u) => u.message).join('; ')}`, { fields: unknown });
  res.json({ rulesets: await store.reorder(ids) });
};
