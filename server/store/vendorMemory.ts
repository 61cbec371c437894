import type { Db } from './db';
import { FIELD_MAPPING_TABLES, OWN_WRITES_TABLE, SELF_ALERTS_TABLE, SYNC_TABLES, WEBHOOK_TABLES } from './tables';

/**
 * Everything the store remembers about the vendors' side, keyed by their ids: inbox events (by
 * source id), jobs, Case ⇄ incident links, snapshots, intake positions (CDC replayId, polling
 * watermarks), webhook subscriptions and deliveries, the digests of the integration's own
 * writes, the custom field values last carried per incident, and the alerts the connector raised
 * about itself (PagerDuty alerts by dedup_key). Children before parents.
 * Settings, rulesets, mappings, routing, connections and users are the app's own.
 */
const VENDOR_MEMORY_TABLES = [
  OWN_WRITES_TABLE,
  FIELD_MAPPING_TABLES.syncedValues,
  WEBHOOK_TABLES.deliveries,
  WEBHOOK_TABLES.subscriptions,
  SYNC_TABLES.jobs,
  SYNC_TABLES.events,
  SYNC_TABLES.snapshots,
  SYNC_TABLES.links,
  SYNC_TABLES.cursors,
  SELF_ALERTS_TABLE,
] as const;

/**
 * Forgets what the app learnt from the vendors it was connected to, in one transaction. Demo
 * mode calls it because its emulators start again from their seed at every start: their Case,
 * incident, subscription and replay ids begin anew, so the app's memory of the previous run
 * would name other records (a new Case taken for a duplicate, a subscription id already stored).
 * Returns the number of rows forgotten per table (tables with none left out).
 */
export async function forgetVendorMemory(db: Db): Promise<Record<string, number>> {
  return db.transaction(async (trx) => {
    const forgotten: Record<string, number> = {};
    for (const table of VENDOR_MEMORY_TABLES) {
      const deleted = await trx(table).del();
      if (deleted > 0) forgotten[table] = deleted;
    }
    return forgotten;
  });
}
