import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstance, Server } from './n8n';
import { freePort, start, waitFor, type Started } from './processes';

export interface QueueMode {
	main: Server;
	workers: Started[];
	/** Executions each worker reports finished, from its log. */
	finishedPerWorker(): number[];
	/** The last lines of the workers' logs that mention an error (for a failure message). */
	workerErrors(): string;
	stop(): Promise<void>;
}

/** A throwaway redis (no persistence) on a free loopback port, then n8n's main and `workers` workers on it. */
export async function startQueueMode(n8n: N8nInstance, options: { workers: number; concurrency: number }): Promise<QueueMode> {
	const redisDir = mkdtempSync(join(tmpdir(), 'redis-'));
	const redisPort = await freePort();
	const redis = start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], process.env, 'redis');
	const started: Array<{ stop(): Promise<void> }> = [redis];
	const stop = async () => {
		for (const handle of started.reverse()) await handle.stop();
		rmSync(redisDir, { recursive: true, force: true });
	};
	try {
		await waitFor(async () => redis.output().includes('Ready to accept connections'), 20_000, 'redis');
		const queueEnv = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redisPort) };
		const main = await n8n.startMain(queueEnv);
		started.push(main);
		const workers: Started[] = [];
		for (let i = 0; i < options.workers; i++) {
			const worker = await n8n.startWorker(queueEnv, options.concurrency);
			started.push(worker);
			workers.push(worker);
		}
		return {
			main,
			workers,
			finishedPerWorker: () => workers.map((worker) => (worker.output().match(/Worker finished execution/g) ?? []).length),
			workerErrors: () =>
				workers
					.flatMap((worker) => worker.output().split('\n'))
					.filter((line) => /error|fail/i.test(line))
					.slice(-15)
					.join('\n'),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
