import type { Db, Executor } from '../store/db';
import { SYNC_TABLES } from '../store/tables';

export type SnapshotType = 'case' | 'incident';

interface SnapshotRow {
  entity_type: SnapshotType;
  entity_id: string;
  /** JSON */
  fields: string;
  updated_at: unknown;
}

/** Rows per statement: well under both engines' limits on bound parameters. */
const CHUNK = 200;

/**
 * The last values the engine saw per Case and per incident, so rules can ask what "changed",
 * "changed to" and "changed from", and so a CDC update (which carries only changed fields) can
 * be completed without re-querying Salesforce.
 */
export class SnapshotStore {
  constructor(private readonly db: Db) {}

  async get(type: SnapshotType, id: string, trx: Executor = this.db): Promise<Record<string, unknown> | undefined> {
    const row = await trx<SnapshotRow>(SYNC_TABLES.snapshots).where({ entity_type: type, entity_id: id }).first('fields');
    return row ? (JSON.parse(row.fields) as Record<string, unknown>) : undefined;
  }

  /** The snapshots of `ids` that exist, by id. */
  async getMany(type: SnapshotType, ids: readonly string[], trx: Executor = this.db): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    for (let start = 0; start < ids.length; start += CHUNK) {
      const rows = await trx<SnapshotRow>(SYNC_TABLES.snapshots)
        .where({ entity_type: type })
        .whereIn('entity_id', ids.slice(start, start + CHUNK))
        .select('entity_id', 'fields');
      for (const row of rows) found.set(row.entity_id, JSON.parse(row.fields) as Record<string, unknown>);
    }
    return found;
  }

  async put(type: SnapshotType, id: string, fields: Record<string, unknown>, trx: Executor = this.db): Promise<void> {
    await this.putMany([{ type, id, fields }], trx);
  }

  /** Upserts several snapshots; each entity at most once (one statement cannot update a row twice). */
  async putMany(snapshots: readonly { type: SnapshotType; id: string; fields: Record<string, unknown> }[], trx: Executor = this.db): Promise<void> {
    const updatedAt = new Date();
    for (let start = 0; start < snapshots.length; start += CHUNK) {
      await trx(SYNC_TABLES.snapshots)
        .insert(
          snapshots
            .slice(start, start + CHUNK)
            .map(({ type, id, fields }) => ({ entity_type: type, entity_id: id, fields: JSON.stringify(fields), updated_at: updatedAt })),
        )
        .onConflict(['entity_type', 'entity_id'])
        .merge(['fields', 'updated_at']);
    }
  }
}
