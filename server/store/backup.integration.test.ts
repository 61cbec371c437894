import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';
import { backupStore } from './backup';
import { readSetting, writeSetting } from './settings';

/**
 * `npm run backup -- FILE` while the app runs and writes, then the README's restore steps into a
 * new DATA_DIR: the restored app starts with the data and can decrypt the stored credentials.
 */
const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const start = (dataDir: string): Promise<RunningApp> => startApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', DEMO: 'false', LOG_LEVEL: 'silent' }));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The npm script's command, with only DATA_DIR configuring the store (as an operator runs it). */
function backupCommand(dataDir: string, file: string) {
  const inherited = Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'SECRET_KEY', 'SECRET_KEY_FILE'].includes(name));
  const env = { ...Object.fromEntries(inherited), DATA_DIR: dataDir };
  return run(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, 'server/backupMain.ts'), file], { cwd: repositoryRoot, env });
}

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

describe('npm run backup -- FILE, and restoring it', () => {
  it('backs up the running store with its key (0600), and a new DATA_DIR restored from them starts with the data', async () => {
    const dataDir = tempDir('pdsc-backup-source-');
    const app = await start(dataDir);
    cleanups.push(() => app.close());
    await app.ctx.connections.savePagerDuty({
      apiUrl: 'https://api.pagerduty.com',
      apiKey: 'u+backup-secret-key',
      fromEmail: 'ops@example.com',
      updatedAt: null,
    });
    await writeSetting(app.ctx.db, 'backup_probe', { written: 'before the backup' });

    // The app keeps writing while the backup runs.
    const load = { writing: true };
    const writes = (async () => {
      for (let n = 0; load.writing; n++) {
        await writeSetting(app.ctx.db, 'backup_busy', { n });
        // A write on the SQLite store settles without leaving the microtask queue: let I/O in.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const file = path.join(tempDir('pdsc-backup-files-'), 'pdsc.db');
    const { stdout } = await backupCommand(dataDir, file).finally(() => (load.writing = false));
    await writes;
    expect(stdout).toContain(`Backed up the store to ${file}`);
    expect([modeOf(file), modeOf(`${file}.secret.key`)]).toEqual(['600', '600']);

    // README › Backup and restore: copy both into the new DATA_DIR, mode 0600, and start.
    const restored = tempDir('pdsc-backup-restored-');
    fs.copyFileSync(file, path.join(restored, 'app.db'));
    fs.copyFileSync(`${file}.secret.key`, path.join(restored, 'secret.key'));
    fs.chmodSync(path.join(restored, 'app.db'), 0o600);
    fs.chmodSync(path.join(restored, 'secret.key'), 0o600);
    const second = await start(restored);
    cleanups.push(() => second.close());
    expect(await readSetting(second.ctx.db, 'backup_probe')).toEqual({ written: 'before the backup' });
    expect((await second.ctx.connections.pagerduty()).apiKey).toBe('u+backup-secret-key');
  });

  it('never overwrites an existing file, and says how to back up PostgreSQL', async () => {
    const dataDir = tempDir('pdsc-backup-source-');
    await (await start(dataDir)).close();
    const file = path.join(tempDir('pdsc-backup-files-'), 'existing.db');
    fs.writeFileSync(file, 'keep me');
    await expect(backupCommand(dataDir, file)).rejects.toMatchObject({ stderr: expect.stringContaining('Backup failed: EEXIST') as unknown });
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(fs.existsSync(`${file}.secret.key`)).toBe(false);
    expect(() => backupStore({ database: { client: 'pg', connectionString: 'postgres://localhost/test' }, secretKey: { value: 'k' } }, file)).toThrow(
      'DATABASE_URL points at PostgreSQL: back it up with pg_dump',
    );
  });
});
