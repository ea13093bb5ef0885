import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureRuntime, ensureSystemDeps, packPackage, WORK_DIR } from './runtime';

/** Once per e2e run: Debian packages, the cached n8n runtime, and the packed package. */
export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	await ensureSystemDeps();
	const runtime = await ensureRuntime();
	const tarball = await packPackage();
	mkdirSync(WORK_DIR, { recursive: true });
	writeFileSync(join(WORK_DIR, 'context.json'), JSON.stringify({ runtime, tarball }));
	process.stdout.write(`\n[e2e] runtime ${runtime}, package ${tarball} (setup ${Math.round((Date.now() - t0) / 1000)} s)\n`);
}
