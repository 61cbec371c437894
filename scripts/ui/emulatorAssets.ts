import fs from 'node:fs';
import path from 'node:path';

/**
 * The SLDS files the Salesforce emulator's console page uses, copied at build time from
 * @salesforce-ux/design-system (a devDependency) into dist/, from where the emulator serves them
 * at /assets (demo mode runs the emulator inside the app, so a production install needs them too).
 * The page's own `/assets/…` references decide the list, plus what the stylesheets it links point
 * to with `url(…)`: a new icon on the page is copied without a second list to keep in step.
 * The files are copied unmodified (the icons' CC BY-ND licence asks for that).
 */
export const EMULATOR_PAGE_FILES = ['emulators/salesforce/console/index.html', 'emulators/salesforce/console/console.js'];

/** Where the copies go, under the build's root (dist/): the emulator serves this folder at /assets. */
export const EMULATOR_ASSETS_DIR = 'emulators/salesforce/assets';

/** `/assets/styles/x.css` → `styles/x.css`, for every reference in the page's texts. */
export function referencedAssets(pageTexts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of pageTexts) {
    for (const match of text.matchAll(/["'(]\/assets\/([A-Za-z0-9_.\-/]+)/g)) if (match[1]) found.add(match[1]);
  }
  return [...found].sort();
}

/** The relative `url(…)` targets of a stylesheet at `cssPath` (relative to assets/), resolved to assets/ paths. */
export function stylesheetAssets(cssPath: string, css: string): string[] {
  const found = new Set<string>();
  for (const match of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    const target = match[1]?.trim() ?? '';
    if (target === '' || /^(data:|#|[a-z]+:|\/)/i.test(target)) continue;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(cssPath), target.replace(/[?#].*$/, '')));
    if (!resolved.startsWith('../')) found.add(resolved);
  }
  return [...found].sort();
}

/**
 * Copies the referenced SLDS assets from `sldsAssetsDir` (the package's assets/ folder) into
 * `targetDir`, replacing what was there, and answers the copied paths. A reference to a file the
 * package does not have fails the build: the page would show a broken image.
 */
export function copyEmulatorAssets(repoRoot: string, sldsAssetsDir: string, targetDir: string): string[] {
  const pageTexts = EMULATOR_PAGE_FILES.map((file) => fs.readFileSync(path.join(repoRoot, file), 'utf8'));
  const wanted = new Set(referencedAssets(pageTexts));
  for (const asset of [...wanted]) {
    if (asset.endsWith('.css')) for (const inner of stylesheetAssets(asset, fs.readFileSync(path.join(sldsAssetsDir, asset), 'utf8'))) wanted.add(inner);
  }
  fs.rmSync(targetDir, { recursive: true, force: true });
  const copied = [...wanted].sort();
  for (const asset of copied) {
    const source = path.join(sldsAssetsDir, asset);
    if (!fs.existsSync(source))
      throw new Error(`${EMULATOR_PAGE_FILES.join(' or ')} refers to /assets/${asset}, which @salesforce-ux/design-system does not have.`);
    fs.mkdirSync(path.dirname(path.join(targetDir, asset)), { recursive: true });
    fs.copyFileSync(source, path.join(targetDir, asset));
  }
  return copied;
}
