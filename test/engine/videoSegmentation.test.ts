import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, chain, node, singleNode } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Segment';
const fast = { pollIntervalSeconds: 0.1 };
const segNode = (parameters: Record<string, unknown>, extra = {}) =>
	node(NODE, 'alibabaVideoSegmentation', { inputType: 'url', options: fast, ...parameters }, extra);

describe('Alibaba Video Segmentation through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		// A generous emulator limit: back-to-back runs in one test would otherwise share one second's quota.
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 100, qps: { 'video-segmentation': 50, 'video-summarization': 50 } });
	});
	afterEach(async () => {
		await emulator.close();
	});
	const submits = () => emulator.log.filter((e) => e.kind === 'submit');

	it('segments a video URL: index, start, end, transcript and snapshots per segment', async () => {
		const result = await runWorkflow(singleNode(emulator.url, segNode({ url: 'https://media.example.com/keynote.mp4' }), [{ json: {} }]));
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		const segments = item.json.segments as Array<Record<string, any>>;
		expect(segments).toHaveLength(3);
		expect(segments[1]).toEqual({
			index: 1,
			start: 10,
			end: 19.5,
			transcript: 'Segment 2 of keynote.mp4.',
			snapshots: [
				{ frameIndex: 288, time: 11.5, path: `oss://emulator-output/${submits()[0].taskId}/chunk_1/frame_0.jpg` },
				{ frameIndex: 413, time: 16.5, path: `oss://emulator-output/${submits()[0].taskId}/chunk_1/frame_1.jpg` },
			],
		});
		expect(item.json).toMatchObject({
			segmentCount: 3,
			usage: { audioToken: 300, imageToken: 1548 },
			status: 'SUCCESS',
			serviceId: 'ops-video-segment-001',
			source: { type: 'url', url: 'https://media.example.com/keynote.mp4', fileName: 'keynote.mp4' },
		});
	});

	it('reads an OSS video and stores keyframes under the output OSS path', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, segNode({ url: 'oss://bucket/videos/demo.mp4', options: { ...fast, outputOss: 'oss://bucket/out/' } }), [{ json: {} }]),
		);
		const segments = result.output(NODE)[0].json.segments as Array<Record<string, any>>;
		expect(segments[0].transcript).toBe('Segment 1 of demo.mp4.');
		expect(segments[0].snapshots[0].path).toBe('oss://bucket/out/chunk_0/frame_0.jpg');
	});

	it('splits into one item per segment', async () => {
		const result = await runWorkflow(singleNode(emulator.url, segNode({ url: 'https://media.example.com/keynote.mp4', options: { ...fast, split: true } }), [{ json: {} }]));
		const out = result.output(NODE);
		expect(out.map((i) => i.json.index)).toEqual([0, 1, 2]);
		expect(out[2].json).toMatchObject({ start: 20, end: 29.5, transcript: 'Segment 3 of keynote.mp4.', segmentCount: 3, status: 'SUCCESS' });
		expect(out[2].json.segments).toBeUndefined();
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('fails on a FAIL task, and gives an error item under Continue On Fail', async () => {
		const failed = await runWorkflow(singleNode(emulator.url, segNode({ url: 'https://media.example.com/fail.mp4' }), [{ json: {} }]));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/ops-video-segment-001 task failed/);

		const result = await runWorkflow(
			singleNode(emulator.url, segNode({ url: '={{ $json.url }}' }, { onError: 'continueRegularOutput' }), [
				{ json: { url: 'https://media.example.com/ok.mp4' } },
				{ json: { url: 'oss://bucket/fail.mp4' } },
			]),
		);
		const out = result.output(NODE);
		expect(out[0].json.segmentCount).toBe(3);
		expect(out[1].json).toMatchObject({ status: 'FAIL', errorCode: 'FAIL', serviceId: 'ops-video-segment-001' });
	});

	it('refuses a non-URL input before sending (the service takes no upload)', async () => {
		const result = await runWorkflow(singleNode(emulator.url, segNode({ url: 'C:/videos/local.mp4' }), [{ json: {} }]));
		expect(result.error?.message).toMatch(/not a usable URL/);
		expect(emulator.log).toHaveLength(0);
	});

	it('chains Submit Only into Get Result', async () => {
		const result = await runWorkflow(
			chain(
				emulator.url,
				[
					node('Submit', 'alibabaVideoSegmentation', { operation: 'submitOnly', inputType: 'url', url: 'https://media.example.com/keynote.mp4' }),
					node('Collect', 'alibabaVideoSegmentation', { operation: 'getResult', taskId: '={{ $json.taskId }}', options: fast }),
				],
				[{ json: {} }],
			),
		);
		expect(result.output('Collect')[0].json).toMatchObject({ status: 'SUCCESS', segmentCount: 3, taskId: result.output('Submit')[0].json.taskId });
		expect(submits()).toHaveLength(1);
	});
});
