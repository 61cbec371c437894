import type { Db } from './db';
import { toDate } from './db';
import { SYNC_TABLES } from './tables';

const LEASES = SYNC_TABLES.leases;

interface LeaseRow {
  name: string;
  holder: string;
  expires_at: unknown;
}

/**
 * Lease rows: a named role (the Salesforce intake, a manual sync) held by one instance until
 * `expires_at`. Portable SQL, the same on SQLite and PostgreSQL: the row is created with
 * INSERT … ON CONFLICT DO NOTHING, then taken or renewed with one conditional UPDATE that only
 * matches when this holder already has it or it has expired, so two instances can never both
 * succeed. Instances compare against their own clocks: keep them NTP-synced, and leases a few
 * seconds longer than the renewal interval.
 */
export async function tryAcquireLease(db: Db, name: string, holder: string, ttlMs: number, now: Date = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db(LEASES).insert({ name, holder, expires_at: expiresAt }).onConflict('name').ignore();
  const updated = await db(LEASES)
    .where({ name })
    .andWhere((where) => {
      where.where({ holder }).orWhere('expires_at', '<', now);
    })
    .update({ holder, expires_at: expiresAt });
  return updated > 0;
}

/** Gives the lease up at once (expired in the past), if this holder has it. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db(LEASES)
    .where({ name, holder })
    .update({ expires_at: new Date(0) });
}

export async function readLease(db: Db, name: string): Promise<{ holder: string; expiresAt: Date } | undefined> {
  const row = await db<LeaseRow>(LEASES).where({ name }).first();
  return row ? { holder: row.holder, expiresAt: toDate(row.expires_at) } : undefined;
}

/**
 * Writes `holder` into the lease row whatever it held: for a role decided elsewhere (a PostgreSQL
 * advisory lock, see SessionLock), the row only tells every instance's SUMMARY who leads.
 */
export async function recordLeaseHolder(db: Db, name: string, holder: string, ttlMs: number, now: Date = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db(LEASES).insert({ name, holder, expires_at: expiresAt }).onConflict('name').merge(['holder', 'expires_at']);
}
