// The publish workflow's gate (scripts/release-check.mjs): a tag publishes only the version package.json
// names, and only with a dated CHANGELOG.md entry for it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', '..', 'scripts', 'release-check.mjs');

function check(tag: string, version: string, changelog: string): Promise<{ code: number; output: string }> {
	const root = mkdtempSync(join(tmpdir(), 'release-check-'));
	writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'n8n-nodes-x', version }));
	writeFileSync(join(root, 'CHANGELOG.md'), changelog);
	return new Promise((resolve) => {
		execFile(process.execPath, [script, tag, root], (error, stdout, stderr) => {
			rmSync(root, { recursive: true, force: true });
			resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
		});
	});
}

const CHANGELOG = '# Changelog\n\n## 0.2.0 (2026-12-02)\n\n- New.\n\n## 0.1.0 (2026-11-01)\n\n- First.\n';

describe('release check', () => {
	it('passes when the tag, the version and a dated changelog entry agree', async () => {
		await expect(check('v0.2.0', '0.2.0', CHANGELOG)).resolves.toEqual({
			code: 0,
			output: 'release check: v0.2.0 = package.json 0.2.0, CHANGELOG.md "## 0.2.0 (2026-12-02)"\n',
		});
	});

	it('fails on a tag that is not the package version', async () => {
		const result = await check('v0.3.0', '0.2.0', CHANGELOG);
		expect(result.code).toBe(1);
		expect(result.output).toContain('tag v0.3.0 does not match package.json version 0.2.0');
	});

	it('fails on a version without a changelog entry, and on one still marked unreleased', async () => {
		const missing = await check('v0.3.0', '0.3.0', CHANGELOG);
		expect(missing.code).toBe(1);
		expect(missing.output).toContain('CHANGELOG.md has no "## 0.3.0" entry');
		const unreleased = await check('v0.3.0', '0.3.0', '# Changelog\n\n## 0.3.0 (unreleased)\n\n- Soon.\n');
		expect(unreleased.code).toBe(1);
		expect(unreleased.output).toContain('still marks 0.3.0 unreleased');
	});

	it('does not take a longer version for the one tagged', async () => {
		const result = await check('v0.1.0', '0.1.0', '# Changelog\n\n## 0.1.0-rc.1 (2026-10-01)\n');
		expect(result.code).toBe(1);
		expect(result.output).toContain('no "## 0.1.0" entry');
	});
});
