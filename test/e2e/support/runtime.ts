import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { run } from './processes';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-alibaba-multimodal';
export const WORK_DIR = join(REPO_ROOT, '.tmp', 'e2e');

/** Node 24 + n8n from the cache (installed on first use by scripts/e2e/runtime.sh). */
export async function ensureRuntime(showProgress = true): Promise<string> {
	const { stdout } = await run('bash', [join(REPO_ROOT, 'scripts', 'e2e', 'runtime.sh')], { ...process.env, FORCE_COLOR: '0' }, { showProgress });
	const folder = stdout.trim().split('\n').pop()!;
	if (!existsSync(join(folder, 'node_modules', '.bin', 'n8n'))) throw new Error(`No n8n in ${folder}`);
	return folder;
}

export async function ensureSystemDeps(showProgress = true): Promise<void> {
	await run('bash', [join(REPO_ROOT, 'scripts', 'e2e', 'system-deps.sh')], process.env, { showProgress });
}

/** Builds and packs the package exactly as it would be published; returns the tarball path. */
export async function packPackage(): Promise<string> {
	mkdirSync(WORK_DIR, { recursive: true });
	await run('npm', ['run', '--silent', 'build'], process.env, { cwd: REPO_ROOT });
	for (const old of readdirSync(WORK_DIR).filter((f) => f.endsWith('.tgz'))) {
		await run('rm', ['-f', join(WORK_DIR, old)], process.env);
	}
	const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', WORK_DIR], process.env, { cwd: REPO_ROOT });
	return join(WORK_DIR, stdout.trim().split('\n').pop()!);
}
