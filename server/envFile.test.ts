import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envSchema, loadConfig } from './config';
import { loadEnvFileIfPresent } from './envFile';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Read by compose.yaml for itself (the database password, the proxy's address), not by the app. */
const COMPOSE_ONLY = ['POSTGRES_PASSWORD', 'SITE_ADDRESS'];

const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
/** Every `NAME=` line of the example, set or shown commented (`# NAME=default`). */
const exampleNames = [...example.matchAll(/^(?:# )?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]);

describe('.env.example', () => {
  it("lists every variable of the config schema, and nothing the app and compose.yaml don't read", () => {
    const schemaNames = Object.keys(envSchema.shape);
    expect(new Set(exampleNames).size).toBe(exampleNames.length);
    expect([...exampleNames].sort()).toEqual([...schemaNames, ...COMPOSE_ONLY].sort());
    const compose = fs.readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8');
    for (const name of COMPOSE_ONLY) expect(compose).toContain(`\${${name}`);
  });

  it('copied to .env as it is, is a valid configuration', () => {
    const env: NodeJS.ProcessEnv = {};
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-env-'));
    fs.copyFileSync(path.join(ROOT, '.env.example'), path.join(dir, '.env'));
    loadEnvFileIfPresent(path.join(dir, '.env'), env);
    fs.rmSync(dir, { recursive: true });
    expect(loadConfig(env).port).toBe(3000);
  });
});

describe('loadEnvFileIfPresent', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (text: string) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-env-'));
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, text);
    return file;
  };

  it('reads what `node --env-file-if-exists` reads, and lets the environment win over the file', () => {
    const file = write(
      'PORT=4100\nLOG_LEVEL=debug\n# a comment\nPUBLIC_URL="https://sync.example.com"\nADMIN_PASSWORD=\'long enough secret\' # inline comment\n',
    );
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
    expect(loadEnvFileIfPresent(file, env).sort()).toEqual(['ADMIN_PASSWORD', 'PORT', 'PUBLIC_URL']);
    const byNode = JSON.parse(
      execFileSync(process.execPath, [`--env-file-if-exists=${file}`, '-p', 'JSON.stringify(process.env)'], {
        env: { LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      }),
    ) as Record<string, string>;
    for (const name of ['PORT', 'LOG_LEVEL', 'PUBLIC_URL', 'ADMIN_PASSWORD']) expect(env[name]).toBe(byNode[name]);
    expect(env.LOG_LEVEL).toBe('warn');
  });

  it('is no error without a file, and says what to do with one it cannot read', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFileIfPresent(path.join(os.tmpdir(), 'no-such-dir-pdsc', '.env'), env)).toEqual([]);
    expect(env).toEqual({});
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-env-'));
    expect(() => loadEnvFileIfPresent(dir, env)).toThrow(/Could not read .*: .*Make it a readable file, or remove it/);
  });
});
