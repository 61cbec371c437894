import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What the shipped UI (dist/) was built from, so `npm start` can tell an unchanged UI from a
 * changed one without running Vite (a devDependency, absent after `npm ci --omit=dev`).
 *
 * The build records the files and packages that went into it (Vite's module graph, plus every
 * file under web/) with one hash over their contents; at start the same hash is computed over
 * the same list. Packages are hashed by their package-lock.json entry (version and integrity),
 * not their files, because after `npm ci --omit=dev` the bundled packages (lit, SLDS) are not
 * installed: the lockfile still says exactly which ones the build used.
 */
export interface BuildInputs {
  /** sha256 over `files` (path and content) and `packages` (lockfile version and integrity). */
  hash: string;
  /** Repository-relative paths, sorted: sources under web/ and what they import from contracts/ and rules/. */
  files: string[];
  /** package-lock.json keys (`node_modules/lit`, …) of the packages bundled, and of Vite itself. */
  packages: string[];
}

/** Where the build writes its record, beside dist/web. */
export const BUILD_INPUTS_FILE = 'dist/ui-build.json';

/**
 * Files that shape every build whatever the module graph says: the Vite config, this build's own
 * plugin, and the emulator page whose /assets references decide which SLDS files are copied.
 */
export const BUILD_CONFIG_FILES = [
  'vite.config.ts',
  'scripts/ui/buildInputs.ts',
  'scripts/ui/shippedUiPlugin.ts',
  'scripts/ui/emulatorAssets.ts',
  'emulators/salesforce/console/index.html',
  'emulators/salesforce/console/console.js',
];

/** Vite builds the bundle, so its version is an input even though nothing imports it. */
const BUILD_TOOL_PACKAGES = ['node_modules/vite'];

/** Files under web/ that never reach the bundle: tests and notes. Changing them is no reason to rebuild. */
function isWebSource(relativePath: string): boolean {
  return !/\.test\.ts$/.test(relativePath) && !/\.md$/i.test(relativePath);
}

/** Every file under web/ that may reach the bundle, repository-relative, with forward slashes. */
export function webSourceFiles(root: string): string[] {
  const webDir = path.join(root, 'web');
  return fs
    .readdirSync(webDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter(isWebSource);
}

/** The full, sorted list of files a build depends on: the graph's, web/'s and the config's. */
export function inputFiles(root: string, graphFiles: Iterable<string>): string[] {
  return [...new Set([...graphFiles, ...webSourceFiles(root), ...BUILD_CONFIG_FILES])].sort();
}

/** The sorted, de-duplicated package-lock keys of the bundled packages plus the build tool's. */
export function inputPackages(bundled: Iterable<string>): string[] {
  return [...new Set([...bundled, ...BUILD_TOOL_PACKAGES])].sort();
}

interface LockfileEntry {
  version?: string;
  integrity?: string;
}

function readLockfilePackages(root: string): Record<string, LockfileEntry> {
  const lockfile = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages?: Record<string, LockfileEntry> };
  return lockfile.packages ?? {};
}

/**
 * One hash over the listed inputs. A file that no longer exists hashes as missing (deleting an
 * input is a change); a package hashes by version and integrity only, since npm rewrites the
 * lockfile's other fields (such as `dev`) when a dependency merely moves between sections.
 */
export function hashInputs(root: string, files: readonly string[], packages: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const absolute = path.join(root, file);
    hash.update(`file\0${file}\0`);
    // Line endings as git stores them: a checkout with core.autocrlf is the same sources.
    hash.update(fs.existsSync(absolute) ? fs.readFileSync(absolute, 'latin1').replaceAll('\r\n', '\n') : '\0missing', 'latin1');
    hash.update('\0');
  }
  const lockfile = readLockfilePackages(root);
  for (const key of packages) {
    const entry = lockfile[key];
    hash.update(`package\0${key}\0${entry ? `${entry.version ?? ''}\0${entry.integrity ?? ''}` : '\0missing'}\0`);
  }
  return hash.digest('hex');
}

/** The record a build writes: what it was built from and their hash. */
export function recordInputs(root: string, graphFiles: Iterable<string>, bundledPackages: Iterable<string>): BuildInputs {
  const files = inputFiles(root, graphFiles);
  const packages = inputPackages(bundledPackages);
  return { hash: hashInputs(root, files, packages), files, packages };
}

/**
 * The hash the sources have now, over the shipped build's own list (a file added under web/
 * joins the list, so a new page or component counts as a change too).
 */
export function currentHash(root: string, shipped: BuildInputs): string {
  return hashInputs(root, inputFiles(root, shipped.files), inputPackages(shipped.packages));
}

/** The shipped build's record, or undefined when there is none (or it is unreadable: then it must be rebuilt). */
export function readShippedInputs(root: string): BuildInputs | undefined {
  const file = path.join(root, BUILD_INPUTS_FILE);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BuildInputs>;
    if (typeof parsed.hash !== 'string' || !Array.isArray(parsed.files) || !Array.isArray(parsed.packages)) return undefined;
    return { hash: parsed.hash, files: parsed.files, packages: parsed.packages };
  } catch {
    return undefined;
  }
}
