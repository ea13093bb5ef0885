#!/usr/bin/env bash
# n8n's own CLI lint, `n8n-node lint` (@n8n/node-cli), in strict mode with the CLI's unmodified default
# ESLint config, over what the package ships from source: nodes/, credentials/ and package.json.
#
# Why a staged copy: package.json keeps "n8n": {"strict": true} (the CLI's mark of a package eligible for
# n8n Cloud), and in strict mode the CLI refuses any eslint.config.mjs but its one-line default. That
# default applied to the whole repository would hold the test, bench and script code to the Cloud rules
# (no process, timers or node: imports), which that code needs. So the sources are linted here, in a
# folder that is an n8n node package with the default config, and the repository's own eslint.config.mjs
# keeps running the community scanner's rule sets on the same sources and typescript-eslint on the rest.
# File paths in the report point at the real files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
stage="$root/.tmp/n8n-node-lint"
rm -rf "$stage"
mkdir -p "$stage"
trap 'rm -rf "$stage"' EXIT
cp -r nodes credentials package.json tsconfig.json "$stage/"
cp node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs "$stage/"
ln -s "$root/node_modules" "$stage/node_modules"
files=$(find nodes credentials -name '*.ts' | wc -l)
cd "$stage"
if "$root/node_modules/.bin/n8n-node" lint 2>&1 | sed "s#$stage/#$root/#g"; then
	echo "n8n-node lint (strict mode, default config): $files TypeScript files and package.json, no problems"
else
	exit 1
fi
