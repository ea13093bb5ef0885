import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, chain, node, singleNode } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Summarize';
const fast = { pollIntervalSeconds: 0.1 };
const sumNode = (parameters: Record<string, unknown>, extra = {}) =>
	node(NODE, 'alibabaVideoSummary', { inputType: 'url', options: fast, ...parameters }, extra);

describe('Alibaba Video Summarization through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		// A generous emulator limit: back-to-back runs in one test would otherwise share one second's quota.
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 100, qps: { 'video-segmentation': 50, 'video-summarization': 50 } });
	});
	afterEach(async () => {
		await emulator.close();
	});
	const submits = () => emulator.log.filter((e) => e.kind === 'submit');

	it('summarizes a video URL: title, summary, tags and per-chunk enhanced transcript', async () => {
		const result = await runWorkflow(singleNode(emulator.url, sumNode({ url: 'https://media.example.com/keynote.mp4' }), [{ json: {} }]));
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({
			title: 'Summary of keynote.mp4',
			summary: 'A video in 2 part(s).',
			tags: ['emulator', 'video'],
			chunkCount: 2,
			usage: { audioToken: 200, imageToken: 516, inputToken: expect.any(Number), outputToken: 150 },
			status: 'SUCCESS',
			serviceId: 'ops-video-summarize-001',
			source: { type: 'url', url: 'https://media.example.com/keynote.mp4', fileName: 'keynote.mp4' },
		});
		expect(item.json.chunks).toEqual([
			{ index: 0, enhancedTranscript: 'Enhanced transcript 1: Opening remarks.', title: 'Part 1', summary: 'Summary of part 1 (0s-12.5s).', tags: ['part-1'] },
			{ index: 1, enhancedTranscript: 'Enhanced transcript 2: Main content.', title: 'Part 2', summary: 'Summary of part 2 (12.5s-30s).', tags: ['part-2'] },
		]);
	});

	it('summarizes an OSS video, with a chosen file name, split into one item per chunk', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, sumNode({ url: 'oss://bucket/v/raw-upload', options: { ...fast, fileName: 'town-hall.mp4', split: true } }), [{ json: {} }]),
		);
		const out = result.output(NODE);
		expect(out).toHaveLength(2);
		expect(out[1].json).toMatchObject({
			index: 1,
			title: 'Part 2',
			summary: 'Summary of part 2 (12.5s-30s).',
			tags: ['part-2'],
			enhancedTranscript: 'Enhanced transcript 2: Main content.',
			videoTitle: 'Summary of town-hall.mp4',
			videoSummary: 'A video in 2 part(s).',
			videoTags: ['emulator', 'video'],
			chunkCount: 2,
		});
		expect(out[1].json.chunks).toBeUndefined();
		expect(out[1].json.source).toMatchObject({ url: 'oss://bucket/v/raw-upload', fileName: 'town-hall.mp4' });
	});

	it('summarizes the segments of a Video Segmentation node (segmentation → summarization)', async () => {
		const result = await runWorkflow(
			chain(
				emulator.url,
				[
					node('Segment', 'alibabaVideoSegmentation', { inputType: 'url', url: '={{ $json.url }}', options: fast }),
					node(NODE, 'alibabaVideoSummary', {
						inputType: 'segments',
						segments: '={{ $json.segments }}',
						rewriteTranscript: true,
						generateTags: true,
						extractSnapshot: true,
						options: { ...fast, fileName: '={{ $json.source.fileName }}' },
					}),
				],
				[{ json: { url: 'https://media.example.com/lecture.mp4' } }, { json: { url: 'oss://bucket/talk.mp4' } }],
			),
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out).toHaveLength(2);
		expect(out[0].json).toMatchObject({ title: 'Summary of lecture.mp4', chunkCount: 3, source: { type: 'segments', segmentCount: 3, fileName: 'lecture.mp4' } });
		expect((out[0].json.chunks as Array<Record<string, any>>)[2]).toEqual({
			index: 2,
			enhancedTranscript: 'Enhanced transcript 3: Segment 3 of lecture.mp4.',
			title: 'Part 3',
			summary: 'Summary of part 3 (20s-29.5s).',
			tags: ['part-3'],
		});
		expect(out[1].json.title).toBe('Summary of talk.mp4');
		expect(submits().map((e) => e.service)).toEqual(['video-segmentation', 'video-segmentation', 'video-summarization', 'video-summarization']);
	});

	it('explains segments that are not segments', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, sumNode({ inputType: 'segments', segments: '={{ $json.segments }}' }), [{ json: { segments: [{ transcript: 'no times' }] } }]),
		);
		expect(result.error?.message).toMatch(/Segment 0 is not a segment/);
		expect(result.error?.description).toMatch(/Video Segmentation/);
		expect(emulator.log).toHaveLength(0);
	});

	it('fails on a FAIL task, and gives an error item under Continue On Fail', async () => {
		const failed = await runWorkflow(singleNode(emulator.url, sumNode({ url: 'https://media.example.com/fail.mp4' }), [{ json: {} }]));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/ops-video-summarize-001 task failed/);

		const result = await runWorkflow(
			singleNode(emulator.url, sumNode({ url: '={{ $json.url }}' }, { onError: 'continueRegularOutput' }), [
				{ json: { url: 'https://media.example.com/ok.mp4' } },
				{ json: { url: 'https://media.example.com/fail.mp4' } },
			]),
		);
		const out = result.output(NODE);
		expect(out[0].json.title).toBe('Summary of ok.mp4');
		expect(out[1].json).toMatchObject({ status: 'FAIL', errorCode: 'FAIL', serviceId: 'ops-video-summarize-001' });
	});

	it('chains Submit Only into Get Result', async () => {
		const result = await runWorkflow(
			chain(
				emulator.url,
				[
					node('Submit', 'alibabaVideoSummary', { operation: 'submitOnly', inputType: 'url', url: 'https://media.example.com/keynote.mp4' }),
					node('Collect', 'alibabaVideoSummary', { operation: 'getResult', taskId: '={{ $json.taskId }}', options: fast }),
				],
				[{ json: {} }],
			),
		);
		expect(result.output('Collect')[0].json).toMatchObject({ status: 'SUCCESS', title: 'Summary of keynote.mp4', taskId: result.output('Submit')[0].json.taskId });
		expect(submits()).toHaveLength(1);
	});
});
