import { migrateRulesetDocument, toStoredRuleset, type Ruleset } from '../../rules';
import { RULES_SCHEMA_VERSION } from '../../rules/model';
import type { Knex } from 'knex';
import type { Db } from './db';
import { SYNC_TABLES } from './tables';

const TABLE = SYNC_TABLES.rulesets;

interface RulesetRow {
  id: string;
  name: string;
  /** A boolean on PostgreSQL, 0 or 1 on SQLite. */
  enabled: boolean | number;
  position: number;
  schema_version: number;
  /** JSON: `{schemaVersion, ruleset}` */
  document: string;
  created_at: unknown;
  updated_at: unknown;
}

/**
 * Row ⇄ domain for rulesets. The document column holds `{schemaVersion, ruleset}`; reading
 * migrates older versions, so stored rules keep working across upgrades. Name, enabled and
 * position live in columns too, for listing and ordering without parsing every document.
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

  async nextPosition(trx: Knex | Knex.Transaction = this.db): Promise<number> {
    const row = await trx(TABLE).max({ max: 'position' }).first();
    return row?.max == null ? 0 : Number(row.max) + 1;
  }

  /** Inserts or replaces a ruleset (already validated by the caller). */
  async save(ruleset: Ruleset, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    const now = new Date();
    await trx(TABLE)
      .insert({
        id: ruleset.id,
        name: ruleset.name,
        enabled: ruleset.enabled,
        position: ruleset.position,
        schema_version: RULES_SCHEMA_VERSION,
        document: JSON.stringify(toStoredRuleset(ruleset)),
        created_at: now,
        updated_at: now,
      })
      .onConflict('id')
      .merge(['name', 'enabled', 'position', 'schema_version', 'document', 'updated_at']);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db(TABLE).where({ id }).delete()) > 0;
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
        await trx(TABLE)
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
  return { ...ruleset, name: row.name, enabled: Boolean(row.enabled), position: row.position };
}
