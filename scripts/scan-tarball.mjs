// Runs the ESLint part of n8n's community package scanner over the packed tarball, as the scanner does
// after publishing: the compiled **/*.js and package.json, same rule sets, inline disable comments ignored.
// Usage: node scripts/scan-tarball.mjs <package.tgz>
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import fg from 'fast-glob';

import { scannerConfig } from '../eslint.config.mjs';

const tarball = process.argv[2];
if (!tarball) {
	console.error('usage: node scripts/scan-tarball.mjs <package.tgz>');
	process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'scan-'));
try {
	execFileSync('tar', ['xzf', tarball, '-C', dir]);
	const root = join(dir, 'package');
	const eslint = new ESLint({ cwd: root, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: scannerConfig });
	const files = fg.sync(['**/*.js', 'package.json'], { cwd: root, absolute: true, ignore: ['node_modules/**'] });
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	if (errors > 0) console.log((await eslint.loadFormatter('stylish')).format(results));
	console.log(`scanner lint of ${tarball.split('/').pop()}: ${files.length} files, ${errors} errors, ${warnings} warnings`);
	// Every node ships its output schemas (n8n shows them in the editor before a first run).
	const nodeDirs = fg.sync('dist/nodes/Alibaba*', { cwd: root, onlyDirectories: true });
	const missing = nodeDirs.filter((node) => fg.sync(`${node}/__schema__/**/*.json`, { cwd: root }).length === 0);
	const schemas = fg.sync('dist/nodes/**/__schema__/**/*.json', { cwd: root }).length;
	console.log(`output schemas in the tarball: ${schemas} files for ${nodeDirs.length - missing.length} of ${nodeDirs.length} nodes`);
	if (missing.length > 0) console.log(`nodes without output schemas: ${missing.join(', ')}`);
	process.exitCode = errors > 0 || missing.length > 0 || nodeDirs.length === 0 ? 1 : 0;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
