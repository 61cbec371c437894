import { buildFieldCatalog, caseFieldInfoFromDescribe, compileRulesets, type CompiledRules, type FieldCatalog, type RuleError } from '../../rules';
import { generateCode } from '../../rules/codegen';
import type { SalesforceSession } from '../vendors/salesforce/session';
import type { Db, Executor } from '../store/db';
import { RulesetStore } from '../store/rulesets';
import { SYNC_TABLES } from '../store/tables';

/**
 * Compiled rules for the processor: compiled once per change of the rulesets (any instance's
 * change: the version is read from the table), evaluated for many events.
 */
export class RulesCache {
  #version = '';
  #compiled: Promise<CompiledRules> | undefined;
  /** The last compile that succeeded, with the version it was compiled from. */
  #ready: { version: string; compiled: CompiledRules } | undefined;

  constructor(
    private readonly db: Db,
    private readonly salesforce: SalesforceSession,
  ) {}

  async catalog(): Promise<FieldCatalog> {
    const describe = await this.salesforce.describeCase();
    return buildFieldCatalog(caseFieldInfoFromDescribe(describe.fields));
  }

  async compiled(): Promise<CompiledRules> {
    const version = await this.#versionIn(this.db);
    if (version !== this.#version || !this.#compiled) {
      this.#version = version;
      const compiling = this.#compile();
      this.#compiled = compiling;
      compiling.then(
        (compiled) => (this.#ready = { version, compiled }),
        () => (this.#version = ''),
      );
    }
    return this.#compiled;
  }

  /**
   * The compiled rules if they are those of the stored version (read through `executor`, e.g.
   * an open transaction), without compiling or calling Salesforce; else undefined, and a compile
   * starts in the background for the next caller.
   */
  async ifCurrent(executor: Executor): Promise<CompiledRules | undefined> {
    const version = await this.#versionIn(executor);
    if (this.#ready?.version === version) return this.#ready.compiled;
    // Not awaited: on SQLite it waits for the caller's transaction to end.
    this.compiled().catch(() => undefined);
    return undefined;
  }

  async #versionIn(executor: Executor): Promise<string> {
    const row = await executor(SYNC_TABLES.rulesets).count({ count: '*' }).max({ latest: 'updated_at' }).first();
    return `${row?.count ?? 0}:${String(row?.latest ?? '')}`;
  }

  async #compile(): Promise<CompiledRules> {
    const [rulesets, catalog] = await Promise.all([new RulesetStore(this.db).list(), this.catalog()]);
    const result = compileRulesets(rulesets, catalog);
    if (!result.ok) throw new RulesCompileError(result.errors);
    // The server may generate code (the browser may not): the fast path runs one function per ruleset.
    return generateCode(result.compiled);
  }
}

/** Stored rules no longer compile (e.g. a Case field was deleted in Salesforce). */
export class RulesCompileError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(
      `The stored rules no longer compile: ${errors
        .slice(0, 3)
        .map((error) => `${error.path}: ${error.message}`)
        .join('; ')}`,
    );
    this.name = 'RulesCompileError';
  }
}
