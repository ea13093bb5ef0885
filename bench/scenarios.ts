/**
 * The scenarios of `npm run bench` and how each way of doing the work is run and counted. Every row of
 * a scenario runs against a fresh mock service that enforces the scenario's quota (submissions and
 * status checks share one window) and logs every request; rows are compared with the scenario's lower
 * bound, computed from the scenario alone: 2 N / quota + one task time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EmulatorOptions, RequestLogEntry } from '../test/emulator';
import { EMULATOR_KEYS } from '../test/e2e/support/n8n';
import type { BenchHarness, Triggered } from './harness';
import { countRequests, sampleMemory } from './measure';
import { sequentialSdkPattern } from './sdkPattern';
import { ENTRY } from './workflows';

export interface Row {
	scenario: string;
	what: string;
	wallSeconds?: number;
	boundSeconds: number;
	requestsPerTask?: number;
	throttled?: number;
	throttledPercent?: number;
	rssGrowthMb?: number;
	/** Tasks whose result reached the workflow's output, of N. */
	delivered?: string;
	note?: string;
}

export interface Scenario {
	title: string;
	/** Tasks in the scenario (all executions together). */
	tasks: number;
	service: EmulatorOptions;
	/** Requests per second the service accepts (for the bound). */
	quota: number;
	taskSeconds: number;
	/** Overrides 2 N / quota + task time (PAI batch: the slowest job). */
	bound?: { seconds: number; what: string };
	variants: Variant[];
}

type Variant = (h: BenchHarness, s: Scenario) => Promise<Omit<Row, 'scenario' | 'boundSeconds'>>;

const imageUrls = (n: number, prefix = 'bench') => Array.from({ length: n }, (_, i) => ({ url: `https://images.example.com/${prefix}/${i}.png` }));

function split<T>(all: T[], parts: number): T[][] {
	const size = Math.ceil(all.length / parts);
	return Array.from({ length: parts }, (_, i) => all.slice(i * size, (i + 1) * size));
}

const succeeded = (status: string) => (execution: Triggered) => execution.items.filter((item) => item.status === status).length;

/**
 * Writes a row's request log (times relative to the row's start) where BENCH_LOG_DIR says: what a
 * figure is made of, request by request (`npm run bench` sets it to <out>/logs).
 */
function keepLog(s: Scenario, what: string, t0: number, log: RequestLogEntry[]): void {
	const folder = process.env.BENCH_LOG_DIR;
	if (!folder) return;
	mkdirSync(folder, { recursive: true });
	const slug = `${s.title} ${what}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 120);
	const entries = log.map(({ time, kind, service, status, taskId, taskStatus, bodyBytes }) => ({ ms: time - t0, kind, service, status, taskId, taskStatus, bodyBytes }));
	writeFileSync(join(folder, `${slug}.json`), JSON.stringify(entries));
}

/** Runs one entry point of the benchmark workflow (several executions at once when `executions` > 1) and counts it. */
function inN8n(
	what: string,
	entry: string,
	options: { executions?: number; items?: (n: number) => object[]; delivered: (execution: Triggered, tasks: number) => number },
): Variant {
	return async (h, s) => {
		const service = await h.useService(s.service);
		const items = (options.items ?? imageUrls)(s.tasks);
		const memory = sampleMemory(h.pid);
		const t0 = Date.now();
		const parts = split(items, options.executions ?? 1);
		const results = await Promise.all(parts.map((part) => h.trigger(entry, part)));
		const wallSeconds = (Date.now() - t0) / 1000;
		const growth = memory.stop();
		const counts = countRequests(service.log);
		keepLog(s, what, t0, service.log);
		const failures = results.filter((r) => r.failure);
		return {
			what,
			wallSeconds,
			requestsPerTask: counts.requests / s.tasks,
			throttled: counts.throttled,
			throttledPercent: counts.requests ? (100 * counts.throttled) / counts.requests : 0,
			rssGrowthMb: growth / 1048576,
			// a failed execution delivers nothing, whatever its requests achieved
			delivered: `${results.reduce((sum, result, i) => sum + (result.failure ? 0 : options.delivered(result, parts[i].length)), 0)}/${s.tasks}`,
			note: failures.length ? `${failures.length} of ${results.length} executions failed: ${failures[0].failure}` : undefined,
		};
	};
}

const nodeDefault = (executions = 1) =>
	inN8n(executions > 1 ? `the node, default options (${executions} executions at once)` : 'the node, default options', ENTRY.node, {
		executions,
		delivered: succeeded('SUCCESS'),
	});

/** The stock loop batching 10 per second, or with `margin` 10 per 1.1 s. */
const stockLoop = (waitSeconds: number, options: { executions?: number; margin?: boolean } = {}) =>
	inN8n(
		`stock n8n: HTTP Request (batch 10 per ${options.margin ? '1.1' : '1'} s) → Wait ${waitSeconds} s → HTTP Request → IF loop${(options.executions ?? 1) > 1 ? ` (${options.executions} at once)` : ''}`,
		options.margin ? ENTRY.stockLoopMargin : ENTRY.stockLoop,
		// the loop ends only when no task of its execution is pending (none fails here): a finished execution delivered them all
		{ executions: options.executions, delivered: (_execution, tasks) => tasks },
	);

/** The sequential SDK pattern on a sample of the tasks, scaled to all of them. */
const sdkPattern =
	(sample: number): Variant =>
	async (h, s) => {
		const service = await h.useService(s.service);
		const taken = Math.min(sample, s.tasks);
		const run = await sequentialSdkPattern(h.serviceUrl, EMULATOR_KEYS.aiSearchApiKey, imageUrls(taken, 'sdk').map((item) => item.url));
		const counts = countRequests(service.log);
		return {
			what: 'SDK pattern: submit, sleep 5 s, poll, one at a time',
			wallSeconds: ((run.ms / 1000) * s.tasks) / taken,
			requestsPerTask: counts.requests / taken,
			throttled: counts.throttled,
			throttledPercent: counts.requests ? (100 * counts.throttled) / counts.requests : 0,
			delivered: `${run.succeeded}/${taken} (sample)`,
			note: taken < s.tasks ? `scaled from ${taken} tasks (${(run.ms / 1000).toFixed(1)} s) to ${s.tasks}` : undefined,
		};
	};

export interface Sizes {
	quick: boolean;
}

/** The full benchmark, or with `quick` a small version of it that runs in well under a minute. */
export function scenarios({ quick }: Sizes): Scenario[] {
	const taskSeconds = quick ? 1 : 3;
	const n = quick ? 10 : 200;
	const image = (quota: number, latencySeconds = taskSeconds): EmulatorOptions => ({ taskLatencyMs: latencySeconds * 1000, qps: { 'image-analyze': quota } });
	const documented: Scenario = {
		title: `documented quota: ${n} image tasks of ${taskSeconds} s by URL, 10 requests/s`,
		tasks: n,
		service: image(10),
		quota: 10,
		taskSeconds,
		variants: [nodeDefault(), stockLoop(taskSeconds), stockLoop(taskSeconds, { margin: true }), sdkPattern(quick ? 1 : 5)],
	};
	const concurrent: Scenario = {
		title: `five concurrent executions on one account: 5 × ${n / 5} tasks of ${taskSeconds} s, 10 requests/s`,
		tasks: n,
		service: image(10),
		quota: 10,
		taskSeconds,
		variants: [nodeDefault(5), stockLoop(taskSeconds, { executions: 5, margin: true })],
	};
	const uploads = quick ? 3 : 100;
	const uploading: Scenario = {
		title: `${uploads} uploads of 6 MB (binary input, inline upload), tasks of ${taskSeconds} s, 10 requests/s`,
		tasks: uploads,
		service: image(10),
		quota: 10,
		taskSeconds,
		variants: [
			inN8n('HTTP Request downloads only (no service call)', ENTRY.download, { items: files, delivered: (execution) => execution.items.length }),
			inN8n('the node, default options (after the same download)', ENTRY.upload, { items: files, delivered: succeeded('SUCCESS') }),
		],
	};
	const instant = quick ? 100 : 1000;
	const unlimited: Scenario = {
		title: `N = ${instant}: instant tasks, no quota at the service (the node told 1000 requests/s)`,
		tasks: instant,
		service: { taskLatencyMs: 0, enforceQps: false },
		quota: 1000,
		taskSeconds: 0,
		variants: [
			inN8n('the node, Max Requests per Second 1000', ENTRY.nodeAtQps, { delivered: succeeded('SUCCESS') }),
			inN8n('stock n8n: two plain HTTP Request nodes (submit, status)', ENTRY.twoHttp, {
				delivered: (execution) => execution.items.filter((item) => item.result?.status === 'SUCCESS').length,
			}),
		],
	};
	if (quick) return [documented, concurrent, uploading, unlimited];

	const thirdQuota: Scenario = {
		title: 'a real quota a third of the assumed one: 200 tasks of 3 s, the service enforces 3/s, the node assumes 10/s',
		tasks: 200,
		service: image(3),
		quota: 3,
		taskSeconds: 3,
		variants: [nodeDefault(), stockLoop(3, { margin: true }), sdkPattern(3)],
	};
	const small: Scenario = {
		title: 'N = 50: 50 image tasks of 3 s, 10 requests/s (N = 200: the documented-quota scenario)',
		tasks: 50,
		service: image(10),
		quota: 10,
		taskSeconds: 3,
		variants: [nodeDefault(), stockLoop(3, { margin: true })],
	};
	const jobSeconds = 10;
	const paiBatch: Scenario = {
		title: `PAI batch mode: 50 videos classified in batches, jobs of ${jobSeconds} s`,
		tasks: 50,
		service: { paiJobLatencyMs: jobSeconds * 1000 },
		quota: 2,
		taskSeconds: jobSeconds,
		bound: { seconds: jobSeconds, what: 'the slowest job' },
		variants: [
			inN8n('the node, batch mode, default options', ENTRY.paiBatch, {
				items: (count) => Array.from({ length: count }, (_, i) => ({ url: `https://videos.example.com/bench/${i}.mp4` })),
				delivered: succeeded('succeeded'),
			}),
		],
	};
	return [documented, thirdQuota, concurrent, uploading, small, unlimited, paiBatch];
}

function files(count: number) {
	return Array.from({ length: count }, (_, i) => ({ file: `photo-${i}.png` }));
}

/** Runs a scenario's rows, the bound first. */
export async function runScenario(h: BenchHarness, s: Scenario, progress: (line: string) => void): Promise<Row[]> {
	const boundSeconds = s.bound?.seconds ?? (2 * s.tasks) / s.quota + s.taskSeconds;
	const rows: Row[] = [
		{
			scenario: s.title,
			what: s.bound ? `lower bound: ${s.bound.what}` : `lower bound: 2 N / ${s.quota} per s + one task time`,
			wallSeconds: boundSeconds,
			boundSeconds,
			requestsPerTask: s.bound ? undefined : 2,
		},
	];
	for (const variant of s.variants) {
		const row = { scenario: s.title, boundSeconds, ...(await variant(h, s)) };
		progress(`  ${row.what}: ${row.wallSeconds?.toFixed(1)} s, delivered ${row.delivered}${row.note ? ` (${row.note})` : ''}`);
		rows.push(row);
	}
	return rows;
}
