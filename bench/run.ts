/**
 * npm run bench [-- --quick] [--only <words>] [--out <folder>] [--runtime <folder> --tarball <file>]
 *
 * Runs this package, packed and installed as a community package, in real n8n (Node 24 + n8n from the
 * cache) against a mock of the service, and prints per scenario, side by side: the lower bound, the
 * node with default options, a stock-n8n workflow doing the same work, and the sequential SDK pattern,
 * with wall time, ratio to the bound, requests per task, 429s and the n8n process's peak RSS growth.
 * Each scenario of the full run gets a fresh n8n process (a request budget is shared per account and
 * service within a process, so what one scenario taught it must not reach the next).
 * Results also go to .tmp/bench/results.{json,md}. `--quick` runs a small version (the test suite
 * checks that it runs and prints its table, never how fast). `--only` keeps scenarios whose title
 * contains one of the comma-separated words.
 */
import { join } from 'node:path';

import { REPO_ROOT } from '../test/e2e/support/runtime';
import { stopAll } from '../test/e2e/support/processes';
import { BenchHarness } from './harness';
import { textTable, writeResults } from './report';
import { runScenario, scenarios, type Row } from './scenarios';

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : undefined;
}

const UPLOAD_BYTES = 6_000_000;

async function main() {
	const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
	const only = flag('only')?.split(',').map((word) => word.trim().toLowerCase());
	const out = flag('out') ?? join(REPO_ROOT, '.tmp', 'bench');
	process.env.BENCH_LOG_DIR ??= join(out, 'logs');
	const chosen = scenarios({ quick }).filter((s) => !only || only.some((word) => s.title.toLowerCase().includes(word)));
	const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

	progress(`${quick ? 'quick' : 'full'} run: ${chosen.length} scenarios; starting real n8n with the packed package`);
	const t0 = Date.now();
	const harness = await BenchHarness.start({
		runtime: flag('runtime'),
		tarball: flag('tarball'),
		uploadBytes: UPLOAD_BYTES,
		stockQuota: 10,
		stockWaitSeconds: quick ? 1 : 3,
	});
	progress(`n8n ready in ${Math.round((Date.now() - t0) / 1000)} s (pid ${harness.pid})`);
	// Interrupted: stop n8n and the mock, remove the temporary n8n folder.
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void harness.stop().finally(() => process.exit(130)));
	const rows: Row[] = [];
	try {
		for (const [index, scenario] of chosen.entries()) {
			// the quick run (a check that the benchmark works) keeps one process to stay short
			if (index > 0 && !quick) await harness.restartN8n();
			progress(scenario.title);
			rows.push(...(await runScenario(harness, scenario, progress)));
		}
	} finally {
		await harness.stop();
		await stopAll();
	}
	const heading = `# Benchmark${quick ? ' (quick)' : ''}: real n8n ${process.env.N8N_VERSION ?? '2.41.1'}, mock service; ${new Date().toISOString()}`;
	process.stdout.write(`${heading}\n${textTable(rows)}\n\n`);
	for (const file of writeResults(out, rows, heading)) process.stdout.write(`written: ${file}\n`);
}

main().catch(async (error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	await stopAll();
	process.exit(1);
});
