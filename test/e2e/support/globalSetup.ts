import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureRuntime, ensureSystemDeps, matrixVersions, packPackage, WORK_DIR } from './runtime';

/** Once per e2e run: Debian packages, every n8n runtime of the version matrix (cached), and the packed package. */
export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	await ensureSystemDeps();
	// Side by side: a cold install is mostly download and unpacking, and each version has its own lock and folder.
	const runtimes = await Promise.all(matrixVersions().map((version) => ensureRuntime(true, version)));
	const tarball = await packPackage();
	mkdirSync(WORK_DIR, { recursive: true });
	writeFileSync(join(WORK_DIR, 'context.json'), JSON.stringify({ runtimes: runtimes.map((r) => r.folder), tarball }));
	const described = runtimes.map((r) => `n8n ${r.version} on Node ${r.nodeVersion}`).join(', ');
	process.stdout.write(`\n[e2e] ${described}; package ${tarball} (setup ${Math.round((Date.now() - t0) / 1000)} s)\n`);
}
