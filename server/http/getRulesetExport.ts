import type { Request, Response } from 'express';
import { buildRulesetExport, type RulesetExport } from '../../rules';
import type { AppContext } from '../context';
import { rulesetStore } from './authoring/rulesetAccess';

/** GET /api/rulesets/export: every ruleset as one versioned JSON document, as a download. */
export const getRulesetExport = (ctx: AppContext) => async (_req: Request, res: Response<RulesetExport>) => {
  const now = new Date();
  const document = buildRulesetExport(await rulesetStore(ctx).list(), now.toISOString());
  res.set('Cache-Control', 'no-store');
  res.attachment(`rulesets-${now.toISOString().slice(0, 10)}.json`);
  res.json(document);
};
