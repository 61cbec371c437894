import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { newRuleset, type Ruleset } from '../../rules';
import type { AppContext } from '../context';
import { rulesetStore, saveRuleset } from './authoring/rulesetAccess';
import { createRulesetRequest } from '../../contracts/authoring';
import { parseInput } from './validate';

/**
 * POST /api/rulesets {name}: Add Ruleset. Created empty and disabled, after every existing ruleset;
 * 409 when another ruleset has the name (ignoring case and surrounding spaces).
 */
export const postRuleset = (ctx: AppContext) => async (req: Request, res: Response<Ruleset>) => {
  const { name } = parseInput(createRulesetRequest, req.body);
  const store = rulesetStore(ctx);
  const ruleset = await ctx.db.transaction(async (trx) => {
    const created = newRuleset({ id: crypto.randomUUID(), name, position: await store.nextPosition(trx) });
    await saveRuleset(store, created, trx);
    return created;
  });
  ctx.logger.info({ rulesetId: ruleset.id }, 'ruleset created (disabled)');
  res.status(201).json(ruleset);
};
