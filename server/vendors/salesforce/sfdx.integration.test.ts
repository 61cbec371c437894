import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

/**
 * The `sfdx` auth mode: an org already authorized with the sf CLI, used by alias through
 * @salesforce/core. @salesforce/core reads its state from the home directory it sees when
 * loaded, so the probe runs in a process whose HOME is a fresh temp dir.
 */
it('connects to an org authorized with the sf CLI, by alias (also through a proxy), and explains an unknown alias', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-sfhome-'));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../../testing/sfdxAliasProbe.ts')], {
      env: { ...process.env, HOME: home, SF_DISABLE_TELEMETRY: 'true', SFDX_DISABLE_TELEMETRY: 'true', SF_USE_GENERIC_UNIX_KEYCHAIN: 'true' },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
      ok: unknown;
      unknown: unknown;
      throughProxy: { result: unknown; carried: number };
      username: string;
    };
    expect(result.ok).toMatchObject({ ok: true, message: 'Connection OK' });
    // With a proxy configured, @salesforce/core's connection reaches the org through it.
    expect(result.throughProxy.result).toMatchObject({ ok: true, message: 'Connection OK' });
    expect(result.throughProxy.carried).toBeGreaterThanOrEqual(1);
    expect(result.unknown).toMatchObject({ ok: false, reason: 'sfdx_org_not_found' });
    expect(fs.existsSync(path.join(home, '.sfdx', `${result.username}.json`))).toBe(true);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}, 90_000);
