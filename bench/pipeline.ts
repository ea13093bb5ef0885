/**
 * npm run bench [-- --items 50 --latency 1000 --qps 10 --interval 1]
 * Throughput of the Image Content Extraction node executed by n8n-core's engine against the emulator:
 * wall time against the one-by-one time and the request-budget bound, requests per kind, 429s, memory.
 * Scenario 2 repeats the run with the account's real quota at a third of what the node assumes.
 */
import { request } from 'undici';

import { startEmulator, type RequestLogEntry } from '../test/emulator';
import { API_KEY, node, singleNode, urlItems } from '../test/engine/fixtures';
import { cleanupHarness, runWorkflow } from '../test/engine/harness';

function arg(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const items = arg('items', 50);
const latencyMs = arg('latency', 1000);
const qps = arg('qps', 10);
const intervalS = arg('interval', 1);

async function scenario(label: string, serviceQps: number) {
	const emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: latencyMs, qps: { 'image-analyze': serviceQps } });
	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
	const result = await runWorkflow(
		singleNode(
			emulator.url,
			node('Extract', 'alibabaImageContent', {
				serviceId: 'ops-image-analyze-ocr-001',
				inputType: 'url',
				url: '={{ $json.url }}',
				options: { pollIntervalSeconds: intervalS, qps },
			}),
			urlItems(items),
		),
	);
	clearInterval(sampler);
	// Read the request log the way an outside observer would: over HTTP.
	const response = await request(`${emulator.url}/__emulator/log`);
	const log = ((await response.body.json()) as RequestLogEntry[]).filter((entry) => entry.kind !== 'control');
	await emulator.close();

	const delivered = result.output('Extract').filter((item) => item.json.status === 'SUCCESS').length;
	const count = (kind: string) => log.filter((entry) => entry.kind === kind).length;
	const throttled = log.filter((entry) => entry.status === 429).length;
	// No schedule can beat the service's own quota for the requests that were needed.
	const budgetBoundMs = Math.max((log.length - throttled) / Math.min(qps, serviceQps), latencyMs / 1000) * 1000;
	const sequentialMs = items * (latencyMs + Math.min(1000, intervalS * 1000));
	return {
		scenario: label,
		items,
		delivered,
		'wall s': (result.durationMs / 1000).toFixed(1),
		'one-by-one s': (sequentialMs / 1000).toFixed(1),
		'quota bound s': (budgetBoundMs / 1000).toFixed(1),
		'items/s': (delivered / (result.durationMs / 1000)).toFixed(2),
		submits: count('submit'),
		polls: count('poll'),
		'429s': throttled,
		'peak RSS MB': Math.round(peakRss / 1048576),
	};
}

async function main() {
	process.stdout.write(`bench: ${items} items, task latency ${latencyMs} ms, node QPS ${qps}, poll interval ${intervalS} s\n`);
	const rows = [await scenario('quota as documented', qps), await scenario('quota a third of that', Math.max(1, Math.round(qps / 3)))];
	console.table(rows);
	cleanupHarness();
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
