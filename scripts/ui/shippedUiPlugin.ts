import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';
import { BUILD_INPUTS_FILE, recordInputs } from './buildInputs.ts';
import { copyEmulatorAssets, EMULATOR_ASSETS_DIR } from './emulatorAssets.ts';

/**
 * The package-lock key of the installed package a module file belongs to
 * (`…/node_modules/@lit/task/index.js` → `node_modules/@lit/task`; nested installs keep their
 * nesting), or undefined for a file outside `nodeModulesDir`.
 */
export function lockfileKey(file: string, nodeModulesDir: string): string | undefined {
  if (!file.startsWith(nodeModulesDir + path.sep)) return undefined;
  const segments = file.slice(nodeModulesDir.length + 1).split(path.sep);
  const key = ['node_modules'];
  for (let at = 0; at < segments.length;) {
    const scoped = segments[at]?.startsWith('@') === true;
    key.push(...segments.slice(at, at + (scoped ? 2 : 1)));
    at += scoped ? 2 : 1;
    if (segments[at] !== 'node_modules') break;
    key.push('node_modules');
    at += 1;
  }
  return key.join('/');
}

/**
 * Ships the UI build: after Vite writes dist/web, records what it was built from
 * (dist/ui-build.json, see buildInputs.ts) and copies the SLDS files the Salesforce emulator's
 * console page uses into dist/ (emulatorAssets.ts). Build only: Vitest shares vite.config.ts.
 */
export function shippedUi(repoRoot: string): Plugin {
  let distRoot = path.join(repoRoot, 'dist');
  let graphFiles: string[] = [];
  let bundledPackages: string[] = [];
  return {
    name: 'shipped-ui',
    apply: 'build',
    configResolved(config) {
      // dist/web's parent: `vite build --outDir <tmp>/dist/web` (npm run check:ui-build) writes the whole record there.
      distRoot = path.dirname(path.resolve(config.root, config.build.outDir));
    },
    buildStart() {
      // A build that fails leaves no record, so the next `npm start` rebuilds instead of trusting a half-written dist/web.
      fs.rmSync(recordFile(distRoot), { force: true });
    },
    generateBundle() {
      // node_modules may be a link (a worktree sharing another checkout's): Vite reports real paths.
      const nodeModulesDirs = [path.join(repoRoot, 'node_modules'), fs.realpathSync(path.join(repoRoot, 'node_modules'))];
      const files = new Set<string>();
      const packages = new Set<string>();
      for (const id of this.getModuleIds()) {
        if (id.startsWith('\0')) continue;
        const file = id.replace(/[?#].*$/, '');
        if (!path.isAbsolute(file)) continue;
        const key = nodeModulesDirs.map((dir) => lockfileKey(file, dir)).find((found) => found !== undefined);
        if (key !== undefined) packages.add(key);
        else if (file.startsWith(repoRoot + path.sep)) files.add(path.relative(repoRoot, file).split(path.sep).join('/'));
      }
      graphFiles = [...files];
      bundledPackages = [...packages];
    },
    // After the files are written, and only then (closeBundle also runs after a failed build).
    writeBundle() {
      const slds = path.dirname(createRequire(path.join(repoRoot, 'package.json')).resolve('@salesforce-ux/design-system/package.json'));
      copyEmulatorAssets(repoRoot, path.join(slds, 'assets'), path.join(distRoot, EMULATOR_ASSETS_DIR));
      const record = recordInputs(repoRoot, graphFiles, bundledPackages);
      fs.writeFileSync(recordFile(distRoot), JSON.stringify({ ...record, note: NOTE }, null, 2) + '\n');
    },
  };
}

function recordFile(distRoot: string): string {
  return path.join(distRoot, path.relative('dist', BUILD_INPUTS_FILE));
}

const NOTE =
  'Written by `npm run build` (scripts/ui/shippedUiPlugin.ts): what dist/ was built from. `npm start` rebuilds only when this hash no longer matches; `npm run check:ui-build` checks dist/ is exactly what the sources build.';
