import type { Emulator } from '../emulator';
import { PNG_SIGNATURE, startEmulator } from '../emulator';
import { API_KEY, node, singleNode } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Keyframes';
const fast = { pollIntervalSeconds: 0.1 };
const keyNode = (parameters: Record<string, unknown>, extra = {}) =>
	node(NODE, 'alibabaVideoKeyframes', { inputType: 'url', intervalSeconds: 10, imageFormat: 'jpg', framesOutput: 'base64', options: fast, ...parameters }, extra);
const video = Buffer.from('fake mp4 bytes for the keyframe test');

describe('Alibaba Video Keyframes through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		// A generous emulator limit: back-to-back runs in one test would otherwise share one second's quota.
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 100, qps: { 'video-snapshot': 50 } });
	});
	afterEach(async () => {
		await emulator.close();
	});

	it('writes frames of an OSS video to OSS and outputs their paths', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, keyNode({ url: 'oss://bucket/v/demo.mp4', framesOutput: 'oss', outputOss: 'oss://bucket/frames/', imageFormat: 'png' }), [{ json: {} }]),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		const frames = item.json.frames as Array<Record<string, any>>;
		expect(frames.length).toBeGreaterThanOrEqual(2);
		expect(frames[1]).toEqual({ index: 1, frameIndex: 250, time: 10, path: 'oss://bucket/frames/frame_1.png' });
		expect(item.json).toMatchObject({ frameCount: frames.length, usage: { imageCount: frames.length }, serviceId: 'ops-video-snapshot-001', status: 'SUCCESS' });
		expect(item.binary).toBeUndefined();
	});

	it('turns base64 frames of a URL video into binary properties frame_0, frame_1, …', async () => {
		const result = await runWorkflow(singleNode(emulator.url, keyNode({ url: 'https://media.example.com/launch.mp4' }), [{ json: {} }]));
		const [item] = result.output(NODE);
		const frames = item.json.frames as Array<Record<string, any>>;
		expect(frames[0]).toEqual({ index: 0, frameIndex: 0, time: 0, binaryProperty: 'frame_0', fileName: 'launch_frame_0_0s.png', mimeType: 'image/png' });
		expect(frames[1]).toMatchObject({ time: 10, binaryProperty: 'frame_1', fileName: 'launch_frame_1_10s.png' });
		expect(Object.keys(item.binary ?? {})).toEqual(frames.map((f) => f.binaryProperty));
		const bytes = Buffer.from(item.binary!.frame_1.data, 'base64');
		expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		expect(item.binary!.frame_1).toMatchObject({ mimeType: 'image/png', fileName: 'launch_frame_1_10s.png' });
		expect(JSON.stringify(item.json)).not.toContain(bytes.toString('base64'));
	});

	it.each(['default', 'filesystem'] as const)('uploads a binary video as data:video/mp4 and splits into one item per frame (%s mode)', async (binaryMode) => {
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				keyNode({ inputType: 'binary', binaryPropertyName: 'data', options: { ...fast, split: true } }),
				[{ json: {}, binary: { data: { data: video, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
				{ binaryMode },
			),
		);
		expect(result.error?.message).toBeUndefined();
		const out = result.output(NODE);
		expect(out.length).toBeGreaterThanOrEqual(2);
		out.forEach((item, index) => {
			expect(item.json).toMatchObject({ index, time: index * 10, frameIndex: index * 250, frameCount: out.length, mimeType: 'image/png', status: 'SUCCESS' });
			expect(Object.keys(item.binary ?? {})).toEqual(['data']);
			expect(item.binary!.data.fileName).toBe(`clip_frame_${index}_${index * 10}s.png`);
			expect(item.pairedItem).toEqual({ item: 0 });
		});
		expect(out[0].json.source).toMatchObject({ type: 'binary', fileName: 'clip.mp4', mimeType: 'video/mp4' });
	});

	it('refuses an audio file: the snapshot service takes video only', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, keyNode({ inputType: 'binary', binaryPropertyName: 'data' }), [{ json: {}, binary: { data: { data: video, fileName: 'song.mp3', mimeType: 'audio/mpeg' } } }]),
		);
		expect(result.error?.message).toMatch(/Cannot tell the video format of "song.mp3"/);
		expect(emulator.log).toHaveLength(0);
	});

	it('fails on a FAIL task, and gives an error item under Continue On Fail', async () => {
		const failed = await runWorkflow(singleNode(emulator.url, keyNode({ url: 'https://media.example.com/fail.mp4' }), [{ json: {} }]));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/ops-video-snapshot-001 task failed/);

		const result = await runWorkflow(
			singleNode(emulator.url, keyNode({ url: '={{ $json.url }}' }, { onError: 'continueRegularOutput' }), [
				{ json: { url: 'https://media.example.com/fail.mp4' } },
				{ json: { url: 'https://media.example.com/ok.mp4' } },
			]),
		);
		const out = result.output(NODE);
		expect(out[0].json).toMatchObject({ status: 'FAIL', errorCode: 'FAIL', serviceId: 'ops-video-snapshot-001' });
		expect(out[1].json.frameCount).toBeGreaterThan(0);
		expect(out[1].binary?.frame_0).toMatchObject({ mimeType: expect.stringMatching(/^image\//), fileName: expect.stringContaining('_frame_0') });
	});
});
