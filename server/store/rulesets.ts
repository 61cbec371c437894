import { migrateRulesetDocument, rulesetNameKey, toStoredRuleset, type Ruleset } from '../../rules';
import { RULES_SCHEMA_VERSION } from '../../rules/model';
import type { Knex } from 'knex';
import type { Db } from './db';
import { SYNC_TABLES } from './tables';

const TABLE = SYNC_TABLES.rulesets;

/** The unique index on `name_key` (migration 20261125_0001): what a second ruleset of the same name hits. */
export const RULESET_NAME_INDEX = 'rulesets_name_key_unique';

interface RulesetRow {
  id: string;
  name: string;
  /** `rulesetNameKey(name)`: unique, so two rulesets never share a name whatever their case. */
  name_key: string;
  enabled: boolean | number;
  position: number | string;
  schema_version: number;
  document: string;
  created_at: Date | string;
  updated_at: Date | string;
}

/** Another ruleset already has this name (ignoring case and surrounding spaces). */
export class RulesetNameTakenError extends Error {
  constructor(readonly rulesetName: string) {
    super(`A ruleset named "${rulesetName}" already exists`);
    this.name = 'RulesetNameTakenError';
  }
}

/**
 * Row ⇄ domain for rulesets. The document column holds `{schemaVersion, ruleset}`; reading
 * migrates older versions, so stored rules keep working across upgrades. Name, enabled and
 * position live in columns too, for listing and ordering without parsing every document; names
 * are unique by `rulesetNameKey` (a unique column, so even a race between two saves cannot
 * store two rulesets of one name).
 */
export class RulesetStore {
  constructor(private readonly db: Db) {}

  async list(): Promise<Ruleset[]> {
    const rows = await this.db<RulesetRow>(TABLE).orderBy([{ column: 'position' }, { column: 'created_at' }]);
    return rows.map(toRuleset);
  }

  async get(id: string): Promise<Ruleset | undefined> {
    const row = await this.db<RulesetRow>(TABLE).where({ id }).first();
    return row ? toRuleset(row) : undefined;
  }

  /** The ruleset that has this name (ignoring case and surrounding spaces), if any. */
  async nameOwner(name: string, trx: Knex | Knex.Transaction = this.db): Promise<{ id: string; name: string } | undefined> {
    return trx<RulesetRow>(TABLE)
      .where({ name_key: rulesetNameKey(name) })
      .first('id', 'name');
  }

  /** Every stored name's key (see `rulesetNameKey`). */
  async nameKeys(trx: Knex | Knex.Transaction = this.db): Promise<Set<string>> {
    const rows = await trx<RulesetRow>(TABLE).select('name_key');
    return new Set(rows.map((row) => row.name_key));
  }

  async nextPosition(trx: Knex | Knex.Transaction = this.db): Promise<number> {
    const row = await trx<RulesetRow>(TABLE).max({ max: 'position' }).first();
    return row?.max == null ? 0 : Number(row.max) + 1;
  }

  /**
   * Inserts or replaces a ruleset (already validated by the caller). Throws RulesetNameTakenError
   * when another ruleset has its name.
   */
  async save(ruleset: Ruleset, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    const now = new Date();
    try {
      await trx<RulesetRow>(TABLE)
        .insert({
          id: ruleset.id,
          name: ruleset.name,
          name_key: rulesetNameKey(ruleset.name),
          enabled: ruleset.enabled,
          position: ruleset.position,
          schema_version: RULES_SCHEMA_VERSION,
          document: JSON.stringify(toStoredRuleset(ruleset)),
          created_at: now,
          updated_at: now,
        })
        .onConflict('id')
        .merge(['name', 'name_key', 'enabled', 'position', 'schema_version', 'document', 'updated_at']);
    } catch (error) {
      if (isNameKeyViolation(error)) throw new RulesetNameTakenError(ruleset.name);
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db<RulesetRow>(TABLE).where({ id }).delete()) > 0;
  }

  /** Renumbers positions 0..n-1 in the given order (ids not listed keep their relative order after). */
  async reorder(ids: readonly string[]): Promise<Ruleset[]> {
    await this.db.transaction(async (trx) => {
      const rows = await trx<RulesetRow>(TABLE).orderBy('position').select('id', 'document');
      const ordered = [...ids, ...rows.map((row) => row.id).filter((id) => !ids.includes(id))];
      for (const [position, id] of ordered.entries()) {
        const row = rows.find((candidate) => candidate.id === id);
        if (!row) continue;
        const ruleset = { ...migrateRulesetDocument(JSON.parse(row.document)), position };
        await trx<RulesetRow>(TABLE)
          .where({ id })
          .update({ position, document: JSON.stringify(toStoredRuleset(ruleset)), updated_at: new Date() });
      }
    });
    return this.list();
  }
}

function toRuleset(row: Pick<RulesetRow, 'document' | 'enabled' | 'position' | 'name'>): Ruleset {
  const ruleset = migrateRulesetDocument(JSON.parse(row.document));
  // Columns are the source of truth for what the list view edits without rewriting documents.
  return { ...ruleset, name: row.name, enabled: Boolean(row.enabled), position: Number(row.position) };
}

/** A unique violation of the name index, as PostgreSQL (23505 + constraint) or SQLite (column in the message) reports it. */
function isNameKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return constraint === RULESET_NAME_INDEX;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes(`${TABLE}.name_key`);
}
