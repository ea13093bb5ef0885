import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { e2eContext } from './support/context';
import { run } from './support/processes';
import { REPO_ROOT } from './support/runtime';

/** The benchmark is not a timed test: this only checks that its quick version runs in real n8n and prints its table. */
describe('npm run bench -- --quick', () => {
	let out: string;

	beforeAll(() => {
		out = mkdtempSync(join(tmpdir(), 'bench-'));
	});

	afterAll(() => rmSync(out, { recursive: true, force: true }));

	it('runs every way of doing the work in real n8n and prints the side-by-side table', async () => {
		const { runtime, tarball } = e2eContext();
		const { stdout } = await run(
			'node',
			['-r', 'ts-node/register/transpile-only', join('bench', 'run.ts'), '--quick', '--runtime', runtime, '--tarball', tarball, '--out', out],
			{ ...process.env, FORCE_COLOR: '0' },
			{ cwd: REPO_ROOT },
		);
		process.stdout.write(`${stdout}\n`);

		expect(stdout).toMatch(/what ran\s+\| wall s \| × bound \| requests\/task \|\s+429s \| peak RSS growth \|\s+delivered/);
		expect(stdout).toMatch(/^lower bound: 2 N \/ 10 per s \+ one task time\s+\|\s+3\.0 \|\s+1\.00× \|/m);
		// every row that ran in n8n delivered all its tasks
		expect(stdout).toMatch(/^the node, default options\s+\|.*\|\s+10\/10$/m);
		expect(stdout).toMatch(/^stock n8n: HTTP Request \(batch 10 per 1 s\) → Wait 1 s → HTTP Request → IF loop\s+\|/m);
		expect(stdout).toMatch(/^stock n8n: HTTP Request \(batch 10 per 1\.1 s\) → Wait 1 s → HTTP Request → IF loop\s+\|.*\|\s+10\/10$/m);
		expect(stdout).toMatch(/^SDK pattern: submit, sleep 5 s, poll, one at a time\s+\|.*\| 1\/1 \(sample\)$/m);
		expect(stdout).toMatch(/^the node, Max Requests per Second 1000\s+\|.*\|\s+100\/100$/m);
		expect(stdout).toMatch(/^stock n8n: two plain HTTP Request nodes \(submit, status\)\s+\|.*\|\s+100\/100$/m);

		const written = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { rows: Array<{ what: string; wallSeconds?: number }> };
		expect(written.rows.filter((row) => row.what.startsWith('lower bound')).length).toBeGreaterThanOrEqual(2);
		expect(readFileSync(join(out, 'results.md'), 'utf8')).toContain('| what ran | wall s | × bound |');
	}, 300_000);
});
