#!/usr/bin/env bash
# The full test suite, in the order a failure is cheapest to find:
#   docs (generated pages, links) → build → lint (n8n community rules, layer zones) → import circles
#   → n8n's own CLI lint (n8n-node lint) → typecheck of tests
#   → typecheck of nodes/credentials against n8n-workflow 1.120.x (what n8n 1.123 runs)
#   → unit + engine tests (n8n-core, emulator) → scanner lint of the packed tarball
#   → real n8n end to end on every version of the matrix (skip the last two with SKIP_E2E=1; E2E_N8N_VERSIONS=2.41.1
#     narrows the matrix; the first run installs each runtime into the cache: about 3 GB and 3+ minutes per version)
# Ends with one summary line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
passed=0; failed=0
stage() { echo; echo "==> $*"; }
finish() {
  echo
  echo "tests: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "${stage_failed:-0}" -eq 0 ]
  exit $?
}
stage_failed=0

# Runs one jest selection and adds its counts to the totals.
jest_stage() {
  local report=".tmp/jest-$1.json"; shift
  rm -f "$report"
  npx jest --json --outputFile="$report" "$@"
  local rc=$?
  if [ -f "$report" ]; then
    read -r p f < <(node -e 'const r=require("./'"$report"'");console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0))')
    passed=$((passed+p)); failed=$((failed+f))
  else
    failed=$((failed+1))
  fi
  [ "$rc" -eq 0 ] || stage_failed=1
}

stage "docs (seconds, no build: reference pages match the node descriptions, every link and anchor resolves)"
jest_stage docs --selectProjects unit --runTestsByPath test/unit/docs/nodePages.test.ts test/unit/docs/links.test.ts

stage "build"
npm run --silent build || { echo "build failed"; failed=$((failed+1)); stage_failed=1; finish; }

stage "lint (n8n community-node rules and the layer zones, zero errors allowed)"
if npx eslint --max-warnings=-1 .; then echo "lint clean"; else stage_failed=1; fi

stage "import circles (nodes and credentials, type-only imports included)"
node -r ts-node/register/transpile-only scripts/imports/check-cycles.ts || stage_failed=1

stage "n8n's own CLI lint (n8n-node lint in strict mode, its default config, over nodes, credentials and package.json)"
if bash scripts/lint-n8n.sh; then echo "n8n-node lint clean"; else stage_failed=1; fi

stage "typecheck (sources and tests)"
npx tsc -p tsconfig.test.json || stage_failed=1

stage "typecheck of the runtime code against n8n-workflow 1.120.x (n8n 1.123.x's; the root has 2.x)"
bash scripts/typecheck-n8n-workflow.sh || stage_failed=1

stage "unit and engine tests (jest: n8n-core engine against the emulator)"
jest_stage core --selectProjects unit emulator engine --testPathIgnorePatterns /test/unit/docs/ "$@"

if [ "${SKIP_E2E:-0}" != "1" ]; then
  stage "scanner lint of the packed tarball"
  npm pack --silent --pack-destination .tmp >/dev/null && node scripts/scan-tarball.mjs .tmp/n8n-nodes-alibaba-multimodal-*.tgz || stage_failed=1
  rm -f .tmp/n8n-nodes-alibaba-multimodal-*.tgz

  stage "real n8n end to end (n8n 2.41.1 on Node 24 and 1.123.81 on Node 22, from the cache; CLI, webhook server, queue mode, editor)"
  jest_stage e2e --selectProjects e2e --runInBand
fi

finish
