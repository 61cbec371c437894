import { buildFieldCatalog, caseFieldInfoFromDescribe, compileRulesets, type CompiledRules, type FieldCatalog, type RuleError } from '../../rules';
import type { SalesforceSession } from '../salesforce/session';
import type { Db } from '../store/db';
import { RulesetStore } from '../store/rulesets';
import { SYNC_TABLES } from '../store/tables';

/**
 * Compiled rules for the processor: compiled once per change of the rulesets (any instance's
 * change: the version is read from the table), evaluated for many events.
 */
export class RulesCache {
  #version = '';
  #compiled: Promise<CompiledRules> | undefined;

  constructor(
    private readonly db: Db,
    private readonly salesforce: SalesforceSession,
  ) {}

  async catalog(): Promise<FieldCatalog> {
    const describe = await this.salesforce.describeCase();
    return buildFieldCatalog(caseFieldInfoFromDescribe(describe.fields));
  }

  async compiled(): Promise<CompiledRules> {
    const row = await this.db(SYNC_TABLES.rulesets).count({ count: '*' }).max({ latest: 'updated_at' }).first();
    const version = `${row?.count ?? 0}:${String(row?.latest ?? '')}`;
    if (version !== this.#version || !this.#compiled) {
      this.#version = version;
      this.#compiled = this.#compile();
      this.#compiled.catch(() => (this.#version = ''));
    }
    return this.#compiled;
  }

  async #compile(): Promise<CompiledRules> {
    const [rulesets, catalog] = await Promise.all([new RulesetStore(this.db).list(), this.catalog()]);
    const result = compileRulesets(rulesets, catalog);
    if (!result.ok) throw new RulesCompileError(result.errors);
    return result.compiled;
  }
}

/** Stored rules no longer compile (e.g. a Case field was deleted in Salesforce). */
export class RulesCompileError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(`The stored rules no longer compile: ${errors.slice(0, 3).map((error) => `${error.path}: ${error.message}`).join('; ')}`);
    this.name = 'RulesCompileError';
  }
}
