#!/usr/bin/env bash
# Type-checks the runtime code (nodes/, credentials/) against another n8n-workflow than the root's dev dependency:
# by default 1.120.31, the one n8n 1.123.81 (the tested 1.x) runs, so an API only 2.x has fails here, not in a
# user's n8n. The package is installed once into the e2e cache (outside the repository; a few seconds, ~60 MB)
# and tsc resolves 'n8n-workflow' there through a generated tsconfig's `paths`.
#   N8N_WORKFLOW_VERSION   exact version to check against (default 1.120.31)
#   N8N_E2E_CACHE          cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-alibaba-multimodal)
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=${N8N_WORKFLOW_VERSION:-1.120.31}
CACHE_ROOT=${N8N_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-alibaba-multimodal}
DIR="$CACHE_ROOT/n8n-workflow-$VERSION"

if [ ! -f "$DIR/.complete" ]; then
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.install-n8n-workflow-$VERSION.lock"
  flock 9
  if [ ! -f "$DIR/.complete" ]; then
    echo "[typecheck] installing n8n-workflow $VERSION into $DIR (once)" >&2
    rm -rf "$DIR.tmp"; mkdir -p "$DIR.tmp"
    echo '{"private":true}' > "$DIR.tmp/package.json"
    ( cd "$DIR.tmp" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error "n8n-workflow@$VERSION" >&2 )
    touch "$DIR.tmp/.complete"
    rm -rf "$DIR"; mv "$DIR.tmp" "$DIR"
  fi
fi

mkdir -p .tmp
CONFIG=".tmp/tsconfig.n8n-workflow-$VERSION.json"
cat > "$CONFIG" <<JSON
{
  "extends": "../tsconfig.json",
  "compilerOptions": {
    "noEmit": true,
    "declaration": false,
    "baseUrl": "..",
    "paths": { "n8n-workflow": ["$DIR/node_modules/n8n-workflow"] }
  },
  "include": ["../credentials/**/*.ts", "../nodes/**/*.ts", "../nodes/**/*.json", "../package.json"]
}
JSON
echo "[typecheck] nodes/ and credentials/ against n8n-workflow $VERSION" >&2
# One tsc run with its module resolution traced: a paths entry that stopped matching would silently fall back
# to the root's n8n-workflow 2.x, so where 'n8n-workflow' resolved is checked, then the errors are shown.
TRACE=.tmp/typecheck-n8n-workflow.trace
rc=0; npx tsc -p "$CONFIG" --traceResolution > "$TRACE" 2>&1 || rc=$?
grep -E '^[^ ]+\([0-9]+,[0-9]+\): error' "$TRACE" || true
if ! grep -q "Module name 'n8n-workflow' was successfully resolved to '$DIR/" "$TRACE"; then
  echo "[typecheck] tsc did not resolve n8n-workflow to $DIR" >&2; exit 1
fi
if grep -q "Module name 'n8n-workflow' was successfully resolved to '$PWD/node_modules/" "$TRACE"; then
  echo "[typecheck] some file still resolved n8n-workflow from the root node_modules" >&2; exit 1
fi
rm -f "$TRACE"
[ "$rc" -eq 0 ] && echo "[typecheck] clean against n8n-workflow $VERSION" >&2
exit "$rc"
