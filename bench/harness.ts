/**
 * One real n8n (Node 24 + n8n from the cache, this package installed from its packed tarball as a
 * community package) with the benchmark workflow published, a mock of the service on a fixed port
 * (restarted with each scenario's quota and task time) and a server of files to upload.
 */
import { createServer, type Server as HttpServer } from 'node:http';

import { startEmulator, type Emulator, type EmulatorOptions } from '../test/emulator';
import { tinyPng } from '../test/emulator/png';
import { EMULATOR_KEYS, emulatorCredentials, N8nInstance, type Server } from '../test/e2e/support/n8n';
import { freePort } from '../test/e2e/support/processes';
import { ensureRuntime, packPackage } from '../test/e2e/support/runtime';
import { BENCH_WORKFLOW_ID, benchWorkflow, ENTRY } from './workflows';

export interface HarnessOptions {
	runtime?: string;
	tarball?: string;
	/** Size of each file the upload scenario downloads and uploads. */
	uploadBytes: number;
	/** The quota the stock loop batches at and its wait (one task time). */
	stockQuota: number;
	stockWaitSeconds: number;
}

/** Webhook bodies of 1 000 items need more than n8n's default payload limit (MB). */
/** BENCH_N8N_NODE_OPTIONS reaches n8n's process (for example `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a row). */
const MAIN_ENV = { N8N_PAYLOAD_SIZE_MAX: '64', ...(process.env.BENCH_N8N_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_N8N_NODE_OPTIONS } : {}) };

export interface Triggered {
	items: Array<Record<string, any>>;
	/** Set when the execution failed (n8n's answer, shortened). */
	failure?: string;
}

export class BenchHarness {
	private emulator?: Emulator;

	private constructor(
		readonly n8n: N8nInstance,
		private main: Server,
		private readonly emulatorPort: number,
		private readonly files: HttpServer,
	) {}

	static async start(options: HarnessOptions): Promise<BenchHarness> {
		const runtime = options.runtime ?? (await ensureRuntime(false));
		const tarball = options.tarball ?? (await packPackage());
		const emulatorPort = await freePort();
		const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
		const file = uploadFile(options.uploadBytes);
		const files = createServer((req, res) => {
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(file.length) });
			res.end(file);
		});
		await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
		const address = files.address();
		const filesUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

		const n8n = await N8nInstance.create(runtime, tarball, 'n8n-bench');
		try {
			await n8n.importCredentials(emulatorCredentials(emulatorUrl));
			await n8n.importWorkflowObject(
				benchWorkflow({ emulatorUrl, apiKey: EMULATOR_KEYS.aiSearchApiKey, filesUrl, stockQuota: options.stockQuota, stockWaitSeconds: options.stockWaitSeconds }),
			);
			await n8n.publish(BENCH_WORKFLOW_ID);
			const main = await n8n.startMain(MAIN_ENV);
			const harness = new BenchHarness(n8n, main, emulatorPort, files);
			await harness.warmUp();
			return harness;
		} catch (error) {
			n8n.cleanup();
			files.close();
			throw error;
		}
	}

	/**
	 * A fresh n8n process on the same database: what one execution's budget or learned timings leave
	 * behind in the process (a budget is shared per account and service) must not reach the next scenario.
	 */
	async restartN8n(): Promise<void> {
		await this.main.stop();
		this.main = await this.n8n.startMain(MAIN_ENV);
		await this.warmUp();
	}

	/**
	 * One execution of each node of the package with an item the node refuses before it sends anything
	 * (an empty URL): n8n loads the package's code as it does the first time a node runs, so no row pays
	 * that once-per-process cost, while the request budgets and learned task times start empty.
	 */
	private async warmUp(): Promise<void> {
		for (const [entry, item] of [
			[ENTRY.node, { url: '' }],
			[ENTRY.paiBatch, { url: '' }],
		] as const) {
			const result = await this.trigger(entry, [item]);
			if (!result.failure) throw new Error(`the warm-up execution of ${entry} was expected to be refused, and it ran`);
		}
	}

	get pid(): number {
		return this.main.handle.process.pid!;
	}

	/** A fresh mock service (empty log, windows and tasks) with this scenario's behaviour. */
	async useService(options: EmulatorOptions): Promise<Emulator> {
		await this.emulator?.close();
		this.emulator = await startEmulator({ apiKeys: [EMULATOR_KEYS.aiSearchApiKey], ...options }, this.emulatorPort);
		return this.emulator;
	}

	get serviceUrl(): string {
		return `http://127.0.0.1:${this.emulatorPort}`;
	}

	/** POSTs `{ items }` to an entry webhook; resolves with the items of its last node, or the failure n8n answered. */
	async trigger(entry: string, items: object[]): Promise<Triggered> {
		for (let attempt = 0; ; attempt++) {
			const response = await fetch(`${this.main.url}/webhook/${entry}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ items }),
			});
			const text = await response.text();
			if (response.ok) {
				const body = text ? JSON.parse(text) : [];
				return { items: Array.isArray(body) ? body : [body] };
			}
			// n8n registers published webhooks a moment after it reports ready
			if (response.status !== 404 || attempt > 40) return { items: [], failure: `n8n answered ${response.status}: ${text.slice(0, 300)}` };
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	async stop(): Promise<void> {
		await this.main.stop();
		await this.emulator?.close();
		await new Promise<void>((resolve) => this.files.close(() => resolve()));
		this.n8n.cleanup();
	}
}

/** A PNG the node accepts, padded after its end to the given size (the service reads the base64 only). */
function uploadFile(bytes: number): Buffer {
	const png = tinyPng();
	const file = Buffer.alloc(Math.max(bytes, png.length), 7);
	png.copy(file);
	return file;
}
