import type { Answer } from '../../../nodes/shared/work/work';
import { normalizeSegments, segmentationBody } from '../../../nodes/aiSearch/videoSegmentation';
import { frameFileName, snapshotBody } from '../../../nodes/aiSearch/videoSnapshot';
import { normalizeSummary, summaryBody, toApiChunks } from '../../../nodes/aiSearch/videoSummary';
import { Base64Content } from '../../../nodes/shared/transport/base64Content';
import { jsonBytes } from '../../../nodes/shared/transport/jsonBytes';
import type { IDataObject } from 'n8n-workflow';

/** The body as the service receives it. */
const wire = (body: IDataObject) => JSON.parse(jsonBytes(body).toString()) as unknown;

const snapshot = (data: unknown, usage = {}): Answer => ({ data, usage, raw: {} });

describe('video segmentation', () => {
	it('sends url or oss (never content) and normalizes segments', () => {
		expect(segmentationBody({ url: 'oss://b/v.mp4', source: { type: 'url', fileName: 'v.mp4' } }, 'oss://b/out/')).toEqual({
			input: { oss: 'oss://b/v.mp4', file_name: 'v.mp4' },
			output: { type: 'oss', oss: 'oss://b/out/' },
		});
		const result = normalizeSegments(
			snapshot([{ chunk_index: 0, start_time: 0, end_time: 12.5, transcript: 'Intro', snapshots: [{ frame_index: 25, frame_time: 1, path: 'oss://b/f0.jpg' }] }], {
				audio_token: 300,
				image_token: 1200,
			}),
		);
		expect(result).toEqual({
			segments: [{ index: 0, start: 0, end: 12.5, transcript: 'Intro', snapshots: [{ frameIndex: 25, time: 1, path: 'oss://b/f0.jpg' }] }],
			segmentCount: 1,
			usage: { audioToken: 300, imageToken: 1200 },
		});
	});
});

describe('video keyframes', () => {
	it('sends the data URI, interval, format and output', () => {
		expect(
			wire(snapshotBody({ content: Base64Content.ofBytes(Buffer.from('ABC')), source: { type: 'binary', fileName: 'c.mp4' } }, { kind: 'video', format: 'mp4' }, { intervalSeconds: 2, format: 'png', outputType: 'base64' })),
		).toEqual({ input: { content: 'data:video/mp4;base64,QUJD', file_name: 'c.mp4' }, parameters: { interval: 2, format: 'png' }, output: { type: 'base64' } });
		expect(
			snapshotBody({ url: 'https://x/v.mp4', source: { type: 'url' } }, undefined, { intervalSeconds: 5, format: 'jpg', outputType: 'oss', outputOss: 'oss://b/f/' }).output,
		).toEqual({ type: 'oss', oss: 'oss://b/f/' });
	});

	it('names frames after the video, position and time', () => {
		expect(frameFileName('My clip.final.mp4', 3, 12.5, 'jpg')).toBe('My_clip.final_frame_3_12.5s.jpg');
		expect(frameFileName(undefined, 0, undefined, 'png')).toBe('video_frame_0.png');
	});
});

describe('video summarization', () => {
	it('turns Video Segmentation segments into the API chunks (no chunk index)', () => {
		expect(
			toApiChunks([{ index: 0, start: 0, end: 9.5, transcript: 'A', snapshots: [{ frameIndex: 38, time: 1.5, path: 'oss://b/f.jpg' }] }]),
		).toEqual({ chunks: [{ start_time: 0, end_time: 9.5, transcript: 'A', snapshots: [{ frame_index: 38, frame_time: 1.5, path: 'oss://b/f.jpg' }] }] });
		expect(toApiChunks('[{"start_time":1,"end_time":2}]')).toEqual({ chunks: [{ start_time: 1, end_time: 2, transcript: '', snapshots: [] }] });
		expect(toApiChunks({ start: 1, end: 2, transcript: 'one' }).chunks).toHaveLength(1);
	});

	it('says why chunks are unusable', () => {
		expect(toApiChunks([]).problem).toMatch(/No segments/);
		expect(toApiChunks('not json').problem).toMatch(/not JSON/);
		expect(toApiChunks([{ start: 'x', end: 1 }]).problem).toMatch(/Segment 0 is not a segment/);
	});

	it('sends the switches and normalizes title, summary, tags and chunks', () => {
		const body = summaryBody({ chunks: [{ start_time: 0, end_time: 1 }], fileName: 'v.mp4' }, { rewriteTranscript: true, generateTags: false, extractSnapshot: true });
		expect(body).toEqual({
			input: { chunks: [{ start_time: 0, end_time: 1 }], file_name: 'v.mp4' },
			parameters: { rewrite_transcript: true, generate_tags: false, extract_snapshot: true },
		});
		const result = normalizeSummary(
			snapshot(
				{
					video_metadata: { title: 'Demo', summary: 'A short demo.', tags: ['demo', 3] },
					chunks: [{ index: 0, enhanced_transcript: 'Intro', metadata: { title: 'Intro', summary: 's', tags: [] } }],
				},
				{ audio_token: 1, image_token: 2, input_token: 3, output_token: 4 },
			),
		);
		expect(result).toEqual({
			title: 'Demo',
			summary: 'A short demo.',
			tags: ['demo'],
			chunks: [{ index: 0, enhancedTranscript: 'Intro', title: 'Intro', summary: 's', tags: [] }],
			chunkCount: 1,
			usage: { audioToken: 1, imageToken: 2, inputToken: 3, outputToken: 4 },
		});
	});
});
