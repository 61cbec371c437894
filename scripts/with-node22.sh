#!/usr/bin/env bash
# `bash scripts/with-node22.sh [command...]`: the command (default: npm test) on Node 22; see with-node.sh.
exec bash "$(dirname "$0")/with-node.sh" 22 "$@"
