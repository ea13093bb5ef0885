import type { IDataObject } from 'n8n-workflow';

import { textToBinary } from '../shared/io/binaryData';
import type { Capability } from '../shared/capability/capability';
import type { PreparedInput, ResolvedInput } from '../shared/io/input';
import { itemFor, listItems } from '../shared/io/output';
import { list, num, obj, optionChoice } from '../shared/core/values';
import type { Answer } from '../shared/work/work';
import { AI_SEARCH_QPS } from './constants';
import type { MediaFormat } from './media';
import { mediaDataUri, prepareMediaInput, remoteMediaInput } from './media';
import { aiSearch } from './protocol';

/** Audio/video transcription (`audio-asr`), asynchronous. */
export const ASR_SERVICE_ID = 'ops-audio-asr-001';

export interface Sentence extends IDataObject {
	start: number;
	end: number;
	text: string;
}

export const TIME_UNITS = ['seconds', 'milliseconds'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** The values of the Subtitles and Subtitles As options. */
export const SUBTITLE_FORMATS = ['none', 'srt', 'vtt', 'both'] as const;
export const SUBTITLE_OUTPUTS = ['text', 'binary'] as const;

/** The output options, read from the item's Options (each its default when unset). */
function readOutputOptions(options: IDataObject) {
	return {
		timeUnit: optionChoice(options.timeUnit, { label: 'Sentence Time Unit', choices: TIME_UNITS, fallback: 'seconds', removable: true }),
		subtitles: optionChoice(options.subtitles, { label: 'Subtitles', choices: SUBTITLE_FORMATS, fallback: 'none', removable: true }),
		subtitlesOutput: optionChoice(options.subtitlesOutput, { label: 'Subtitles As', choices: SUBTITLE_OUTPUTS, fallback: 'text', removable: true }),
	};
}

/** Uploads go as the documented data URI (`data:audio/mp3;base64,…`), links as `url` or `oss`. */
export function asrBody(input: ResolvedInput, media: MediaFormat | undefined, outputOss?: string): IDataObject {
	const body: IDataObject = {
		input: input.content && media
			? { content: mediaDataUri(media, input.content), file_name: input.source.fileName }
			: remoteMediaInput(input),
	};
	body.output = outputOss ? { type: 'oss', oss: outputOss } : { type: 'text' };
	return body;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Sentences in seconds. The unit of the service's times is not documented; seconds is what it appears to use. */
export function normalizeTranscript(answer: Answer, unit: TimeUnit = 'seconds') {
	const toSeconds = (value: number) => round3(unit === 'milliseconds' ? value / 1000 : value);
	const sentences: Sentence[] = [];
	for (const entry of list(answer.data)) {
		const sentence = obj(entry);
		const text = typeof sentence.text === 'string' ? sentence.text : '';
		const start = num(sentence.start) ?? 0;
		const end = num(sentence.end) ?? start;
		sentences.push({ start: toSeconds(start), end: toSeconds(end), text });
	}
	const duration = num(answer.usage.duration);
	return {
		text: sentences
			.map((sentence) => sentence.text.trim())
			.filter((text) => text !== '')
			.join(' '),
		sentences,
		sentenceCount: sentences.length,
		duration: duration === undefined ? undefined : toSeconds(duration),
	};
}

function timestamp(seconds: number, separator: ',' | '.'): string {
	const totalMs = Math.max(0, Math.round(seconds * 1000));
	const pad = (value: number, width = 2) => String(value).padStart(width, '0');
	const hours = Math.floor(totalMs / 3_600_000);
	const minutes = Math.floor(totalMs / 60_000) % 60;
	const secs = Math.floor(totalMs / 1000) % 60;
	return `${pad(hours)}:${pad(minutes)}:${pad(secs)}${separator}${pad(totalMs % 1000, 3)}`;
}

/** Cue text cannot contain an empty line (it would end the cue). */
const cueText = (text: string) => text.replace(/\r?\n\s*\r?\n/g, '\n').trim();

/** SubRip: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, a blank line after each. */
export function toSrt(sentences: Sentence[]): string {
	return sentences
		.map((s, i) => `${i + 1}\n${timestamp(s.start, ',')} --> ${timestamp(s.end, ',')}\n${cueText(s.text)}\n`)
		.join('\n');
}

/** WebVTT: the `WEBVTT` header, then cues with `HH:MM:SS.mmm` times. */
export function toVtt(sentences: Sentence[]): string {
	const cues = sentences.map((s) => `${timestamp(s.start, '.')} --> ${timestamp(s.end, '.')}\n${cueText(s.text)}\n`);
	return ['WEBVTT\n', ...cues].join('\n');
}

interface TranscriptionRequest {
	input: PreparedInput;
	media?: MediaFormat;
	outputOss?: string;
}

export const transcription: Capability<TranscriptionRequest> = {
	protocol: aiSearch,
	defaultQps: AI_SEARCH_QPS['audio-asr'],
	async: true,
	route: () => `audio-asr/${ASR_SERVICE_ID}`,
	check: (item) => void readOutputOptions(item.options),
	async prepare(item) {
		const { input, media } = await prepareMediaInput(item, ['audio', 'video'], item.options.mediaFormat as string | undefined, 'Transcription');
		const outputOss = (item.options.outputOss as string | undefined)?.trim();
		return { request: { input, media, outputOss }, fields: { source: input.source } };
	},
	body: async (request) => asrBody(await request.input.load(), request.media, request.outputOss),
	async output(answer, item) {
		const { options, common, index } = item;
		const { timeUnit, subtitles, subtitlesOutput } = readOutputOptions(options);
		const result: IDataObject = normalizeTranscript(answer, timeUnit);
		const sentences = result.sentences as Sentence[];
		if (options.split === true) {
			return listItems(result, sentences, { sentenceCount: sentences.length, duration: result.duration }, common, index, true);
		}
		const rendered: Record<string, string> = {};
		if (subtitles === 'srt' || subtitles === 'both') rendered.srt = toSrt(sentences);
		if (subtitles === 'vtt' || subtitles === 'both') rendered.vtt = toVtt(sentences);
		// An AI agent reads subtitles as text: n8n drops binary files from tool answers.
		if (subtitlesOutput !== 'binary' || item.tool) return { ...result, ...rendered };

		const output = itemFor({ ...result, ...common }, index);
		const base = ((obj(common.source).fileName as string | undefined) ?? 'transcript').replace(/\.[^.]*$/, '');
		output.binary = {};
		if (rendered.srt) output.binary.srt = await textToBinary(item.ctx, rendered.srt, `${base}.srt`, 'application/x-subrip');
		if (rendered.vtt) output.binary.vtt = await textToBinary(item.ctx, rendered.vtt, `${base}.vtt`, 'text/vtt');
		return [output];
	},
};
