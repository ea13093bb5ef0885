import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, chain, fakeImage, md5, node, singleNode, urlItems } from './fixtures';
import { runWorkflow } from './harness';
import { virtualClock } from './support/virtualTime';

const IMAGE_NODE = 'Extract';

function extractNode(parameters: Record<string, unknown>, extra = {}) {
	return node(IMAGE_NODE, 'alibabaImageContent', { serviceId: 'ops-image-analyze-ocr-001', ...parameters }, extra);
}

const fastPolling = { pollIntervalSeconds: 0.1 };

describe('Alibaba Image Content Extraction through the n8n engine', () => {
	let emulator: Emulator;

	beforeEach(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 150 });
	});
	afterEach(async () => {
		await emulator.close();
	});

	const submits = () => emulator.log.filter((e) => e.kind === 'submit');
	const polls = () => emulator.log.filter((e) => e.kind === 'poll');

	it('extracts text from a URL and outputs the normalized item', async () => {
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({
					serviceId: 'ops-image-analyze-vlm-001',
					inputType: 'url',
					url: '={{ $json.url }}',
					options: fastPolling,
				}),
				urlItems(1),
			),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(IMAGE_NODE);
		expect(item.json).toMatchObject({
			content: 'Description and text: Text recognized in https://images.example.com/photo-0.jpg',
			contentType: 'plain',
			pageNum: 1,
			status: 'SUCCESS',
			serviceId: 'ops-image-analyze-vlm-001',
			source: { type: 'url', url: 'https://images.example.com/photo-0.jpg', fileName: 'photo-0.jpg' },
		});
		expect(item.json.taskId).toEqual(submits()[0].taskId);
		expect(typeof item.json.requestId).toBe('string');
		expect((item.json.usage as { tokenCount: number }).tokenCount).toBeGreaterThan(0);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.raw).toBeUndefined();
	});

	it.each(['default', 'filesystem'] as const)('uploads a binary image (%s binary mode) byte for byte', async (binaryMode) => {
		const image = fakeImage('receipt');
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({ inputType: 'binary', binaryPropertyName: 'data', options: fastPolling }),
				[{ json: {}, binary: { data: { data: image, fileName: 'receipt.png', mimeType: 'image/png' } } }],
				{ binaryMode },
			),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(IMAGE_NODE);
		expect(item.json.content).toBe(`Text recognized in receipt.png (${image.length} bytes, md5 ${md5(image)})`);
		expect(item.json.source).toEqual({
			type: 'binary',
			fileName: 'receipt.png',
			mimeType: 'image/png',
			sizeBytes: image.length,
			binaryProperty: 'data',
		});
		expect((item.json.usage as { pvCount: number }).pvCount).toBe(1);
	});

	it('accepts base64 content with a file name', async () => {
		const image = fakeImage('b64');
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({
					inputType: 'base64',
					base64Content: `data:image/png;base64,${image.toString('base64')}`,
					fileName: 'scan.png',
					options: fastPolling,
				}),
				[{ json: {} }],
			),
		);
		expect(result.output(IMAGE_NODE)[0].json.content).toContain(`md5 ${md5(image)}`);
	});

	it('fails the run on a FAIL task, naming the task', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, extractNode({ inputType: 'url', url: 'https://x.example.com/fail.png', options: fastPolling }), [
				{ json: {} },
			]),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/task failed/i);
		expect(result.error?.message).toContain('[FAIL]');
	});

	it('turns a FAIL task into an error item under Continue On Fail and keeps the others', async () => {
		const items = [
			{ json: { url: 'https://x.example.com/ok-1.png' } },
			{ json: { url: 'https://x.example.com/fail-2.png' } },
			{ json: { url: 'https://x.example.com/ok-3.png' } },
		];
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({ inputType: 'url', url: '={{ $json.url }}', options: fastPolling }, { onError: 'continueRegularOutput' }),
				items,
			),
		);
		expect(result.status).toBe('success');
		const out = result.output(IMAGE_NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.content).toContain('ok-1.png');
		expect(out[2].json.content).toContain('ok-3.png');
		expect(out[1].json).toMatchObject({ status: 'FAIL', errorCode: 'FAIL', serviceId: 'ops-image-analyze-ocr-001' });
		expect(out[1].json.error).toMatch(/task failed/i);
		expect(out[1].json.taskId).toBe(submits()[1].taskId);
	});

	it('rides out a 429 storm and delivers every item exactly once', async () => {
		await emulator.close();
		emulator = await startEmulator({
			apiKeys: [API_KEY],
			taskLatencyMs: 100,
			qps: { 'image-analyze': 3 },
			retryAfter: 'alternate',
		});
		const count = 12;
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({ inputType: 'url', url: '={{ $json.url }}', options: { ...fastPolling, qps: 50 } }),
				urlItems(count),
			),
		);
		expect(result.status).toBe('success');
		const out = result.output(IMAGE_NODE);
		expect(out).toHaveLength(count);
		out.forEach((item, i) => expect(item.json.content).toBe(`Text recognized in https://images.example.com/photo-${i}.jpg`));
		// Sent at 50/s against a quota of 3/s: throttled, then settled under what the service accepts.
		const throttled = emulator.log.filter((e) => e.status === 429);
		expect(throttled.length).toBeGreaterThan(0);
		const accepted = submits().filter((e) => e.status === 200);
		expect(accepted).toHaveLength(count);
		expect(new Set(accepted.map((e) => e.bodyMd5)).size).toBe(count);
		expect(new Set(out.map((i) => i.json.taskId)).size).toBe(count);
	});

	it('times out with the resumable task id, and Get Result resumes it', async () => {
		await emulator.close();
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 2500 });
		const timedOut = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode(
					{ inputType: 'url', url: 'https://x.example.com/slow.png', options: { pollIntervalSeconds: 0.2, timeoutSeconds: 1 } },
					{ onError: 'continueRegularOutput' },
				),
				[{ json: {} }],
			),
		);
		const [failed] = timedOut.output(IMAGE_NODE);
		const taskId = submits()[0].taskId;
		expect(failed.json).toMatchObject({ taskId, status: 'PENDING', errorCode: 'Timeout' });
		expect(String(failed.json.errorDescription)).toContain(`Task ID ${taskId}`);

		const resumed = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({ operation: 'getResult', taskId: '={{ $json.taskId }}', options: fastPolling }),
				[{ json: failed.json }],
			),
		);
		expect(resumed.status).toBe('success');
		expect(resumed.output(IMAGE_NODE)[0].json).toMatchObject({ taskId, status: 'SUCCESS', content: 'Text recognized in https://x.example.com/slow.png' });
		expect(submits()).toHaveLength(1);
	});

	it('can output the pending task instead of failing when the timeout is reached', async () => {
		await emulator.close();
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 5000 });
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({
					inputType: 'url',
					url: 'https://x.example.com/slow.png',
					options: { pollIntervalSeconds: 0.2, timeoutSeconds: 1, onTimeout: 'output' },
				}),
				[{ json: {} }],
			),
		);
		expect(result.status).toBe('success');
		expect(result.output(IMAGE_NODE)[0].json).toMatchObject({ taskId: submits()[0].taskId, status: 'PENDING', timedOut: true });
	});

	it('stops polling at the moment of cancellation, and no check follows', async () => {
		await emulator.close();
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 60_000 });
		const clock = virtualClock()!;
		const startedAt = clock.now();
		const result = await runWorkflow({
			...singleNode(
				emulator.url,
				extractNode({ inputType: 'url', url: '={{ $json.url }}', options: { pollIntervalSeconds: 0.2 } }),
				urlItems(3),
			),
			cancelAfterMs: 1500,
		});
		expect(result.status).toBe('canceled');
		// On the virtual clock the cancel lands exactly when asked, and the run ends without any more time passing.
		expect(result.cancelledAtMs).toBe(1500);
		expect(result.durationMs).toBe(1500);
		const pollsAtEnd = polls();
		expect(pollsAtEnd.length).toBeGreaterThan(3);
		expect(pollsAtEnd.filter((entry) => entry.time - startedAt > 1500)).toEqual([]);
		// A minute later on the same clock: a loop left running would have checked 300 more times.
		await clock.pause(60_000);
		expect(polls()).toHaveLength(pollsAtEnd.length);
	});

	it('realTime: stops polling within a second of a cancellation on the wall clock', async () => {
		await emulator.close();
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 60_000 });
		const result = await runWorkflow({
			...singleNode(
				emulator.url,
				extractNode({ inputType: 'url', url: '={{ $json.url }}', options: { pollIntervalSeconds: 0.2 } }),
				urlItems(3),
			),
			cancelAfterMs: 1500,
		});
		expect(result.status).toBe('canceled');
		expect(result.cancelledAtMs).toBeGreaterThanOrEqual(1500);
		// n8n's sleep raced against the cancel signal: the run returns within a second of the cancel.
		expect(result.durationMs - (result.cancelledAtMs ?? 0)).toBeLessThan(1000);
		const pollsAtEnd = polls().length;
		expect(pollsAtEnd).toBeGreaterThan(3);
		// Two poll intervals on the wall clock: a loop left running would have checked again by then.
		await new Promise((resolve) => setTimeout(resolve, 2 * 200));
		expect(polls()).toHaveLength(pollsAtEnd);
	});

	it('pipelines 50 items: wall time far below one-by-one processing', async () => {
		await emulator.close();
		const latencyMs = 1000;
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: latencyMs, qps: { 'image-analyze': 40 } });
		const count = 50;
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({ inputType: 'url', url: '={{ $json.url }}', options: { pollIntervalSeconds: 0.5, qps: 40 } }),
				urlItems(count),
			),
		);
		expect(result.status).toBe('success');
		expect(result.output(IMAGE_NODE)).toHaveLength(count);
		const sequentialMs = count * latencyMs; // a lower bound for one task after another
		expect(result.durationMs).toBeLessThan(sequentialMs / 5);
		expect(submits().filter((e) => e.status === 200)).toHaveLength(count);
	});

	it('submits once and chains Submit Only into Get Result', async () => {
		const result = await runWorkflow(
			chain(
				emulator.url,
				[
					node('Submit', 'alibabaImageContent', {
						operation: 'submitOnly',
						serviceId: 'ops-image-analyze-ocr-001',
						inputType: 'url',
						url: '={{ $json.url }}',
					}),
					node('Collect', 'alibabaImageContent', {
						operation: 'getResult',
						serviceId: 'ops-image-analyze-ocr-001',
						taskId: '={{ $json.taskId }}',
						options: fastPolling,
					}),
				],
				urlItems(2),
			),
		);
		expect(result.status).toBe('success');
		const submitted = result.output('Submit');
		expect(submitted.map((i) => i.json.status)).toEqual(['PENDING', 'PENDING']);
		const collected = result.output('Collect');
		expect(collected.map((i) => i.json.taskId)).toEqual(submitted.map((i) => i.json.taskId));
		expect(collected[1].json.content).toBe('Text recognized in https://images.example.com/photo-1.jpg');
		expect(submits()).toHaveLength(2);
	});

	it('uses the /sync route in Synchronous mode', async () => {
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({ operation: 'sync', serviceId: 'ops-image-analyze-vlm-001', inputType: 'url', url: 'https://x.example.com/a.jpg', options: { includeRaw: true } }),
				[{ json: {} }],
			),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(IMAGE_NODE);
		expect(item.json).toMatchObject({ status: 'SUCCESS', content: 'Description and text: Text recognized in https://x.example.com/a.jpg' });
		expect(item.json.taskId).toBeUndefined();
		expect((item.json.raw as { result: unknown }).result).toMatchObject({ status: 'SUCCESS', data: { content: expect.stringContaining('Text recognized') } });
		expect(emulator.log.map((e) => e.kind)).toEqual(['sync']);
	});

	it('does not resubmit when the connection drops during submission, unless allowed', async () => {
		emulator.addFault({ type: 'drop', match: { kind: 'submit' } });
		const refused = await runWorkflow(
			singleNode(emulator.url, extractNode({ inputType: 'url', url: 'https://x.example.com/a.jpg', options: fastPolling }), [{ json: {} }]),
		);
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toMatch(/may or may not have received it/);
		expect(refused.error?.description).toMatch(/Retry Unconfirmed Submissions/);
		expect(submits()).toHaveLength(1);

		emulator.addFault({ type: 'drop', match: { kind: 'submit' } });
		const allowed = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode({ inputType: 'url', url: 'https://x.example.com/a.jpg', options: { ...fastPolling, retryUnconfirmed: true } }),
				[{ json: {} }],
			),
		);
		expect(allowed.status).toBe('success');
		expect(submits()).toHaveLength(3);
	});

	it('retries status checks through 5xx answers and malformed JSON', async () => {
		emulator.addFault({ type: 'status', status: 503, match: { kind: 'poll' } });
		emulator.addFault({ type: 'malformed', match: { kind: 'poll' } });
		const result = await runWorkflow(
			singleNode(emulator.url, extractNode({ inputType: 'url', url: 'https://x.example.com/a.jpg', options: fastPolling }), [{ json: {} }]),
		);
		expect(result.status).toBe('success');
		expect(emulator.log.filter((e) => e.fault).map((e) => e.fault)).toEqual(expect.arrayContaining(['status', 'malformed']));
		expect(submits()).toHaveLength(1);
	});

	it('refuses a binary too large for the 8 MB request before sending when the credential has no OSS staging, and says how to stage it or use a URL', async () => {
		const big = Buffer.alloc(7 * 1024 * 1024, 7);
		const result = await runWorkflow(
			singleNode(emulator.url, extractNode({ inputType: 'binary', binaryPropertyName: 'data' }), [
				{ json: {}, binary: { data: { data: big, fileName: 'huge.png', mimeType: 'image/png' } } },
			]),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/is 7\.3 MB \(7,340,032 bytes\), over the about 6 MB that fit in the service's 8 MB request, so it must be staged through your OSS bucket/);
		expect(result.error?.description).toMatch(/turn on "Stage Large Files in OSS".*Or pass the file by URL instead/);
		expect(emulator.log).toHaveLength(0);
	});

	it('explains a missing binary property', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, extractNode({ inputType: 'binary', binaryPropertyName: 'image' }), [
				{ json: {}, binary: { photo: { data: fakeImage('x'), fileName: 'x.png', mimeType: 'image/png' } } },
			]),
		);
		expect(result.error?.message).toBe('This item has no binary property "image"');
		expect(result.error?.description).toContain('photo');
	});

	it('refuses a credential of the other service family with a clear message', async () => {
		const options = singleNode(emulator.url, extractNode({ inputType: 'url', url: 'https://x.example.com/a.jpg' }), [{ json: {} }]);
		options.credentials = { alibabaMultimodalApi: { authType: 'pai', endpoint: emulator.url, appId: 'a', token: 'secret-token-1' } };
		const result = await runWorkflow(options);
		expect(result.error?.message).toMatch(/credential is set up for PAI Multimedia Analysis/);
		expect(emulator.log).toHaveLength(0);
	});

	it('never puts the API key in outputs or errors', async () => {
		const ok = await runWorkflow(
			singleNode(
				emulator.url,
				extractNode(
					{ inputType: 'url', url: '={{ $json.url }}', options: { ...fastPolling, includeRaw: true } },
					{ onError: 'continueRegularOutput' },
				),
				[{ json: { url: 'https://x.example.com/a.jpg' } }, { json: { url: 'https://x.example.com/fail.jpg' } }],
			),
		);
		expect(JSON.stringify(ok.run.data)).not.toContain(API_KEY);

		const options = singleNode(emulator.url, extractNode({ inputType: 'url', url: 'https://x.example.com/a.jpg' }), [{ json: {} }]);
		const wrongKey = 'OS-wrong-key-that-must-not-leak';
		options.credentials = { alibabaMultimodalApi: { authType: 'aiSearch', endpoint: emulator.url, apiKey: wrongKey } };
		const denied = await runWorkflow(options);
		expect(denied.status).toBe('error');
		expect(denied.error?.message).toContain('InvalidApiKey');
		expect(denied.error?.description).toMatch(/Check the API key/);
		const serialized = JSON.stringify(denied.run.data) + String(denied.error?.message) + String(denied.error?.description);
		expect(serialized).not.toContain(wrongKey);
		expect(serialized).not.toContain(API_KEY);
	});
});
