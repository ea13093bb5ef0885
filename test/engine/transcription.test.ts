import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, chain, md5, node, singleNode } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Transcribe';
const fast = { pollIntervalSeconds: 0.1 };
const asrNode = (parameters: Record<string, unknown>, extra = {}) => node(NODE, 'alibabaTranscription', { options: fast, ...parameters }, extra);
const audio = Buffer.from('ID3 fake audio bytes for the transcription test');

const EXPECTED_SRT = [
	'1\n00:00:00,000 --> 00:00:02,400\nTranscript of talk.mp3.\n',
	'2\n00:00:02,500 --> 00:00:04,900\nThis is the second sentence.\n',
	'3\n00:00:05,000 --> 00:00:07,400\nThank you for listening.\n',
].join('\n');

describe('Alibaba Transcription through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		// A generous emulator limit: back-to-back runs in one test would otherwise share one second's quota.
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 100, qps: { 'audio-asr': 50 } });
	});
	afterEach(async () => {
		await emulator.close();
	});
	const submits = () => emulator.log.filter((e) => e.kind === 'submit');

	it('transcribes a URL: full text, timed sentences and duration', async () => {
		const result = await runWorkflow(singleNode(emulator.url, asrNode({ inputType: 'url', url: 'https://media.example.com/talk.mp3' }), [{ json: {} }]));
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({
			text: 'Transcript of talk.mp3. This is the second sentence. Thank you for listening.',
			sentenceCount: 3,
			duration: 7.4,
			status: 'SUCCESS',
			serviceId: 'ops-audio-asr-001',
			source: { type: 'url', url: 'https://media.example.com/talk.mp3', fileName: 'talk.mp3' },
		});
		expect(item.json.sentences).toEqual([
			{ start: 0, end: 2.4, text: 'Transcript of talk.mp3.' },
			{ start: 2.5, end: 4.9, text: 'This is the second sentence.' },
			{ start: 5, end: 7.4, text: 'Thank you for listening.' },
		]);
		expect(item.json.taskId).toBe(submits()[0].taskId);
	});

	it('passes an OSS path as input.oss', async () => {
		const result = await runWorkflow(singleNode(emulator.url, asrNode({ inputType: 'url', url: 'oss://bucket/calls/call-7.wav' }), [{ json: {} }]));
		expect(result.status).toBe('success');
		expect(result.output(NODE)[0].json.text).toContain('Transcript of call-7.wav.');
		expect(result.output(NODE)[0].json.source).toMatchObject({ type: 'url', url: 'oss://bucket/calls/call-7.wav' });
	});

	it.each([
		['talk.mp3', 'audio/mpeg'],
		['recording', 'audio/mpeg'],
		['clip.mov', 'video/quicktime'],
		['memo.m4a', 'audio/mp4'],
	])('uploads binary %s (%s) as a data URI with the format name', async (fileName, mimeType) => {
		const result = await runWorkflow(
			singleNode(emulator.url, asrNode({ inputType: 'binary', binaryPropertyName: 'data' }), [{ json: {}, binary: { data: { data: audio, fileName, mimeType } } }]),
		);
		// The emulator refuses data:audio/mpeg (a MIME subtype, not a format name) with a 400.
		expect(result.error?.message).toBeUndefined();
		expect(result.output(NODE)[0].json.text).toContain(`(${audio.length} bytes, md5 ${md5(audio)})`);
	});

	it('refuses an upload whose format cannot be told, pointing at the Media Format option; the option fixes it', async () => {
		const input = [{ json: {}, binary: { data: { data: audio, fileName: 'blob.bin', mimeType: 'application/octet-stream' } } }];
		const refused = await runWorkflow(singleNode(emulator.url, asrNode({ inputType: 'binary', binaryPropertyName: 'data' }), input));
		expect(refused.error?.message).toMatch(/Cannot tell the audio or video format of "blob.bin"/);
		expect(refused.error?.description).toMatch(/Media Format/);
		expect(emulator.log).toHaveLength(0);

		const fixed = await runWorkflow(
			singleNode(emulator.url, asrNode({ inputType: 'binary', binaryPropertyName: 'data', options: { ...fast, mediaFormat: 'wav' } }), input),
		);
		expect(fixed.status).toBe('success');
	});

	it('renders SRT and WebVTT as text fields', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, asrNode({ inputType: 'url', url: 'https://media.example.com/talk.mp3', options: { ...fast, subtitles: 'both' } }), [{ json: {} }]),
		);
		const [item] = result.output(NODE);
		expect(item.json.srt).toBe(EXPECTED_SRT);
		expect(item.json.vtt).toBe(
			'WEBVTT\n\n00:00:00.000 --> 00:00:02.400\nTranscript of talk.mp3.\n\n00:00:02.500 --> 00:00:04.900\nThis is the second sentence.\n\n00:00:05.000 --> 00:00:07.400\nThank you for listening.\n',
		);
	});

	it('renders subtitles as binary .srt / .vtt files', async () => {
		const result = await runWorkflow(
			singleNode(
				emulator.url,
				asrNode({ inputType: 'url', url: 'https://media.example.com/talk.mp3', options: { ...fast, subtitles: 'both', subtitlesOutput: 'binary' } }),
				[{ json: {} }],
			),
		);
		const [item] = result.output(NODE);
		expect(item.json.srt).toBeUndefined();
		expect(item.binary?.srt).toMatchObject({ fileName: 'talk.srt', mimeType: 'application/x-subrip', fileExtension: 'srt' });
		expect(item.binary?.vtt).toMatchObject({ fileName: 'talk.vtt', mimeType: 'text/vtt' });
		expect(Buffer.from(item.binary!.srt.data, 'base64').toString('utf8')).toBe(EXPECTED_SRT);
	});

	it('splits into one item per sentence', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, asrNode({ inputType: 'url', url: '={{ $json.url }}', options: { ...fast, split: true } }), [
				{ json: { url: 'https://media.example.com/a.mp3' } },
				{ json: { url: 'https://media.example.com/b.mp3' } },
			]),
		);
		const out = result.output(NODE);
		expect(out).toHaveLength(6);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }, { item: 1 }]);
		expect(out[4].json).toMatchObject({ index: 1, start: 2.5, end: 4.9, text: 'This is the second sentence.', sentenceCount: 3, duration: 7.4, status: 'SUCCESS' });
		expect(out[3].json.text).toContain('b.mp3');
	});

	it('fails on a FAIL task, and gives an error item under Continue On Fail', async () => {
		const failed = await runWorkflow(singleNode(emulator.url, asrNode({ inputType: 'url', url: 'https://media.example.com/fail.mp3' }), [{ json: {} }]));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/ops-audio-asr-001 task failed/);

		const result = await runWorkflow(
			singleNode(emulator.url, asrNode({ inputType: 'url', url: '={{ $json.url }}' }, { onError: 'continueRegularOutput' }), [
				{ json: { url: 'https://media.example.com/fail.mp3' } },
				{ json: { url: 'https://media.example.com/ok.mp3' } },
			]),
		);
		const out = result.output(NODE);
		expect(out[0].json).toMatchObject({ status: 'FAIL', errorCode: 'FAIL', serviceId: 'ops-audio-asr-001', taskId: expect.any(String) });
		expect(out[1].json.sentenceCount).toBe(3);
	});

	it('chains Submit Only into Get Result', async () => {
		const result = await runWorkflow(
			chain(
				emulator.url,
				[
					node('Submit', 'alibabaTranscription', { operation: 'submitOnly', inputType: 'url', url: 'https://media.example.com/talk.mp3' }),
					node('Collect', 'alibabaTranscription', { operation: 'getResult', taskId: '={{ $json.taskId }}', options: fast }),
				],
				[{ json: {} }],
			),
		);
		expect(result.output('Submit')[0].json).toMatchObject({ status: 'PENDING', serviceId: 'ops-audio-asr-001' });
		expect(result.output('Collect')[0].json).toMatchObject({ status: 'SUCCESS', taskId: result.output('Submit')[0].json.taskId, sentenceCount: 3 });
		expect(submits()).toHaveLength(1);
	});

	it('pipelines many items under the service\'s 5 requests per second, each submitted exactly once', async () => {
		await emulator.close();
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 300 });
		const count = 8;
		const items = Array.from({ length: count }, (_, i) => ({ json: { url: `https://media.example.com/call-${i}.mp3` } }));
		const result = await runWorkflow(singleNode(emulator.url, asrNode({ inputType: 'url', url: '={{ $json.url }}', options: { pollIntervalSeconds: 0.5 } }), items));
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		out.forEach((item, i) => expect(item.json.text).toContain(`call-${i}.mp3`));
		const accepted = submits().filter((e) => e.status === 200);
		expect(accepted).toHaveLength(count);
		expect(new Set(accepted.map((e) => e.bodyMd5)).size).toBe(count);
		// The node's default budget is the documented 5 QPS: the emulator, enforcing 5 QPS, throttles little or nothing.
		expect(emulator.log.filter((e) => e.status === 429).length).toBeLessThanOrEqual(2);
		expect(result.durationMs).toBeLessThan(count * 1000);
	});
});
