import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { e2eContext } from './support/context';
import { EMULATOR_KEYS, emulatorCredentials, N8nInstance, type Server } from './support/n8n';
import { freePort, start, waitFor, type Started } from './support/processes';
import { callExtractWebhook, WEBHOOK_WORKFLOW_FILE, WEBHOOK_WORKFLOW_ID } from './support/webhook';
import { editedImage } from '../emulator/pai/results';
import { tinyPng } from '../emulator/png';

const BINARY_WORKFLOW_FILE = join(__dirname, 'workflows', 'queue-binary-edit.json');
const BINARY_WORKFLOW_ID = 'e2eQueueBinary01';

const EXECUTIONS = 50;

describe('queue mode: main + two workers on redis', () => {
	let n8n: N8nInstance;
	let emulator: Emulator;
	let redis: Started;
	let redisDir: string;
	let main: Server;
	const workers: Started[] = [];

	beforeAll(async () => {
		const { runtime, tarball } = e2eContext();
		redisDir = mkdtempSync(join(tmpdir(), 'redis-'));
		const redisPort = await freePort();
		redis = start(
			'redis-server',
			['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir],
			process.env,
			'redis',
		);
		await waitFor(async () => redis.output().includes('Ready to accept connections'), 20_000, 'redis');

		emulator = await startEmulator({
			apiKeys: [EMULATOR_KEYS.aiSearchApiKey],
			taskLatencyMs: 500,
			qps: { 'image-analyze': 50 },
			paiApps: { [EMULATOR_KEYS.paiAppId]: EMULATOR_KEYS.paiToken },
		});
		n8n = await N8nInstance.create(runtime, tarball, 'n8n-queue');
		await n8n.importCredentials(emulatorCredentials(emulator.url));
		await n8n.importWorkflow(WEBHOOK_WORKFLOW_FILE);
		await n8n.publish(WEBHOOK_WORKFLOW_ID);
		await n8n.importWorkflow(BINARY_WORKFLOW_FILE);
		await n8n.publish(BINARY_WORKFLOW_ID);

		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
		};
		main = await n8n.startMain(queueEnv);
		workers.push(await n8n.startWorker(queueEnv, 5), await n8n.startWorker(queueEnv, 5));
	});

	afterAll(async () => {
		for (const worker of workers) await worker.stop();
		await main?.stop();
		await redis?.stop();
		await emulator?.close();
		n8n?.cleanup();
		if (redisDir) rmSync(redisDir, { recursive: true, force: true });
	});

	it(`completes ${EXECUTIONS} concurrent webhook executions on the workers, none lost`, async () => {
		await callExtractWebhook(main.url, 'https://images.example.com/warm-up.png');
		const urls = Array.from({ length: EXECUTIONS }, (_, i) => `https://images.example.com/queue/${i}.png`);
		const t0 = Date.now();
		const bodies = await Promise.all(urls.map((url) => callExtractWebhook(main.url, url)));
		const seconds = (Date.now() - t0) / 1000;

		bodies.forEach((body, i) => {
			expect(body.status).toBe('SUCCESS');
			expect(body.content).toBe(`Text recognized in ${urls[i]}`);
		});
		const submitted = emulator.log.filter((entry) => entry.kind === 'submit' && entry.status === 200);
		expect(submitted).toHaveLength(EXECUTIONS + 1);

		const finishedPerWorker = workers.map((worker) => (worker.output().match(/Worker finished execution/g) ?? []).length);
		expect(finishedPerWorker.reduce((a, b) => a + b, 0)).toBe(EXECUTIONS + 1);
		expect(Math.min(...finishedPerWorker)).toBeGreaterThan(0);
		expect(main.handle.output()).not.toMatch(/Worker finished execution/);
		process.stdout.write(`[e2e] queue mode: ${EXECUTIONS} executions in ${seconds.toFixed(1)} s, per worker ${finishedPerWorker.join(' / ')}\n`);
	});

	it("takes a posted image as a binary and answers with the edited image, run on a worker with n8n's queue-mode binary storage", async () => {
		const finishedBefore = workers.map((worker) => (worker.output().match(/Worker finished execution/g) ?? []).length);
		const photo = tinyPng(7);
		let response: Response | undefined;
		for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
			response = await fetch(`${main.url}/webhook/alibaba-clean`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: photo });
			if (response.status !== 404) break;
		}
		expect(response?.status).toBe(200);
		expect(response?.headers.get('content-type')).toMatch(/^image\/png/);
		const cleaned = Buffer.from(await response!.arrayBuffer());
		expect(cleaned.toString('base64')).toBe(editedImage(photo.toString('base64'), {}));

		const finishedAfter = workers.map((worker) => (worker.output().match(/Worker finished execution/g) ?? []).length);
		expect(finishedAfter.reduce((a, b) => a + b, 0) - finishedBefore.reduce((a, b) => a + b, 0)).toBe(1);
		expect(main.handle.output()).not.toMatch(/Worker finished execution/);
	});
});
