#!/usr/bin/env bash
# The full test suite, in the order a failure is cheapest to find:
#   build → lint (n8n community rules) → typecheck of tests → unit + engine tests (n8n-core, emulator)
#   → real n8n end to end (when scripts/e2e/run.sh exists; skip with SKIP_E2E=1)
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

stage "build"
npm run --silent build || { echo "build failed"; failed=$((failed+1)); stage_failed=1; finish; }

stage "lint (n8n community-node rules, zero errors allowed)"
if npx eslint --max-warnings=-1 .; then echo "lint clean"; else stage_failed=1; fi

stage "typecheck (sources and tests)"
npx tsc -p tsconfig.test.json || stage_failed=1

stage "unit and engine tests (jest)"
rm -f .tmp/jest.json
npx jest --json --outputFile=.tmp/jest.json "$@"
jest_rc=$?
if [ -f .tmp/jest.json ]; then
  read -r p f < <(node -e 'const r=require("./.tmp/jest.json");console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0))')
  passed=$((passed+p)); failed=$((failed+f))
fi
[ "$jest_rc" -eq 0 ] || stage_failed=1

if [ -x scripts/e2e/run.sh ] && [ "${SKIP_E2E:-0}" != "1" ]; then
  stage "real n8n end to end"
  if scripts/e2e/run.sh > >(tee .tmp/e2e.log) 2>&1; then :; else stage_failed=1; fi
  read -r p f < <(node -e 'const t=require("fs").readFileSync(".tmp/e2e.log","utf8");const m=[...t.matchAll(/^e2e: (\d+) passed, (\d+) failed$/gm)].pop();console.log(m?m[1]:0, m?m[2]:1)')
  passed=$((passed+p)); failed=$((failed+f))
fi

finish
