#!/usr/bin/env bash
# `npm run check:production-install` (part of .ci/run): a git clone installed the way a self-hoster
# does, `npm ci --omit=dev && npm start`, serves the UI without any devDependency. Clones the
# committed HEAD into a temporary folder, installs without devDependencies (from npm's cache where
# it can), checks that Vite, lit and SLDS are absent, starts the app in demo mode on free ports,
# fetches the admin page, its script and the Salesforce emulator's SLDS files, and checks that
# prestart used the shipped build. Then changes a UI source and checks that `npm start` refuses
# with what to do. Not part of `npm test`: the install compiles better-sqlite3 (minutes).
set -euo pipefail
repository="$(cd "$(dirname "$0")/.." && pwd)"
workspace="$(mktemp -d)"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill -TERM -- "-$app_pid" 2>/dev/null || true; fi
  rm -rf "$workspace"
}
trap cleanup EXIT
fail() {
  echo "check:production-install: $*" >&2
  [ -f "$workspace/start.log" ] && { echo "-- npm start's output:" >&2; cat "$workspace/start.log" >&2; }
  exit 1
}

git clone --quiet "$repository" "$workspace/app"
cd "$workspace/app"
echo "== npm ci --omit=dev in a clone of HEAD ($workspace/app)"
# better-sqlite3 compiles when no prebuilt binary can be downloaded: this Node's own headers
# spare node-gyp a download from nodejs.org.
node_dir="$(node -p "require('node:path').resolve(process.execPath, '../..')")"
if [ -f "$node_dir/include/node/node.h" ]; then export npm_config_nodedir="$node_dir"; fi
npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error
for dev_only in vite lit @lit/context @lit/task @salesforce-ux/design-system; do
  [ ! -e "node_modules/$dev_only" ] || fail "$dev_only is installed by npm ci --omit=dev: it must be a devDependency"
done
# --parseable lists the package itself first.
echo "   $(($(npm ls --omit=dev --all --parseable 2>/dev/null | wc -l) - 1)) packages, $(du -sh node_modules | cut -f1) in node_modules"

echo "== npm start: demo mode on free ports"
# setsid: npm, tsx and the app share one process group, stopped together.
DATA_DIR="$workspace/data" PORT=0 SF_EMULATOR_PORT=0 PD_EMULATOR_PORT=0 setsid npm start >"$workspace/start.log" 2>&1 &
app_pid=$!
app_url=""
for _ in $(seq 1 240); do
  app_url="$(grep -oE 'App: +http://[^ ]+' "$workspace/start.log" | awk '{print $2}' || true)"
  [ -n "$app_url" ] && break
  kill -0 "$app_pid" 2>/dev/null || fail "npm start exited before printing the app's address"
  sleep 0.5
done
[ -n "$app_url" ] || fail "npm start printed no address"
salesforce_url="$(grep -oE 'Salesforce emulator: +http://[^ ]+' "$workspace/start.log" | awk '{print $3}')"
if grep -q "Building the UI" "$workspace/start.log"; then fail "prestart rebuilt an unchanged UI"; fi

page="$(curl -fsS "$app_url/")" || fail "GET $app_url/ failed"
script="$(grep -oE '/assets/admin-[A-Za-z0-9_-]+\.js' <<<"$page" | head -1)"
[ -n "$script" ] || fail "GET / is not the admin UI's page:
$page"
curl -fsS -o /dev/null "$app_url$script" || fail "GET $script failed"
for asset in /assets/styles/salesforce-lightning-design-system.min.css /assets/icons/standard/case.svg; do
  curl -fsS -o /dev/null "$salesforce_url$asset" || fail "the Salesforce emulator does not serve $asset"
done
echo "   $app_url/ serves the admin UI ($script); the Salesforce emulator serves its SLDS files"
kill -TERM -- "-$app_pid"
wait "$app_pid" || true
app_pid=""

echo "== npm start with a changed UI source and no Vite: refuses and says what to do"
echo "// changed" >>web/main.ts
# timeout: should it start after all, its process group is stopped rather than left running.
if DATA_DIR="$workspace/data" PORT=0 SF_EMULATOR_PORT=0 PD_EMULATOR_PORT=0 timeout 120 npm start >"$workspace/start.log" 2>&1; then fail "npm start started with a UI built from other sources"; fi
grep -q "npm ci && npm run build" "$workspace/start.log" || fail "npm start's refusal does not say what to do"
echo "== a production install starts with the shipped UI, and refuses a stale one"
