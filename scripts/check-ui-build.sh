#!/usr/bin/env bash
# `npm run check:ui-build` (part of .ci/run): the committed UI build (dist/) is exactly what
# `vite build` makes from the committed sources, so it cannot go stale. Vite's output is
# deterministic (content hashes, no dates or absolute paths), so the check builds into a temporary
# folder and compares every file, the record of the sources (dist/ui-build.json) included.
set -euo pipefail
cd "$(dirname "$0")/.."
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT
npx vite build --logLevel warn --outDir "$workspace/dist/web"
if ! diff -r --brief dist "$workspace/dist"; then
  echo
  echo "dist/ is not what the sources build (the lines above list the differences)."
  echo "Rebuild and commit it:   npm run build && git add -A dist && git commit"
  exit 1
fi
echo "== dist/ is exactly what vite build makes from the sources"
