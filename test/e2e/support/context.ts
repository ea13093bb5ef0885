import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runtimeAt, WORK_DIR, type N8nRuntime } from './runtime';

/**
 * What globalSetup prepared: the packed package and every installed runtime of the version matrix.
 * `runtime` is the first (newest) runtime's folder, for tests that run on one version only.
 */
export function e2eContext(): { runtime: string; runtimes: N8nRuntime[]; tarball: string } {
	const saved = JSON.parse(readFileSync(join(WORK_DIR, 'context.json'), 'utf8')) as { runtimes: string[]; tarball: string };
	return { runtime: saved.runtimes[0], runtimes: saved.runtimes.map(runtimeAt), tarball: saved.tarball };
}

/**
 * describe() once per n8n version of the matrix, the body receiving that version's runtime: a file that
 * starts n8n in its body's beforeAll starts it once per version. Titles end in "on n8n <version>", so
 * `-t "on n8n 1.123"` picks one version.
 */
export function describeEachN8n(title: string, body: (runtime: N8nRuntime) => void): void {
	const rows = e2eContext().runtimes.map((runtime) => [runtime.version, runtime] as [string, N8nRuntime]);
	describe.each(rows)(`${title} on n8n %s`, (_version, runtime) => body(runtime));
}
