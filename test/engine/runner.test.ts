/**
 * The one runner, as every node meets it: every item is checked before anything is sent, and the
 * items come back in input order with their pairing, whatever failed.
 */
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, PAI_APP_ID, PAI_TOKEN, node, paiNode, paiWorkflow, singleNode } from './fixtures';
import type { HarnessInputItem } from './harness';
import { runWorkflow } from './harness';

const COUNT = 1000;
const BAD = 300;

/** 1 000 image URLs; item 300's is not a URL the node can send. */
function itemsWithOneBadUrl(): HarnessInputItem[] {
	return Array.from({ length: COUNT }, (_, i) => ({
		json: { url: i === BAD ? 'not a url at all' : `https://images.example.com/photo-${i}.jpg` },
	}));
}

/** Runs fast: the emulator answers at once and does not throttle, the node may send 500 requests a second. */
const unthrottled = { qps: 500, maxConcurrentRequests: 50 };

describe('the runner checks every item before it sends anything', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({
			apiKeys: [API_KEY],
			paiApps: { [PAI_APP_ID]: PAI_TOKEN },
			syncLatencyMs: 1,
			taskLatencyMs: 50,
			enforceQps: false,
		});
	});
	afterEach(async () => {
		await emulator.close();
	});

	it.each([
		['AI Search, asynchronous (Image Content Extraction)', 'alibabaImageContent', { operation: 'submitAndWait', serviceId: 'ops-image-analyze-ocr-001' }],
		['AI Search, synchronous (Object Detection)', 'alibabaObjectDetection', { serviceId: 'ops-object-detect-001' }],
	])('%s: one bad item among 1 000 without Continue On Fail sends no request and names item 300', async (_label, type, parameters) => {
		const result = await runWorkflow(
			singleNode(emulator.url, node('Node', type, { ...parameters, inputType: 'url', url: '={{ $json.url }}', options: unthrottled }), itemsWithOneBadUrl()),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('"not a url at all" is not a usable URL');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(BAD);
		expect(result.error?.description).toMatch(/Nothing was sent/);
		expect(emulator.log).toHaveLength(0);
	});

	it('PAI: one bad item among 1 000 without Continue On Fail sends no request and names item 300', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				paiNode('Node', 'alibabaPaiImageQuality', { inputType: 'url', url: '={{ $json.url }}', model: '', options: unthrottled }),
				itemsWithOneBadUrl(),
			),
		);
		expect(result.status).toBe('error');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(BAD);
		expect(emulator.log).toHaveLength(0);
	});

	it('with Continue On Fail: 999 results and one error item, in input order', async () => {
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				node('Detect', 'alibabaObjectDetection', { serviceId: 'ops-object-detect-001', inputType: 'url', url: '={{ $json.url }}', options: unthrottled }, { onError: 'continueRegularOutput' }),
				itemsWithOneBadUrl(),
			),
		);
		expect(result.status).toBe('success');
		const out = result.output('Detect');
		expect(out).toHaveLength(COUNT);
		expect(out.map((item) => (item.pairedItem as { item: number }).item)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
		expect(out[BAD].json).toMatchObject({ error: '"not a url at all" is not a usable URL' });
		expect(out.filter((item) => item.json.error !== undefined)).toHaveLength(1);
		expect(out.filter((item) => typeof item.json.objectCount === 'number')).toHaveLength(COUNT - 1);
		expect((out[BAD + 1].json.source as { url: string }).url).toBe(`https://images.example.com/photo-${BAD + 1}.jpg`);
		expect(emulator.log.filter((entry) => entry.status === 200)).toHaveLength(COUNT - 1);
	});

	it('sums a run up in an execution hint and in the custom data', async () => {
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				node('Extract', 'alibabaImageContent', { operation: 'submitAndWait', serviceId: 'ops-image-analyze-ocr-001', inputType: 'url', url: '={{ $json.url }}', options: { pollIntervalSeconds: 0.1 } }, { onError: 'continueRegularOutput' }),
				[{ json: { url: 'https://images.example.com/a.jpg' } }, { json: { url: 'https://images.example.com/fail.jpg' } }, { json: { url: 'https://images.example.com/b.jpg' } }],
			),
		);
		expect(result.status).toBe('success');
		const task = result.run.data.resultData.runData.Extract[0] as { hints?: Array<{ message: string; type?: string }> };
		expect(task.hints).toEqual([
			{ message: expect.stringMatching(/^3 items: 2 done, 1 failed \(see their error fields\)\. Usage reported by the service: pvCount 2\.$/), type: 'warning', location: 'outputPane' },
		]);
		const metadata = (result.run.data.resultData as { metadata?: Record<string, string> }).metadata ?? {};
		expect(metadata.alibabaItems).toBe('3 items: 2 done, 1 failed (see their error fields)');
		expect(metadata.alibabaUsage).toBe('pvCount 2');
	});
});
