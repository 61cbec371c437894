#!/usr/bin/env bash
# `npm run dev`: the app restarted when its server code changes (tsx watch) and the UI rebuilt into
# dist/ when web/ changes (vite build --watch; reload the page to see it; commit dist/ with the sources,
# README › The shipped UI). Both stop together.
# A script rather than a dependency such as concurrently: two processes and a trap are all it takes.
set -euo pipefail
cd "$(dirname "$0")/.."
npx vite build --watch --logLevel warn &
vite_pid=$!
trap 'kill "$vite_pid" 2>/dev/null || true' EXIT INT TERM
# Replies are checked against their contracts while developing (a mismatch answers 500, saying what differs).
CHECK_REPLIES="${CHECK_REPLIES:-true}" npx tsx watch --clear-screen=false server/main.ts "$@"
