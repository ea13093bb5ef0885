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
	process.exitCode = errors > 0 ? 1 : 0;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
