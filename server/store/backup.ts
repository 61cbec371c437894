import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { AppConfig } from '../config';

export interface BackupResult {
  database: string;
  key: string;
  bytes: number;
}

/** Where the secret key is written beside a backup FILE. */
export const backupKeyFile = (destination: string): string => `${destination}.secret.key`;

/**
 * An online backup of the SQLite store into `destination` (`VACUUM INTO`: a consistent, compact
 * copy while the app keeps running and writing), and the secret
 * key beside it as `<destination>.secret.key`: without the key the stored credentials cannot be
 * decrypted. Both files are created 0600 before anything is written to them, and never over an
 * existing file.
 */
export function backupStore(config: Pick<AppConfig, 'database' | 'secretKey'>, destination: string): BackupResult {
  if (config.database.client !== 'sqlite') {
    throw new Error('DATABASE_URL points at PostgreSQL: back it up with pg_dump (and keep SECRET_KEY with it); npm run backup copies the SQLite store.');
  }
  const source = config.database.filename;
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source} to back up (is DATA_DIR right?)`);
  const key = backupKeyFile(destination);
  const keyText = 'file' in config.secretKey ? fs.readFileSync(config.secretKey.file, 'utf8') : `${config.secretKey.value}\n`;

  // 'wx': refuse to overwrite; 0600: the copy holds what app.db holds.
  fs.closeSync(fs.openSync(destination, 'wx', 0o600));
  try {
    fs.writeFileSync(key, keyText, { mode: 0o600, flag: 'wx' });
    const db = new Database(source, { fileMustExist: true });
    try {
      // VACUUM INTO copies one read transaction's snapshot, however busy the app is. SQLite's
      // backup API (better-sqlite3's db.backup) restarts whenever another process writes, so
      // against an app that keeps writing it may never finish.
      db.prepare('VACUUM INTO ?').run(destination);
    } finally {
      db.close();
    }
  } catch (error) {
    fs.rmSync(destination, { force: true });
    fs.rmSync(key, { force: true });
    throw error;
  }
  return { database: destination, key, bytes: fs.statSync(destination).size };
}
