import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BUILD_INPUTS_FILE, currentHash, readShippedInputs } from './buildInputs';

/**
 * `npm start`'s prestart: serve the shipped UI (dist/, committed) as it is when the sources it was
 * built from are unchanged, rebuild it only when they changed and Vite is installed, and say what
 * to do when they changed and Vite is not (`npm ci --omit=dev`). Starting with a UI built from
 * other sources would show pages that call the API differently from the server beside them.
 */
export type UiBuildDecision = { action: 'use-shipped' } | { action: 'rebuild'; reason: string } | { action: 'refuse'; message: string };

export interface UiBuildState {
  /** dist/web/index.html exists. */
  builtUiPresent: boolean;
  /** The hash dist/ui-build.json records, or undefined when it is missing or unreadable. */
  shippedHash: string | undefined;
  /** The same hash over the sources as they are now (undefined when there is no record to list them). */
  sourcesHash: string | undefined;
  /** Vite (a devDependency) can be loaded from this checkout. */
  viteInstalled: boolean;
}

export function decideUiBuild(state: UiBuildState): UiBuildDecision {
  const unchanged = state.builtUiPresent && state.shippedHash !== undefined && state.shippedHash === state.sourcesHash;
  if (unchanged) return { action: 'use-shipped' };
  const reason = !state.builtUiPresent
    ? 'the UI is not built (dist/web/index.html is missing)'
    : state.shippedHash === undefined
      ? `the build has no readable record of its sources (${BUILD_INPUTS_FILE})`
      : 'the UI sources changed since dist/ was built (web/, or what it imports from contracts/ and rules/, or a bundled package)';
  if (state.viteInstalled) return { action: 'rebuild', reason };
  return {
    action: 'refuse',
    message: [
      `Cannot start: ${reason}, and Vite, which builds it, is not installed (npm ci --omit=dev leaves devDependencies out).`,
      'Either install everything and build the UI:   npm ci && npm run build',
      'or go back to the sources the shipped UI was built from:   git status -- web contracts rules dist',
    ].join('\n'),
  };
}

function viteInstalled(root: string): boolean {
  try {
    createRequire(path.join(root, 'package.json')).resolve('vite/package.json');
    return true;
  } catch {
    return false;
  }
}

export function readUiBuildState(root: string): UiBuildState {
  const shipped = readShippedInputs(root);
  return {
    builtUiPresent: fs.existsSync(path.join(root, 'dist/web/index.html')),
    shippedHash: shipped?.hash,
    sourcesHash: shipped ? currentHash(root, shipped) : undefined,
    viteInstalled: viteInstalled(root),
  };
}

function main(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  const decision = decideUiBuild(readUiBuildState(root));
  if (decision.action === 'use-shipped') return;
  if (decision.action === 'refuse') {
    process.stderr.write(`${decision.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Building the UI: ${decision.reason}.\n`);
  const vitePackage = createRequire(path.join(root, 'package.json')).resolve('vite/package.json');
  const { bin } = JSON.parse(fs.readFileSync(vitePackage, 'utf8')) as { bin: { vite: string } };
  const vite = path.join(path.dirname(vitePackage), bin.vite);
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) main();
