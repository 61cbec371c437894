import type { Ruleset, RuleError } from '../../../rules';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import type { Knex } from 'knex';
import { RulesetNameTakenError, RulesetStore } from '../../store/rulesets';

export function rulesetStore(ctx: AppContext): RulesetStore {
  return new RulesetStore(ctx.db);
}

/**
 * After a change to the rules: the webhook subscriptions follow what the rules now need
 * (services, event types), so a new rule on PagerDuty events hears them without a visit to
 * CONNECTIONS. In the background: the save must not wait for, or fail with, PagerDuty; if this
 * fails, CONNECTIONS and SUMMARY say "Provision again".
 */
export function rulesChanged(ctx: AppContext): void {
  ctx.webhooks
    .followRules()
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'the webhook subscriptions could not follow the changed rules: Provision again on CONNECTIONS'));
}

export async function requireRuleset(store: RulesetStore, id: string): Promise<Ruleset> {
  const ruleset = await store.get(id);
  if (!ruleset) throw new AppError('not_found', `No ruleset has the id ${id}: it may have been deleted; reload the list.`);
  return ruleset;
}

/** The engine's errors as a 400 in the same shape `parseInput` uses: `details.fields[] = {path, message}`. */
export function rulesInvalid(what: string, errors: readonly RuleError[]): AppError {
  const listed = errors
    .slice(0, 5)
    .map((error) => `${error.path || '(document)'}: ${error.message}`)
    .join('; ');
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
  return new AppError('validation_failed', `${what}: ${listed}${more}`, { fields: errors.map((error) => ({ path: error.path, message: error.message })) });
}

/** Route parameters are strings in Express 5's types only when declared; read them defensively. */
export function param(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 100) throw new AppError('validation_failed', `Invalid ${name} in the URL`);
  return value;
}

/** 409 on `name`: another ruleset has this name (spelled as that ruleset spells it). */
export function rulesetNameTaken(name: string): AppError {
  const message = `A ruleset named "${name}" already exists: choose another name`;
  return new AppError('conflict', message, { fields: [{ path: 'name', message }] });
}

/**
 * Stores a ruleset unless another one has its name (ignoring case and surrounding spaces): the
 * sync log names rules "Ruleset › Rule", so names must tell rulesets apart. Checked first, to
 * name the ruleset in the way; the store's unique index settles two saves racing for one name.
 */
export async function saveRuleset(store: RulesetStore, ruleset: Ruleset, trx?: Knex.Transaction): Promise<void> {
  const owner = await store.nameOwner(ruleset.name, trx);
  if (owner && owner.id !== ruleset.id) throw rulesetNameTaken(owner.name);
  try {
    await store.save(ruleset, trx);
  } catch (error) {
    if (error instanceof RulesetNameTakenError) throw rulesetNameTaken(ruleset.name);
    throw error;
  }
}
