import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');

/**
 * Loads `modules` in a fresh Node (through tsx, as `npm start` does) and says which of
 * @salesforce/core's files are then in the CommonJS module cache, which holds CommonJS packages
 * imported from ESM too.
 */
async function coreFilesLoadedBy(modules: string[]): Promise<number> {
  const probe = `
    for (const specifier of ${JSON.stringify(modules)}) await import(specifier);
    const { createRequire } = await import('node:module');
    const cache = createRequire(import.meta.url).cache;
    console.log(Object.keys(cache).filter((file) => file.includes('/node_modules/@salesforce/core/')).length);
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: repositoryRoot });
  return Number(stdout.trim());
}

describe('@salesforce/core is loaded only for the sf alias mode', () => {
  it('is not loaded by the app (start, Salesforce connect), and the probe does see it once imported', async () => {
    const app = [path.join(repositoryRoot, 'server/start.ts'), path.join(repositoryRoot, 'server/vendors/salesforce/connect.ts')];
    expect(await coreFilesLoadedBy(app)).toBe(0);
    expect(await coreFilesLoadedBy([...app, '@salesforce/core'])).toBeGreaterThan(0);
  }, 60_000);
});
