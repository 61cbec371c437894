#!/usr/bin/env bash
# Proves that a bare `git clone` (nothing beside it: no ../shared) passes the suites that read
# PagerDuty's reference files: they skip with one line saying how to get them. Clones the
# committed HEAD into a temporary folder, links this checkout's node_modules (no install), and
# runs those suites there; then checks that CI=true makes the same clone fail loudly.
set -euo pipefail
repository="$(cd "$(dirname "$0")/.." && pwd)"
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT
git clone --quiet "$repository" "$workspace/clone"
ln -s "$(readlink -f "$repository/node_modules")" "$workspace/clone/node_modules"
cd "$workspace/clone"
# Only oracles/location.ts may know where the reference files are by default (in code, not comments):
# a suite reading ../shared by itself would fail, not skip, in a bare clone.
strays="$(git grep -n "shared/oracles" -- '*.ts' ':!emulators/pagerduty/openapi/oracles/location.ts' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|//|/\*)' || true)"
if [ -n "$strays" ]; then
  echo "These lines read ../shared/oracles directly; use PAGERDUTY_ORACLES_DIR through emulators/pagerduty/openapi/oracles/location.ts and oraclesPresent():" >&2
  echo "$strays" >&2
  exit 1
fi
suites=$(
  grep -rlE "oraclesPresent|testing/harness'" --include='*.test.ts' emulators
  grep -rl "oraclesPresent" --include='*.test.ts' server
)
unset PAGERDUTY_ORACLES_DIR CI
echo "== a bare clone in $workspace/clone: the suites that read PagerDuty's reference files"
# shellcheck disable=SC2086
npx vitest run $suites 2>&1 | tee "$workspace/bare.log"
grep -q "npm run oracles:fetch" "$workspace/bare.log" || { echo "expected the one-line hint (npm run oracles:fetch)"; exit 1; }
echo "== the same clone with CI=true must fail (the reference files are required in CI)"
# shellcheck disable=SC2086
if CI=true npx vitest run $suites >"$workspace/ci.log" 2>&1; then
  echo "CI=true passed without the reference files"
  exit 1
fi
grep -q "CI=true requires PagerDuty's reference files" "$workspace/ci.log" || { cat "$workspace/ci.log"; exit 1; }
echo "== bare clone: oracle suites skip with a hint, and CI=true refuses to skip"
