import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { rulesetStore } from './authoring/rulesetAccess';
import type { RulesetsReply } from '../../contracts/authoring';

/** GET /api/rulesets: every ruleset with its rules, in evaluation order. */
export const getRulesets = (ctx: AppContext) => async (_req: Request, res: Response<RulesetsReply>) => {
  res.set('Cache-Control', 'no-store');
  res.json({ rulesets: await rulesetStore(ctx).list() });
};
