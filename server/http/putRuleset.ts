import type { Request, Response } from 'express';
import { validateRuleset, type Ruleset } from '../../rules';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { liveCatalog } from './authoring/caseDescribe';
import { unknownPagerDutyIds } from './authoring/pagerDutyIdChecks';
import { param, requireRuleset, rulesetStore, rulesInvalid, rulesChanged, saveRuleset } from './authoring/rulesetAccess';
import { isJsonObject } from './validate';

/**
 * PUT /api/rulesets/:id: the whole ruleset with its rules (see `PutRulesetRequest`). The rules
 * engine validates it with its schemas and compiles it against the live field catalog; any
 * problem answers 400 with paths such as `rules[0].conditions[1].field` and nothing is stored (so
 * does a responder or workflow id PagerDuty does not know, `rules[0].actions[0].workflowId`); a
 * name another ruleset has answers 409.
 */
export const putRuleset = (ctx: AppContext) => async (req: Request, res: Response<Ruleset>) => {
  const id = param(req.params.id, 'ruleset id');
  const body: unknown = req.body;
  if (!isJsonObject(body)) {
    throw new AppError('validation_failed', 'Send the ruleset as a JSON object', { fields: [{ path: '', message: 'Expected a JSON object' }] });
  }
  const store = rulesetStore(ctx);
  const current = await requireRuleset(store, id);
  if (body.id !== undefined && body.id !== id) {
    const sentId = typeof body.id === 'string' ? body.id : JSON.stringify(body.id);
    throw rulesInvalid('The ruleset is invalid', [{ path: 'id', message: `The body's id ${sentId} does not match the URL's ${id}` }]);
  }
  if (body.position !== undefined && body.position !== current.position) {
    throw rulesInvalid('The ruleset is invalid', [{ path: 'position', message: 'Change the order with POST /api/rulesets/reorder' }]);
  }
  const result = validateRuleset({ ...body, id, position: current.position }, await liveCatalog(ctx));
  if (!result.ok) throw rulesInvalid('The ruleset is invalid', result.errors);
  const unknownIds = await unknownPagerDutyIds(ctx, result.ruleset, current);
  if (unknownIds.length > 0) throw rulesInvalid('The ruleset names PagerDuty responders or workflows that do not exist', unknownIds);
  await saveRuleset(store, result.ruleset);
  ctx.logger.info({ rulesetId: id, rules: result.ruleset.rules.length }, 'ruleset saved');
  rulesChanged(ctx);
  res.json(result.ruleset);
};
