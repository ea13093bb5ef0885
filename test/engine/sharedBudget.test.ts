/**
 * One request budget per account and service in the n8n process: concurrent executions on one
 * credential meet the quota together (not through 429s); executions on different credentials do not
 * slow each other down.
 */
import type { Emulator, RequestLogEntry } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, aiSearchCredentials, node, singleNode, urlItems } from './fixtures';
import { runWorkflow } from './harness';

const OTHER_KEY = 'OS-engine-test-key-second-account';

function extraction(name: string, qps: number) {
	return node(name, 'alibabaImageContent', {
		serviceId: 'ops-image-analyze-ocr-001',
		inputType: 'url',
		url: '={{ $json.url }}',
		options: { qps },
	});
}

/** Most requests the service saw start within any one second. */
function peakPerSecond(log: RequestLogEntry[]): number {
	const times = log.filter((entry) => entry.kind !== 'control').map((entry) => entry.time).sort((a, b) => a - b);
	let peak = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= 1000) start++;
		peak = Math.max(peak, end - start + 1);
	}
	return peak;
}

describe('one budget per account and service, shared by concurrent executions', () => {
	let emulator: Emulator;
	afterEach(async () => {
		await emulator.close();
	});

	it('five concurrent executions on one credential stay within the quota: no 429s, nothing lost', async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 500, qps: { 'image-analyze': 5 } });
		const runs = await Promise.all(
			Array.from({ length: 5 }, async (_, run) =>
				await runWorkflow(singleNode(emulator.url, extraction('Extract', 5), urlItems(8, `https://images.example.com/run-${run}`))),
			),
		);
		for (const result of runs) {
			expect(result.status).toBe('success');
			expect(result.output('Extract').map((item) => item.json.status)).toEqual(Array(8).fill('SUCCESS'));
		}
		const requests = emulator.log.filter((entry) => entry.kind !== 'control');
		const throttled = requests.filter((entry) => entry.status === 429).length;
		expect(throttled / requests.length).toBeLessThanOrEqual(0.02);
		expect(requests.filter((entry) => entry.kind === 'submit' && entry.status === 200)).toHaveLength(40);
	});

	it('executions on different credentials each have their own budget', async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY, OTHER_KEY], taskLatencyMs: 200, enforceQps: false });
		const items = urlItems(10);
		const [one, two] = await Promise.all([
			runWorkflow(singleNode(emulator.url, extraction('Extract', 4), items)),
			runWorkflow(singleNode(emulator.url, extraction('Extract', 4), items, { credentials: aiSearchCredentials(emulator.url, OTHER_KEY) })),
		]);
		expect(one.status).toBe('success');
		expect(two.status).toBe('success');
		// Each account sends up to 4 a second: together the service sees more than one budget allows.
		expect(peakPerSecond(emulator.log)).toBeGreaterThan(5);
	});

	it('executions on the same credential never exceed one budget together', async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 200, enforceQps: false });
		const [one, two] = await Promise.all([
			runWorkflow(singleNode(emulator.url, extraction('Extract', 4), urlItems(10))),
			runWorkflow(singleNode(emulator.url, extraction('Extract', 4), urlItems(10))),
		]);
		expect(one.status).toBe('success');
		expect(two.status).toBe('success');
		// 4 a second with slots 5% apart: at most 4 starts in any second, plus one at the window's edge.
		expect(peakPerSecond(emulator.log)).toBeLessThanOrEqual(5);
	});
});
