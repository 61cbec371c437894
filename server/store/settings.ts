import type { Db } from './db';
import { TABLES } from './tables';

interface SettingRow {
  key: string;
  /** JSON */
  value: string;
  updated_at: unknown;
}

/** Small JSON settings by key (object mapping, sync settings, demo marker…). */
export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db<SettingRow>(TABLES.settings).where({ key }).first('value');
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db(TABLES.settings)
    .insert({ key, value: JSON.stringify(value), updated_at: new Date() })
    .onConflict('key')
    .merge();
}
