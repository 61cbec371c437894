import type { Knex } from 'knex';
import type { Db } from './db';
import { SYNC_TABLES } from './tables';

interface CursorRow {
  name: string;
  value: string;
  updated_at: unknown;
}

/** Intake positions (CDC replayId, polling watermarks), saved only after the events are stored. */
export async function readCursor(db: Db, name: string): Promise<string | undefined> {
  const row = await db<CursorRow>(SYNC_TABLES.cursors).where({ name }).first('value');
  return row?.value;
}

export async function writeCursor(db: Db | Knex.Transaction, name: string, value: string): Promise<void> {
  await db(SYNC_TABLES.cursors).insert({ name, value, updated_at: new Date() }).onConflict('name').merge();
}
