#!/usr/bin/env bash
# `npm test`: the typecheck, lint (the boundaries between rooms, Prettier, typescript-eslint), every Vitest suite (unit and integration, PostgreSQL where reachable),
# then the Playwright specs in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"
npx tsc --noEmit -p tsconfig.json
echo "== lint: boundaries between rooms (dependency-cruiser), format (Prettier), typescript-eslint"
npm run --silent lint
echo "== unit and integration tests (vitest)"
npx vitest run
echo "== browser tests (playwright, chromium)"
bash scripts/ensure-chromium.sh
npx vite build --logLevel warn
npx playwright test
