import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { tsImport } from 'tsx/esm/api';
import type * as ConfigModule from '../../server/config';
import type * as StartModule from '../../server/start';
import type { RunningApp } from '../../server/start';

/**
 * Loads a server module through tsx, as `npm start` runs it: Playwright's own TypeScript loader
 * does not resolve some of the server's package imports (jsforce's file subpaths).
 */
export function loadServerModule<T>(specifier: string): Promise<T> {
  return tsImport(path.resolve(import.meta.dirname, '../..', specifier), import.meta.url) as Promise<T>;
}

export interface SignedInApp {
  app: RunningApp;
  /** A browser context signed in through the printed one-time link (it works once). */
  signedIn: BrowserContext;
  close(): Promise<void>;
}

/**
 * What every admin-UI spec starts with: the app in demo mode on free ports (both emulators, a
 * fresh data dir), as `npm start` runs it, and a browser context signed in with its link.
 * `starterRulesets`: with the demo's starter rulesets, enabled, as `npm start` adds them.
 */
export async function startSignedInApp(browser: Browser, label: string, options: { starterRulesets?: boolean } = {}): Promise<SignedInApp> {
  if (!fs.existsSync(path.resolve(import.meta.dirname, '../../dist/web/index.html'))) {
    throw new Error('The admin UI is not built: run `npm run build:web` before the e2e tests (npm test does).');
  }
  const { loadConfig } = await loadServerModule<typeof ConfigModule>('server/config.ts');
  const { startApp } = await loadServerModule<typeof StartModule>('server/start.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pdsc-e2e-${label}-`));
  const app = await startApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', SF_EMULATOR_PORT: '0', PD_EMULATOR_PORT: '0', DEMO: 'true', LOG_LEVEL: 'warn' }), {
    demoStarterRulesets: options.starterRulesets ?? false,
  });
  const signedIn = await browser.newContext();
  const page = await signedIn.newPage();
  await page.goto(app.signInUrl);
  await expect(page).toHaveURL(`${app.url}/summary`);
  await page.close();
  return {
    app,
    signedIn,
    async close() {
      await signedIn.close();
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** axe's serious and critical violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
