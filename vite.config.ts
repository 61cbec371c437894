import { defineConfig } from 'vitest/config';
import { shippedUi } from './scripts/ui/shippedUiPlugin.ts';

// One config for the web build (web/ → dist/web) and for Vitest. Three pages: the admin UI
// (index.html), the agents' Command Console (console/index.html) and their Status Dashboard
// (console/dashboard/index.html); the server serves the agents' pages only to a verified Canvas
// signed request (server/http/postCanvasPage.ts). The build is committed (dist/, see README ›
// "The shipped UI") so that `npm ci --omit=dev && npm start` needs no Vite; shippedUi records what
// it was built from and copies the SLDS files the Salesforce emulator's page uses.
export default defineConfig({
  root: 'web',
  plugins: [shippedUi(import.meta.dirname)],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      input: { admin: 'web/index.html', console: 'web/console/index.html', dashboard: 'web/console/dashboard/index.html' },
      // Rolldown warns when plugins take most of a build, which any loaded 2-core machine makes true;
      // build time is not this config's business (npm start builds only a changed UI).
      checks: { bundlerTimings: false },
    },
  },
  test: {
    root: '.',
    include: ['{contracts,server,rules,lib,emulators,web,bench,migrations,scripts}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start real servers on free ports and open real SQLite files; two workers suit 2 cores.
    maxWorkers: 2,
  },
});
