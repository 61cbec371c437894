import type { Request, Response } from 'express';
import type { Ruleset } from '../../rules';
import type { AppContext } from '../context';
import { param, requireRuleset, rulesetStore } from './authoring/rulesetAccess';

/** GET /api/rulesets/:id: one ruleset with its rules. */
export const getRuleset = (ctx: AppContext) => async (req: Request, res: Response<Ruleset>) => {
  res.set('Cache-Control', 'no-store');
  res.json(await requireRuleset(rulesetStore(ctx), param(req.params.id, 'ruleset id')));
};
