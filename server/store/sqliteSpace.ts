import type { Knex } from 'knex';

/** The store (db.ts's Db, named by knex's type: db.ts imports this module). */
type Db = Knex;

/**
 * SQLite gives deleted rows' pages back to the file system only with auto-vacuum; without it the
 * file keeps its largest size forever and only reuses the space. INCREMENTAL mode frees pages
 * when asked (`PRAGMA incremental_vacuum`), so the retention pass decides when, in short steps,
 * instead of FULL mode moving pages at every commit of the intake.
 *
 * The mode is stored in the file's header and can only be chosen before the first table exists;
 * `openSqlite` sets it on every connection, which decides it for a new file. A file created before
 * (auto_vacuum NONE) needs one VACUUM to switch: `enableIncrementalAutoVacuum` runs it at start,
 * before the app serves requests or starts its workers (it rewrites the whole file: about as long
 * as a copy, and twice its size in free disk space while it runs).
 */
export const AUTO_VACUUM_INCREMENTAL = 2;

/** Switches an existing file to incremental auto-vacuum, once; returns whether it had to (the file was rewritten). */
export async function enableIncrementalAutoVacuum(db: Db, log: (message: string) => void = () => undefined): Promise<boolean> {
  if ((await pragmaNumber(db, 'auto_vacuum')) === AUTO_VACUUM_INCREMENTAL) return false;
  const bytes = (await pragmaNumber(db, 'page_count')) * (await pragmaNumber(db, 'page_size'));
  log(`Switching the SQLite store to incremental auto-vacuum, once (a VACUUM of ${Math.round(bytes / 1_048_576)} MB), so deleted history gives its space back`);
  await db.raw(`PRAGMA auto_vacuum = INCREMENTAL`);
  await db.raw('VACUUM');
  return true;
}

/**
 * Gives the free pages back to the file system, `pagesPerStep` at a time: each step holds the one
 * connection only briefly, and the event loop turns between steps so intake and workers go on.
 * Returns the bytes given back. In WAL mode the file shrinks at the next checkpoint.
 */
export async function reclaimFreePages(db: Db, pagesPerStep: number): Promise<number> {
  const pageSize = await pragmaNumber(db, 'page_size');
  let freed = 0;
  for (;;) {
    const free = await pragmaNumber(db, 'freelist_count');
    if (free === 0) return freed * pageSize;
    const step = Math.min(free, pagesPerStep);
    await db.raw(`PRAGMA incremental_vacuum(${step})`);
    const left = await pragmaNumber(db, 'freelist_count');
    // A file without incremental auto-vacuum frees nothing: stop rather than loop.
    if (left >= free) return freed * pageSize;
    freed += free - left;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function pragmaNumber(db: Db, name: string): Promise<number> {
  const rows = await db.raw<Record<string, unknown>[]>(`PRAGMA ${name}`);
  const value = rows[0] ? Object.values(rows[0])[0] : undefined;
  return Number(value ?? 0);
}
