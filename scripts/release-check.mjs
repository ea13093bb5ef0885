// Before a release is published: the pushed tag, package.json's version and a CHANGELOG.md entry must
// name the same release, so every version on npm has its changelog entry and no tag publishes a
// version nobody bumped. Usage: node scripts/release-check.mjs <tag, e.g. v0.2.0> [package root]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [tag, rootArgument] = process.argv.slice(2);
const root = rootArgument ? path.resolve(rootArgument) : path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (!tag) problems.push('no tag given: pass the pushed tag, e.g. v0.2.0');
else if (tag !== `v${version}`) problems.push(`tag ${tag} does not match package.json version ${version} (expected v${version})`);

// The entry is a level-2 heading that starts with the version: "## 0.2.0", "## 0.2.0 (2026-12-02)".
const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
const heading = changelog.split('\n').find((line) => line.startsWith('## ') && line.slice(3).split(/\s/)[0] === version);
if (!heading) problems.push(`CHANGELOG.md has no "## ${version}" entry: add what this release changes`);
else if (/unreleased/i.test(heading)) problems.push(`CHANGELOG.md still marks ${version} unreleased ("${heading}"): put the release date there`);

if (problems.length > 0) {
	for (const problem of problems) console.error(`release check: ${problem}`);
	process.exit(1);
}
console.log(`release check: ${tag} = package.json ${version}, CHANGELOG.md "${heading}"`);
