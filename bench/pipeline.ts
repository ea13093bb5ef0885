/**
 * npm run bench [-- --items 200 --latency 3000 --qps 10 --instant 1000 --uploads 100 --upload-mb 6 --interval 5 --only 0]
 * Throughput of the Image Content Extraction node executed by n8n-core's engine against the emulator,
 * with the node's default options unless --interval is given. Scenarios: the quota as documented, a real
 * quota a third of what the node assumes, many instant tasks with no quota at all, and binary uploads
 * (peak memory added by the run: the emulator shares the process, so it is an upper bound).
 * The lower bound does not depend on what the node did: every task needs one submission and one status
 * check from the service's budget, plus one task latency (2N / QPS + latency).
 */
import { request } from 'undici';

import { startEmulator, type RequestLogEntry } from '../test/emulator';
import { API_KEY, fakeImage, node, singleNode, urlItems } from '../test/engine/fixtures';
import type { HarnessInputItem } from '../test/engine/harness';
import { cleanupHarness, runWorkflow } from '../test/engine/harness';

function arg(name: string, fallback?: number): number | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const items = arg('items', 200)!;
const latencyMs = arg('latency', 3000)!;
const qps = arg('qps', 10)!;
const instantItems = arg('instant', 1000)!;
const intervalS = arg('interval');
const uploads = arg('uploads', 100)!;
const uploadMb = arg('upload-mb', 6)!;

interface Scenario {
	label: string;
	items: number;
	latencyMs: number;
	/** The account's real quota; undefined: no quota at all. */
	serviceQps?: number;
	/** Each item uploads a binary file of this size (stored by n8n on disk) instead of passing a URL. */
	binaryBytes?: number;
}

/** `count` items that each carry the same binary image (n8n stores one copy per item). */
function binaryItems(count: number, bytes: number): HarnessInputItem[] {
	const image = fakeImage('bench', bytes);
	return Array.from({ length: count }, (_, i) => ({ json: { index: i }, binary: { data: { data: image, fileName: `photo-${i}.png`, mimeType: 'image/png' } } }));
}

async function scenario({ label, items: count, latencyMs: latency, serviceQps, binaryBytes }: Scenario) {
	const emulator = await startEmulator({
		apiKeys: [API_KEY],
		taskLatencyMs: latency,
		qps: { 'image-analyze': serviceQps ?? 1_000_000 },
		enforceQps: serviceQps !== undefined,
	});
	const input = binaryBytes === undefined ? urlItems(count) : binaryItems(count, binaryBytes);
	const source = binaryBytes === undefined ? { inputType: 'url', url: '={{ $json.url }}' } : { inputType: 'binary', binaryPropertyName: 'data' };
	const startRss = process.memoryUsage().rss;
	let peakRss = startRss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
	const cpuBefore = process.cpuUsage();
	const options = intervalS === undefined ? {} : { pollIntervalSeconds: intervalS };
	const result = await runWorkflow(
		singleNode(
			emulator.url,
			node('Extract', 'alibabaImageContent', {
				serviceId: 'ops-image-analyze-ocr-001',
				...source,
				options: serviceQps === undefined ? { ...options, qps: 1000 } : options,
			}),
			input,
			{ binaryMode: binaryBytes === undefined ? 'default' : 'filesystem' },
		),
	);
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	// Read the request log the way an outside observer would: over HTTP.
	const response = await request(`${emulator.url}/__emulator/log`);
	const log = ((await response.body.json()) as RequestLogEntry[]).filter((entry) => entry.kind !== 'control');
	await emulator.close();

	const delivered = result.output('Extract').filter((item) => item.json.status === 'SUCCESS').length;
	const kind = (name: string) => log.filter((entry) => entry.kind === name).length;
	const throttled = log.filter((entry) => entry.status === 429).length;
	const rate = serviceQps === undefined ? Infinity : Math.min(qps, serviceQps);
	const boundMs = (2 * count * 1000) / rate + latency;
	return {
		scenario: label,
		items: count,
		delivered,
		'wall s': (result.durationMs / 1000).toFixed(1),
		'bound s': (boundMs / 1000).toFixed(1),
		'wall/bound': serviceQps === undefined ? '—' : (result.durationMs / boundMs).toFixed(2),
		'req/task': (log.length / count).toFixed(2),
		submits: kind('submit'),
		polls: kind('poll'),
		'429 %': ((100 * throttled) / Math.max(1, log.length)).toFixed(1),
		'peak RSS MB': Math.round(peakRss / 1048576),
		'RSS added MB': Math.round((peakRss - startRss) / 1048576),
		// Emulator and engine share this process: an upper bound on the package's own CPU per item.
		'CPU ms/item': ((cpu.user + cpu.system) / 1000 / count).toFixed(2),
	};
}

async function main() {
	const interval = intervalS === undefined ? 'default poll interval' : `poll interval ${intervalS} s`;
	process.stdout.write(`bench: ${items} items, task latency ${latencyMs} ms, node QPS ${qps}, ${interval}\n`);
	const third = Math.max(1, Math.round(qps / 3));
	const scenarios: Scenario[] = [
		{ label: 'quota as documented', items, latencyMs, serviceQps: qps },
		{ label: `real quota ${third}/s`, items, latencyMs, serviceQps: third },
		{ label: 'instant tasks, no quota', items: instantItems, latencyMs: 0 },
		{ label: `${uploadMb} MB uploads`, items: uploads, latencyMs, serviceQps: qps, binaryBytes: Math.round(uploadMb * 1_000_000) },
	];
	const only = process.argv.indexOf('--only');
	const chosen = only > 0 ? [scenarios[Number(process.argv[only + 1])]] : scenarios;
	const rows = [];
	for (const entry of chosen) rows.push(await scenario(entry));
	console.table(rows);
	cleanupHarness();
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
