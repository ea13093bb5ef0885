import { join } from 'node:path';

import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { countRequests } from '../../bench/measure';
import { e2eContext } from './support/context';
import { EMULATOR_KEYS, emulatorCredentials, N8nInstance } from './support/n8n';
import { freePort, waitFor } from './support/processes';
import { startPostgres, type Postgres } from './support/postgres';
import { startQueueMode, type QueueMode } from './support/queue';
import { callExtractWebhook, SHARED_QUOTA_PATH, SHARED_QUOTA_WORKFLOW_FILE, SHARED_QUOTA_WORKFLOW_ID, WEBHOOK_WORKFLOW_FILE, WEBHOOK_WORKFLOW_ID } from './support/webhook';
import { editedImage } from '../emulator/pai/results';
import { tinyPng } from '../emulator/png';

const BINARY_WORKFLOW_FILE = join(__dirname, 'workflows', 'queue-binary-edit.json');
const BINARY_WORKFLOW_ID = 'e2eQueueBinary01';
const LONG_WORKFLOW_FILE = join(__dirname, 'workflows', 'queue-long-tasks.json');
const LONG_WORKFLOW_ID = 'e2eQueueLongRun1';
/** Submissions the service answers before the worker running them is killed. */
const BEFORE_KILL = 4;

const EXECUTIONS = 50;
const AT_SCALE = 200;
/** The account's documented image-analyze quota, enforced by the emulator over all workers together. */
const ACCOUNT_QPS = 10;
/** Executions each worker runs at once. */
const WORKER_CONCURRENCY = 10;

describe('queue mode: main + two workers on redis and PostgreSQL', () => {
	let n8n: N8nInstance;
	let emulator: Emulator;
	let emulatorPort: number;
	let queue: QueueMode;
	let postgres: Postgres;

	/** A fresh emulator on the port the credentials name (empty log and rate windows). */
	const useEmulator = async (options: Parameters<typeof startEmulator>[0]) => {
		await emulator?.close();
		emulator = await startEmulator({ apiKeys: [EMULATOR_KEYS.aiSearchApiKey], paiApps: { [EMULATOR_KEYS.paiAppId]: EMULATOR_KEYS.paiToken }, ...options }, emulatorPort);
	};

	/** One webhook call; a failure carries what the workers logged about it. */
	const call = (imageUrl: string, path?: string) =>
		callExtractWebhook(queue.main.url, imageUrl, 170_000, path).catch((error: Error) => {
			throw new Error(`${error.message}\nworkers:\n${queue.workerErrors()}`);
		});

	beforeAll(async () => {
		const { runtime, tarball } = e2eContext();
		emulatorPort = await freePort();
		await useEmulator({ taskLatencyMs: 500, qps: { 'image-analyze': 50 } });
		// main and workers write executions at once: PostgreSQL, as n8n's queue mode expects (SQLite answered SQLITE_BUSY)
		postgres = await startPostgres();
		n8n = await N8nInstance.create(runtime, tarball, 'n8n-queue', postgres.env);
		await n8n.importCredentials(emulatorCredentials(emulator.url));
		await n8n.importWorkflow(WEBHOOK_WORKFLOW_FILE);
		await n8n.importWorkflow(SHARED_QUOTA_WORKFLOW_FILE);
		await n8n.publish(WEBHOOK_WORKFLOW_ID);
		await n8n.publish(SHARED_QUOTA_WORKFLOW_ID);
		await n8n.importWorkflow(BINARY_WORKFLOW_FILE);
		await n8n.publish(BINARY_WORKFLOW_ID);
		await n8n.importWorkflow(LONG_WORKFLOW_FILE);
		await n8n.publish(LONG_WORKFLOW_ID);
		queue = await startQueueMode(n8n, { workers: 2, concurrency: WORKER_CONCURRENCY });
	}, 600_000); // each n8n CLI call takes tens of seconds on a loaded machine

	afterAll(async () => {
		await queue?.stop();
		await postgres?.stop();
		await emulator?.close();
		n8n?.cleanup();
	});

	it(`completes ${EXECUTIONS} concurrent webhook executions on the workers, none lost`, async () => {
		await call('https://images.example.com/warm-up.png');
		const urls = Array.from({ length: EXECUTIONS }, (_, i) => `https://images.example.com/queue/${i}.png`);
		const t0 = Date.now();
		const bodies = await Promise.all(urls.map((url) => call(url)));
		const seconds = (Date.now() - t0) / 1000;

		bodies.forEach((body, i) => {
			expect(body.status).toBe('SUCCESS');
			expect(body.content).toBe(`Text recognized in ${urls[i]}`);
		});
		const submitted = emulator.log.filter((entry) => entry.kind === 'submit' && entry.status === 200);
		expect(submitted).toHaveLength(EXECUTIONS + 1);

		const finishedPerWorker = queue.finishedPerWorker();
		expect(finishedPerWorker.reduce((a, b) => a + b, 0)).toBe(EXECUTIONS + 1);
		expect(Math.min(...finishedPerWorker)).toBeGreaterThan(0);
		expect(queue.main.handle.output()).not.toMatch(/Worker finished execution/);
		process.stdout.write(`[e2e] queue mode: ${EXECUTIONS} executions in ${seconds.toFixed(1)} s, per worker ${finishedPerWorker.join(' / ')}\n`);
	});

	it("takes a posted image as a binary and answers with the edited image, run on a worker with n8n's queue-mode binary storage", async () => {
		const finishedBefore = queue.finishedPerWorker();
		const photo = tinyPng(7);
		let response: Response | undefined;
		for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
			response = await fetch(`${queue.main.url}/webhook/alibaba-clean`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: photo });
			if (response.status !== 404) break;
		}
		expect(response?.status).toBe(200);
		expect(response?.headers.get('content-type')).toMatch(/^image\/png/);
		const cleaned = Buffer.from(await response!.arrayBuffer());
		expect(cleaned.toString('base64')).toBe(editedImage(photo.toString('base64'), {}));

		const finishedAfter = queue.finishedPerWorker();
		expect(finishedAfter.reduce((a, b) => a + b, 0) - finishedBefore.reduce((a, b) => a + b, 0)).toBe(1);
		expect(queue.main.handle.output()).not.toMatch(/Worker finished execution/);
	});

	it(`runs ${AT_SCALE} concurrent executions on one account over two workers sharing its quota: none lost, the quota held`, async () => {
		await useEmulator({ taskLatencyMs: 500, qps: { 'image-analyze': ACCOUNT_QPS } });
		const before = queue.finishedPerWorker();
		const urls = Array.from({ length: AT_SCALE }, (_, i) => `https://images.example.com/shared-quota/${i}.png`);
		const t0 = Date.now();
		const bodies = await Promise.all(urls.map((url) => call(url, SHARED_QUOTA_PATH)));
		const seconds = (Date.now() - t0) / 1000;

		// none lost, each output the answer to its own input
		bodies.forEach((body, i) => {
			expect(body.status).toBe('SUCCESS');
			expect(body.content).toBe(`Text recognized in ${urls[i]}`);
		});
		const submittedUrls = emulator.log.filter((entry) => entry.kind === 'submit' && entry.status === 200);
		expect(submittedUrls).toHaveLength(AT_SCALE);
		const finishedPerWorker = queue.finishedPerWorker().map((count, i) => count - before[i]);
		expect(finishedPerWorker.reduce((a, b) => a + b, 0)).toBe(AT_SCALE);
		expect(Math.min(...finishedPerWorker)).toBeGreaterThan(0);

		// the account's quota held: few 429s, and never more admitted requests in a second than the quota
		const counts = countRequests(emulator.log);
		process.stdout.write(
			`[e2e] queue mode at scale: ${AT_SCALE} executions in ${seconds.toFixed(1)} s, per worker ${finishedPerWorker.join(' / ')}, ` +
				`${counts.requests} requests, ${counts.throttled} answered 429, peak ${counts.peakAdmittedPerSecond['image-analyze']} admitted per second\n`,
		);
		expect(counts.peakAdmittedPerSecond['image-analyze']).toBeLessThanOrEqual(ACCOUNT_QPS);
		expect(counts.throttled / counts.requests).toBeLessThanOrEqual(0.02);
	}, 240_000);

	// Last in the file: it kills one of the two workers.
	it(`a worker killed (kill -9) after ${BEFORE_KILL} submissions leaves every task id the service returned in its log`, async () => {
		// Tasks that outlast the test; the node submits one a second (its Max Requests per Second option).
		await useEmulator({ taskLatencyMs: 600_000 });
		const submitted = () => emulator.log.filter((entry) => entry.kind === 'submit' && entry.status === 200);
		const createdIn = (worker: QueueMode['workers'][number]) =>
			[...worker.output().matchAll(/Alibaba Multimodal created task (\S+) \(execution (\d+), node "Long Extraction", item (\d+), service aiSearch image-analyze\/ops-image-analyze-ocr-001\)/g)].map(
				([, id, execution, item]) => ({ id, execution, item: Number(item) }),
			);
		for (const deadline = Date.now() + 60_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
			const response = await fetch(`${queue.main.url}/webhook/alibaba-long`);
			if (response.ok) break;
			if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
		}
		await waitFor(async () => submitted().length >= BEFORE_KILL, 90_000, `${BEFORE_KILL} submissions`);
		// A third of the pace's gap: the answer reaches the worker, the next submission has not left.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const worker = queue.workers.find((candidate) => createdIn(candidate).length > 0);
		expect(worker).toBeDefined();
		const answered = submitted().map((entry) => entry.taskId);
		const exited = new Promise<void>((resolve) => worker!.process.once('close', () => resolve()));
		// Only the worker this test started: its process group (the worker and its task runner), by PID.
		process.kill(-worker!.process.pid!, 'SIGKILL');
		await exited;

		const logged = createdIn(worker!);
		expect(answered.length).toBeGreaterThanOrEqual(BEFORE_KILL);
		expect(logged.map((line) => line.id).sort()).toEqual([...answered].sort());
		expect(new Set(logged.map((line) => line.execution)).size).toBe(1);
		expect(logged.map((line) => line.item).sort((a, b) => a - b)).toEqual(answered.map((_, index) => index));
		expect(worker!.output()).not.toContain(EMULATOR_KEYS.aiSearchApiKey);
		process.stdout.write(`[e2e] queue mode: worker killed after ${answered.length} submissions; ${logged.length} task ids in its log\n`);
	}, 180_000);
});
