import type { Answer } from '../../../nodes/shared/work/work';
import { mediaDataUri, mediaFormat } from '../../../nodes/aiSearch/media';
import { asrBody, normalizeTranscript, toSrt, toVtt } from '../../../nodes/aiSearch/transcription';
import { Base64Content } from '../../../nodes/shared/transport/base64Content';
import { jsonBytes } from '../../../nodes/shared/transport/jsonBytes';
import type { IDataObject } from 'n8n-workflow';

/** The body as the service receives it. */
const wire = (body: IDataObject) => JSON.parse(jsonBytes(body).toString()) as unknown;

const snapshot = (data: unknown, usage = {}): Answer => ({ data, usage, raw: {} });

describe('media format names for data URIs', () => {
	it.each([
		['talk.MP3', undefined, 'audio/mp3'],
		['talk', 'audio/mpeg', 'audio/mp3'],
		['clip.mov', 'video/quicktime', 'video/mov'],
		['clip', 'video/quicktime', 'video/mov'],
		['memo', 'audio/x-m4a', 'audio/m4a'],
		['a.webm', 'video/webm', 'video/webm'],
		['x.bin', 'audio/wav; codecs=1', 'audio/wav'],
	])('%s (%s) → data:%s', (fileName, mime, expected) => {
		const format = mediaFormat(fileName, mime);
		expect(format && JSON.stringify(mediaDataUri(format, Base64Content.ofBytes(Buffer.from('ABC'))))).toBe(`"data:${expected};base64,QUJD"`);
	});

	it('knows nothing of unsupported types, and limits by kind', () => {
		expect(mediaFormat('a.txt', 'text/plain')).toBeUndefined();
		expect(mediaFormat('song.mp3', 'audio/mpeg', ['video'])).toBeUndefined();
	});
});

describe('transcription', () => {
	it('builds content, oss and url inputs with text or OSS output', () => {
		expect(wire(asrBody({ content: Base64Content.ofBase64('QUJD'), source: { type: 'binary', fileName: 'a.mp3' } }, { kind: 'audio', format: 'mp3' }))).toEqual({
			input: { content: 'data:audio/mp3;base64,QUJD', file_name: 'a.mp3' },
			output: { type: 'text' },
		});
		expect(asrBody({ url: 'oss://b/a.wav', source: { type: 'url', fileName: 'a.wav' } }, undefined, 'oss://b/out/')).toEqual({
			input: { oss: 'oss://b/a.wav', file_name: 'a.wav' },
			output: { type: 'oss', oss: 'oss://b/out/' },
		});
		expect(asrBody({ url: 'https://x/a.wav', source: { type: 'url' } }, undefined).input).toEqual({ url: 'https://x/a.wav', file_name: undefined });
	});

	it('normalizes sentences, converting milliseconds when told', () => {
		const result = normalizeTranscript(snapshot([{ start: 0, end: 1500, text: 'Hi.' }, { start: '1500', end: 3000.4, text: ' There. ' }], { duration: 3000 }), 'milliseconds');
		expect(result).toEqual({
			text: 'Hi. There.',
			sentences: [
				{ start: 0, end: 1.5, text: 'Hi.' },
				{ start: 1.5, end: 3, text: ' There. ' },
			],
			sentenceCount: 2,
			duration: 3,
		});
	});

	it('renders SRT and WebVTT with hours, milliseconds and no empty lines inside a cue', () => {
		const sentences = [
			{ start: 0, end: 2.4, text: 'One.' },
			{ start: 3723.0456, end: 3725.5, text: 'Two\n\nlines.' },
		];
		expect(toSrt(sentences)).toBe('1\n00:00:00,000 --> 00:00:02,400\nOne.\n\n2\n01:02:03,046 --> 01:02:05,500\nTwo\nlines.\n');
		expect(toVtt(sentences)).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:02.400\nOne.\n\n01:02:03.046 --> 01:02:05.500\nTwo\nlines.\n');
		expect(toVtt([])).toBe('WEBVTT\n');
	});
});
