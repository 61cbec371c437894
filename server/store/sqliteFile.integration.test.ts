import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';

/** The app as `npm start` runs it, without demo mode (no emulators): only the store matters here. */
const start = (dataDir: string): Promise<RunningApp> => startApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', DEMO: 'false', LOG_LEVEL: 'silent' }));

const dataDirs: string[] = [];
const running: RunningApp[] = [];
function newDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-sqlite-file-'));
  dataDirs.push(dir);
  return dir;
}
async function startTracked(dataDir: string): Promise<RunningApp> {
  const app = await start(dataDir);
  running.push(app);
  return app;
}
async function stop(app: RunningApp): Promise<void> {
  running.splice(running.indexOf(app), 1);
  await app.close();
}
afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

describe('the SQLite file at start', () => {
  it('creates app.db, app.db-wal and app.db-shm readable by the owner only (0600), whatever the umask', async () => {
    const dataDir = newDataDir();
    const previous = process.umask(0o022);
    try {
      const app = await startTracked(dataDir);
      await app.ctx.db.raw('CREATE TABLE probe_writes (n INTEGER)');
      const db = path.join(dataDir, 'app.db');
      expect([db, `${db}-wal`, `${db}-shm`].map((file) => [path.basename(file), modeOf(file)])).toEqual([
        ['app.db', '600'],
        ['app.db-wal', '600'],
        ['app.db-shm', '600'],
      ]);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens an existing world-readable app.db to 0600', async () => {
    const dataDir = newDataDir();
    await stop(await startTracked(dataDir));
    fs.chmodSync(path.join(dataDir, 'app.db'), 0o644);
    await startTracked(dataDir);
    expect(modeOf(path.join(dataDir, 'app.db'))).toBe('600');
  });

  it('refuses a zero-length app.db in a data directory that has run before, naming the file and how to restore', async () => {
    const dataDir = newDataDir();
    await stop(await startTracked(dataDir));
    const db = path.join(dataDir, 'app.db');
    fs.truncateSync(db, 0);
    await expect(start(dataDir)).rejects.toThrow(`The database ${db} is empty (0 bytes) although this data directory has run before`);
    await expect(start(dataDir)).rejects.toThrow(/restore it from a backup \(README › Backup and restore/);
    expect(fs.statSync(db).size).toBe(0);
  });

  it('starts on a zero-length app.db in a data directory that never ran (no secret key yet)', async () => {
    const dataDir = newDataDir();
    fs.writeFileSync(path.join(dataDir, 'app.db'), '');
    const app = await startTracked(dataDir);
    expect(await app.ctx.db.raw('PRAGMA quick_check')).toEqual([{ quick_check: 'ok' }]);
  });

  it('refuses an app.db whose last pages are corrupted, naming the file', async () => {
    const dataDir = newDataDir();
    await stop(await startTracked(dataDir));
    const db = path.join(dataDir, 'app.db');
    const size = fs.statSync(db).size;
    const pageSize = 4096;
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(3 * pageSize, 0x5a), 0, 3 * pageSize, size - 3 * pageSize);
    fs.closeSync(fd);
    await expect(start(dataDir)).rejects.toThrow(new RegExp(`The database ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (is damaged|cannot be read)`));
  });
});
