import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, fakeImage, node, singleNode } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Detect';
const detectNode = (parameters: Record<string, unknown>, extra = {}) =>
	node(NODE, 'alibabaObjectDetection', { serviceId: 'ops-object-detect-001', ...parameters }, extra);

const objectShape = {
	confidence: expect.any(Number),
	box: { x: expect.any(Number), y: expect.any(Number), width: expect.any(Number), height: expect.any(Number) },
};

describe('Alibaba Object Detection through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], syncLatencyMs: 5 });
	});
	afterEach(async () => {
		await emulator.close();
	});

	it('detects objects in an image URL: numeric confidence, lower-case box from location.X/Y', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, detectNode({ inputType: 'url', url: '={{ $json.url }}' }), [{ json: { url: 'https://img.example.com/cat.jpg' } }]),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		const objects = item.json.objects as Array<Record<string, any>>;
		expect(objects.length).toBeGreaterThanOrEqual(2);
		// The emulator sends the second object's confidence as a string ("0.83"), as the SDK types it.
		for (const object of objects) expect(object).toEqual(objectShape);
		expect(item.json).toMatchObject({
			objectCount: objects.length,
			serviceId: 'ops-object-detect-001',
			usage: { image: 1 },
			source: { type: 'url', url: 'https://img.example.com/cat.jpg', fileName: 'cat.jpg' },
		});
		expect(typeof item.json.requestId).toBe('string');
		expect(item.json.taskId).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(emulator.log.map((e) => [e.kind, e.service, e.status])).toEqual([['sync', 'image-object-detection', 200]]);
	});

	it('uploads a binary image as bare base64 and detects faces', async () => {
		const image = fakeImage('face');
		const result = await runWorkflow(
			singleNode(emulator.url, detectNode({ serviceId: 'ops-object-detect-face-001', inputType: 'binary', binaryPropertyName: 'data', options: { includeRaw: true } }), [
				{ json: {}, binary: { data: { data: image, fileName: 'team.png', mimeType: 'image/png' } } },
			]),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ serviceId: 'ops-object-detect-face-001', source: { type: 'binary', fileName: 'team.png', sizeBytes: image.length } });
		expect((item.json.objects as unknown[]).length).toBeGreaterThan(0);
		const raw = item.json.raw as { result: { objects: Array<{ location: Record<string, number> }> } };
		expect(Object.keys(raw.result.objects[0].location).sort()).toEqual(['X', 'Y', 'height', 'width']);
	});

	it('accepts a base64 string input', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, detectNode({ inputType: 'base64', base64Content: fakeImage('b64').toString('base64'), fileName: 'a.png' }), [{ json: {} }]),
		);
		expect(result.status).toBe('success');
		expect(result.output(NODE)[0].json.source).toMatchObject({ type: 'base64', fileName: 'a.png' });
	});

	it('filters by minimum confidence and splits into one item per object', async () => {
		const url = 'https://img.example.com/street.jpg';
		const all = (await runWorkflow(singleNode(emulator.url, detectNode({ inputType: 'url', url }), [{ json: {} }]))).output(NODE)[0].json
			.objects as Array<{ confidence: number }>;
		const threshold = [...all].sort((a, b) => a.confidence - b.confidence)[1].confidence;
		const kept = all.filter((o) => o.confidence >= threshold);

		const result = await runWorkflow(
			singleNode(emulator.url, detectNode({ inputType: 'url', url: '={{ $json.url }}', options: { minConfidence: threshold, split: true } }), [
				{ json: { url } },
				{ json: { url: 'https://img.example.com/other.jpg' } },
			]),
		);
		const out = result.output(NODE);
		const first = out.filter((i) => (i.pairedItem as { item: number }).item === 0);
		expect(first).toHaveLength(kept.length);
		first.forEach((item, index) => {
			expect(item.json).toMatchObject({ index, confidence: kept[index].confidence, objectCount: kept.length, serviceId: 'ops-object-detect-001' });
			expect(item.json.box).toEqual(objectShape.box);
			expect(item.json.objects).toBeUndefined();
		});
		expect(out.filter((i) => (i.pairedItem as { item: number }).item === 1).length).toBeGreaterThan(0);
		// An input whose every object was filtered out still yields one item (objectCount 0), never none.
		for (const item of out) {
			if (item.json.confidence === undefined) expect(item.json).toMatchObject({ objectCount: 0, objects: [] });
			else expect(item.json.confidence as number).toBeGreaterThanOrEqual(threshold);
		}
	});

	it('fails the run on a failed detection, and keeps the other items under Continue On Fail', async () => {
		const items = [{ json: { url: 'https://img.example.com/ok.jpg' } }, { json: { url: 'https://img.example.com/fail.jpg' } }];
		const failed = await runWorkflow(singleNode(emulator.url, detectNode({ inputType: 'url', url: '={{ $json.url }}' }), items));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/ops-object-detect-001 task failed/);

		const result = await runWorkflow(
			singleNode(emulator.url, detectNode({ inputType: 'url', url: '={{ $json.url }}' }, { onError: 'continueRegularOutput' }), items),
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.objectCount).toBeGreaterThan(0);
		expect(out[1].json).toMatchObject({ errorCode: 'FAIL', status: 'FAIL', serviceId: 'ops-object-detect-001' });
	});

	it('says the service takes no OSS path', async () => {
		const result = await runWorkflow(singleNode(emulator.url, detectNode({ inputType: 'url', url: 'oss://bucket/a.jpg' }), [{ json: {} }]));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/not a usable URL/);
		expect(emulator.log).toHaveLength(0);
	});
});
