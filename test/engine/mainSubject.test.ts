import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, node, singleNode } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Main Subject';
const subjectNode = (parameters: Record<string, unknown>, extra = {}) =>
	node(NODE, 'alibabaMainSubject', { serviceId: 'ops-object-detect-001', ...parameters }, extra);

/** A PNG whose header says width × height (the rest is filler: only the header is read). */
function pngOfSize(width: number, height: number): Buffer {
	const bytes = Buffer.alloc(512, 0x11);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
	bytes.writeUInt32BE(13, 8);
	bytes.write('IHDR', 12, 'ascii');
	bytes.writeUInt32BE(width, 16);
	bytes.writeUInt32BE(height, 20);
	return bytes;
}

/** A JPEG with an APP0 segment, then a SOF0 frame header of width × height. */
function jpegOfSize(width: number, height: number): Buffer {
	const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
	const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
	return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(300, 0x22), Buffer.from([0xff, 0xd9])]);
}

type Subject = Record<string, any>;

describe('Alibaba Main Subject through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], syncLatencyMs: 5 });
	});
	afterEach(async () => {
		await emulator.close();
	});

	it('ranks the detections of a URL image: top subject plus the ranked list, framed by the detections', async () => {
		const result = await runWorkflow(singleNode(emulator.url, subjectNode({ inputType: 'url', url: 'https://img.example.com/product.jpg' }), [{ json: {} }]));
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		const subjects = item.json.subjects as Subject[];
		expect(subjects.length).toBeGreaterThanOrEqual(2);
		expect(subjects.map((s) => s.rank)).toEqual(subjects.map((_, i) => i + 1));
		for (let i = 1; i < subjects.length; i++) expect(subjects[i - 1].score).toBeGreaterThanOrEqual(subjects[i].score);
		expect(item.json.mainSubject).toEqual(subjects[0]);
		expect(item.json).toMatchObject({ subjectCount: subjects.length, rankingFrame: 'detections', usage: { image: 1 }, serviceId: 'ops-object-detect-001' });
		expect(item.json.imageSize).toBeUndefined();
		expect(subjects[0].relativeBox).toBeUndefined();
		expect(subjects[0]).toMatchObject({ confidence: expect.any(Number), areaRatio: expect.any(Number), centrality: expect.any(Number), detectionIndex: expect.any(Number) });
	});

	it.each([
		['PNG', pngOfSize(1000, 800), 'shot.png', 'image/png', 'png'],
		['JPEG', jpegOfSize(1000, 800), 'shot.jpg', 'image/jpeg', 'jpeg'],
	])('reads the size of a binary %s from its header and adds relative coordinates', async (_kind, bytes, fileName, mimeType, format) => {
		const result = await runWorkflow(
			singleNode(emulator.url, subjectNode({ inputType: 'binary', binaryPropertyName: 'data' }), [{ json: {}, binary: { data: { data: bytes, fileName, mimeType } } }]),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ imageSize: { width: 1000, height: 800, format }, rankingFrame: 'image' });
		for (const subject of item.json.subjects as Subject[]) {
			expect(subject.relativeBox.x).toBeCloseTo(subject.box.x / 1000, 4);
			expect(subject.relativeBox.y).toBeCloseTo(subject.box.y / 800, 4);
			expect(subject.relativeBox.width).toBeCloseTo(subject.box.width / 1000, 4);
			expect(subject.relativeBox.height).toBeCloseTo(subject.box.height / 800, 4);
		}
	});

	it('splits into one item per ranked subject', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, subjectNode({ inputType: 'url', url: 'https://img.example.com/product.jpg', options: { split: true } }), [{ json: {} }]),
		);
		const out = result.output(NODE);
		expect(out.length).toBeGreaterThanOrEqual(2);
		expect(out.map((i) => i.json.rank)).toEqual(out.map((_, i) => i + 1));
		expect(out.every((i) => i.json.subjectCount === out.length && i.json.subjects === undefined)).toBe(true);
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('turns a failed detection into an error item under Continue On Fail', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, subjectNode({ inputType: 'url', url: '={{ $json.url }}' }, { onError: 'continueRegularOutput' }), [
				{ json: { url: 'https://img.example.com/fail.jpg' } },
				{ json: { url: 'https://img.example.com/ok.jpg' } },
			]),
		);
		const out = result.output(NODE);
		expect(out[0].json).toMatchObject({ errorCode: 'FAIL', serviceId: 'ops-object-detect-001' });
		expect(out[1].json.mainSubject).toMatchObject({ rank: 1, score: expect.any(Number), box: expect.any(Object) });

		const failed = await runWorkflow(singleNode(emulator.url, subjectNode({ inputType: 'url', url: 'https://img.example.com/fail.jpg' }), [{ json: {} }]));
		expect(failed.status).toBe('error');
	});
});
