import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { rulesetFromStarter, starterTemplate, STARTER_TEMPLATES, validateRuleset, type Ruleset } from '../../rules';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { SYNC_TABLES } from '../store/tables';
import { liveCatalog } from './authoring/caseDescribe';
import { param, rulesetStore, rulesInvalid, rulesChanged } from './authoring/rulesetAccess';
import { addRulesetFromTemplateRequest } from '../../contracts/authoring';
import { parseInput } from './validate';

/**
 * POST /api/rulesets/templates/:key {serviceId?}: "Add from template". The starter becomes a
 * ruleset like one the admin wrote: checked by the engine against this org's describe (400 with
 * paths, nothing stored, when the org's Case does not fit it), added DISABLED after the others.
 * A second copy of a starter gets a numbered name ("… (2)"), so names stay tellable apart.
 */
export const postRulesetFromTemplate = (ctx: AppContext) => async (req: Request, res: Response<Ruleset>) => {
  const key = param(req.params.key, 'template key');
  const template = starterTemplate(key);
  if (!template) {
    throw new AppError('not_found', `No ruleset template "${key}"; the templates are ${STARTER_TEMPLATES.map((starter) => starter.key).join(', ')}.`);
  }
  const { serviceId } = parseInput(addRulesetFromTemplateRequest, req.body);
  const catalog = await liveCatalog(ctx);
  const store = rulesetStore(ctx);
  const ruleset = await ctx.db.transaction(async (trx) => {
    const names = await trx<{ name: string }>(SYNC_TABLES.rulesets).pluck('name');
    const built = rulesetFromStarter(template, {
      id: crypto.randomUUID(),
      position: await store.nextPosition(trx),
      name: freeName(template.name, names),
      ...(serviceId !== undefined ? { serviceId } : {}),
    });
    if (!built.ok) throw rulesInvalid(`"${template.name}" was not added`, built.errors);
    const checked = validateRuleset(built.ruleset, catalog);
    if (!checked.ok)
      throw rulesInvalid(`"${template.name}" does not fit this Salesforce org's Case; add an empty ruleset and write the rules instead`, checked.errors);
    await store.save(checked.ruleset, trx);
    return checked.ruleset;
  });
  ctx.logger.info({ rulesetId: ruleset.id, template: key }, 'ruleset added from a template (disabled)');
  rulesChanged(ctx);
  res.status(201).json(ruleset);
};

/** `name`, or `name (2)`, `name (3)`… whichever no ruleset has yet (compared case-insensitively). */
export function freeName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((candidate) => candidate.trim().toLowerCase()));
  let candidate = name;
  for (let copy = 2; used.has(candidate.toLowerCase()); copy++) candidate = `${name} (${copy})`;
  return candidate;
}
