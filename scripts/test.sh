#!/usr/bin/env bash
# `npm test`: the typecheck, lint (the boundaries between rooms, Prettier, typescript-eslint), every Vitest suite (unit and integration, PostgreSQL where reachable),
# then the Playwright specs in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# The app runs on Node 22 and 24 only (its HTTP client, undici 8, does not load on Node 20): on an
# older Node the whole command runs again on Node 22 from the npm registry (scripts/with-node.sh),
# so `npm test` passes on a machine whose own Node is older, as this one's 20.
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  echo "== Node $(node --version) is older than the app supports (22, 24): npm test runs on Node 22 (scripts/with-node.sh)"
  exec bash scripts/with-node.sh 22 bash scripts/test.sh
fi
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
