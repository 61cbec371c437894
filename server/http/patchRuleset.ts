import type { Request, Response } from 'express';
import { checkRuleset, type Ruleset } from '../../rules';
import type { AppContext } from '../context';
import { liveCatalog } from './authoring/caseDescribe';
import { param, requireRuleset, rulesetStore, rulesInvalid, rulesChanged, saveRuleset } from './authoring/rulesetAccess';
import { patchRulesetRequest } from '../../contracts/authoring';
import { parseInput } from './validate';

/**
 * PATCH /api/rulesets/:id {name?, enabled?}: rename, enable or disable. Enabling checks the rules
 * against today's describe first: a field deleted in Salesforce since the last save must be
 * fixed before the ruleset runs, not discovered by the sync worker. A name another ruleset has
 * answers 409.
 */
export const patchRuleset = (ctx: AppContext) => async (req: Request, res: Response<Ruleset>) => {
  const id = param(req.params.id, 'ruleset id');
  const patch = parseInput(patchRulesetRequest, req.body);
  const store = rulesetStore(ctx);
  const current = await requireRuleset(store, id);
  const next: Ruleset = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
  };
  if (patch.enabled === true && !current.enabled) {
    const { errors } = checkRuleset(next, await liveCatalog(ctx));
    if (errors.length > 0) throw rulesInvalid(`The ruleset cannot be enabled until its rules are fixed`, errors);
  }
  await saveRuleset(store, next);
  ctx.logger.info({ rulesetId: id, changed: Object.keys(patch) }, 'ruleset changed');
  rulesChanged(ctx);
  res.json(next);
};
