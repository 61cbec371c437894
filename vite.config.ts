import { defineConfig } from 'vitest/config';

// One config for the admin UI build (web/ → dist/web) and for Vitest.
export default defineConfig({
  root: 'web',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  test: {
    root: '.',
    include: ['{contracts,server,rules,lib,emulators,web,bench,migrations}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start real servers on free ports and open real SQLite files; two workers suit 2 cores.
    maxWorkers: 2,
  },
});
