import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { e2eContext } from './context';
import { freePort, run, start, waitFor, type Started } from './processes';
import { PACKAGE_NAME, runtimeAt, type N8nRuntime } from './runtime';

export interface ExecutionRun {
	status?: string;
	finished?: boolean;
	data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, any>; binary?: Record<string, any> }>> }; error?: { message: string } }>>; error?: { message: string } } };
}

/** JSON items of a node's first run, first output. */
export function itemsOf(run: ExecutionRun, nodeName: string) {
	const task = run.data.resultData.runData[nodeName]?.[0];
	if (!task) throw new Error(`Node "${nodeName}" did not run. Nodes that ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	if (task.error) throw new Error(`Node "${nodeName}" failed: ${task.error.message}`);
	return task.data?.main?.[0] ?? [];
}

export interface Server {
	url: string;
	port: number;
	handle: Started;
	stop: () => Promise<void>;
}

/**
 * One isolated n8n: its own user folder (database, encryption key, settings) with this package installed
 * the way n8n installs community packages, so node types carry the production name.
 */
export class N8nInstance {
	readonly userFolder: string;

	private constructor(
		readonly runtime: N8nRuntime,
		readonly env: NodeJS.ProcessEnv,
	) {
		this.userFolder = env.N8N_USER_FOLDER!;
	}

	/**
	 * `runtime` is a runtime value or an install folder; `extraEnv` reaches every CLI command and server of this
	 * instance (for example another database).
	 */
	static async create(runtimeOrFolder: N8nRuntime | string, tarball: string, label = 'n8n', extraEnv: NodeJS.ProcessEnv = {}): Promise<N8nInstance> {
		const runtime = typeof runtimeOrFolder === 'string' ? runtimeAt(runtimeOrFolder) : runtimeOrFolder;
		const userFolder = mkdtempSync(join(tmpdir(), `${label}-`));
		const nodesFolder = join(userFolder, '.n8n', 'nodes');
		mkdirSync(nodesFolder, { recursive: true });
		writeFileSync(join(nodesFolder, 'package.json'), '{"private":true}');
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PATH: `${runtime.bin}:${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-0123456789abcdef',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_LOG_LEVEL: process.env.E2E_VERBOSE ? 'info' : 'warn',
			NODE_OPTIONS: '',
			NODE_ENV: 'production', // jest sets 'test', which silences n8n's logger and with it the CLI's result
			...runtime.env,
			...extraEnv,
		};
		await run('npm', ['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', tarball], env, {
			cwd: nodesFolder,
		});
		return new N8nInstance(runtime, env);
	}

	/** Runs an n8n CLI command with its own task-runner broker port. */
	async cli(args: string[], allowFailure = false) {
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return run('n8n', args, env, { allowFailure });
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflow(workflowFile: string): Promise<void> {
		await this.cli(['import:workflow', `--input=${workflowFile}`]);
	}

	/** Imports every workflow file of a folder in one CLI run (each CLI start costs seconds). */
	async importWorkflowFolder(folder: string): Promise<void> {
		await this.cli(['import:workflow', '--separate', `--input=${folder}`]);
	}

	async importWorkflowObject(workflow: object & { id: string }): Promise<void> {
		const file = join(this.userFolder, `workflow-${workflow.id}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		await this.importWorkflow(file);
	}

	async publish(workflowId: string): Promise<void> {
		await this.cli(this.runtime.publishArgs(workflowId));
	}

	/** `n8n execute --id … --rawOutput`; log lines precede the JSON run on stdout. */
	async execute(workflowId: string): Promise<{ code: number; signal?: string; run?: ExecutionRun; stdout: string; stderr: string }> {
		// The CLI prints the run through its logger at level info: a quieter level would hide the result.
		const env = { ...this.env, N8N_LOG_LEVEL: 'info', N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const result = await run('n8n', ['execute', `--id=${workflowId}`, '--rawOutput'], env, { allowFailure: true });
		const start = result.stdout.search(/^\{$/m);
		let parsed: ExecutionRun | undefined;
		if (start >= 0) {
			try {
				parsed = JSON.parse(result.stdout.slice(start)) as ExecutionRun;
			} catch {
				parsed = undefined;
			}
		}
		return { ...result, run: parsed };
	}

	/** `n8n start` on a free loopback port; resolves when /healthz/readiness answers. */
	async startMain(extraEnv: NodeJS.ProcessEnv = {}): Promise<Server> {
		const port = extraEnv.N8N_PORT ? Number(extraEnv.N8N_PORT) : await freePort();
		const env = {
			...this.env,
			...extraEnv,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		};
		const handle = start('n8n', ['start'], env, `n8n:${port}`);
		const url = `http://127.0.0.1:${port}`;
		await waitFor(
			async () => {
				if (handle.process.exitCode !== null) throw new Error(`n8n exited:\n${handle.output().slice(-3000)}`);
				return (await fetch(`${url}/healthz/readiness`)).ok;
			},
			120_000,
			'n8n readiness',
		).catch((error) => {
			throw new Error(`${error.message}\n${handle.output().slice(-3000)}`);
		});
		return { url, port, handle, stop: () => handle.stop() };
	}

	/** `n8n worker` for queue mode, with its own broker and health ports; resolves when ready. */
	async startWorker(extraEnv: NodeJS.ProcessEnv, concurrency = 10): Promise<Started> {
		const healthPort = await freePort();
		const env = {
			...this.env,
			...extraEnv,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_LOG_LEVEL: 'info',
		};
		const handle = start('n8n', ['worker', `--concurrency=${concurrency}`], env, `worker:${healthPort}`);
		await waitFor(
			async () => {
				if (handle.process.exitCode !== null) throw new Error(`worker exited:\n${handle.output().slice(-3000)}`);
				return (await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)).ok;
			},
			120_000,
			'n8n worker readiness',
		);
		return handle;
	}

	/** Creates the owner account through the REST API and returns the session cookie. */
	async setupOwner(baseUrl: string, owner = DEMO_OWNER): Promise<string> {
		const response = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!response.ok) throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
		return (response.headers.get('set-cookie') ?? '').split(';')[0];
	}

	cleanup(): void {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

export const DEMO_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-password-1',
};

export const EMULATOR_KEYS = {
	aiSearchApiKey: 'OS-emulator-demo-key',
	paiAppId: 'pai-demo-app',
	paiToken: 'pai-demo-token',
};

export const CREDENTIAL_IDS = { aiSearch: 'aiSearchEmuCred1', pai: 'paiEmulatorCred1' };

/** The credentials every example refers to, pointing at a running emulator. */
export function emulatorCredentials(emulatorUrl: string) {
	return [
		{
			id: CREDENTIAL_IDS.aiSearch,
			name: 'Alibaba AI Search account',
			type: 'alibabaMultimodalApi',
			data: { authType: 'aiSearch', endpoint: emulatorUrl, workspace: 'default', apiKey: EMULATOR_KEYS.aiSearchApiKey },
		},
		{
			id: CREDENTIAL_IDS.pai,
			name: 'Alibaba PAI account',
			type: 'alibabaMultimodalApi',
			data: { authType: 'pai', endpoint: emulatorUrl, appId: EMULATOR_KEYS.paiAppId, token: EMULATOR_KEYS.paiToken },
		},
	];
}

export const NODE_TYPE_PREFIX = `${PACKAGE_NAME}.`;

/**
 * The usual start of a real-n8n test: the emulator of both service families accepting the keys of
 * emulatorCredentials(), and an isolated n8n (the matrix's first version unless `runtime` says) with the packed
 * package and those credentials imported.
 */
export async function startN8nWithEmulator(
	label: string,
	options: EmulatorOptions = {},
	runtime: N8nRuntime | string = e2eContext().runtime,
): Promise<{ n8n: N8nInstance; emulator: Emulator }> {
	const { tarball } = e2eContext();
	const emulator = await startEmulator({
		apiKeys: [EMULATOR_KEYS.aiSearchApiKey],
		paiApps: { [EMULATOR_KEYS.paiAppId]: EMULATOR_KEYS.paiToken },
		...options,
	});
	const n8n = await N8nInstance.create(runtime, tarball, label);
	await n8n.importCredentials(emulatorCredentials(emulator.url));
	return { n8n, emulator };
}
