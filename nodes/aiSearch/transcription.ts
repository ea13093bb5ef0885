import type { IDataObject } from 'n8n-workflow';

import type { ResolvedInput } from '../shared/input';
import type { TaskSnapshot } from './api';
import type { MediaFormat } from './media';
import { arrayOf, mediaDataUri, numberOrUndefined, objectOf, remoteMediaInput } from './media';

/** Audio/video transcription (`audio-asr`), asynchronous. */
export const ASR_SERVICE_ID = 'ops-audio-asr-001';

export interface Sentence extends IDataObject {
	start: number;
	end: number;
	text: string;
}

export type TimeUnit = 'seconds' | 'milliseconds';

/** Uploads go as the documented data URI (`data:audio/mp3;base64,…`), links as `url` or `oss`. */
export function asrBody(input: ResolvedInput, media: MediaFormat | undefined, outputOss?: string): IDataObject {
	const body: IDataObject = {
		input: input.base64 && media
			? { content: mediaDataUri(media, input.base64), file_name: input.source.fileName }
			: remoteMediaInput(input),
	};
	body.output = outputOss ? { type: 'oss', oss: outputOss } : { type: 'text' };
	return body;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Sentences in seconds. The unit of the service's times is not documented; seconds is what it appears to use. */
export function normalizeTranscript(snapshot: TaskSnapshot, unit: TimeUnit = 'seconds') {
	const toSeconds = (value: number) => round3(unit === 'milliseconds' ? value / 1000 : value);
	const sentences: Sentence[] = [];
	for (const entry of arrayOf(snapshot.data)) {
		const sentence = objectOf(entry);
		const text = typeof sentence.text === 'string' ? sentence.text : '';
		const start = numberOrUndefined(sentence.start) ?? 0;
		const end = numberOrUndefined(sentence.end) ?? start;
		sentences.push({ start: toSeconds(start), end: toSeconds(end), text });
	}
	const duration = numberOrUndefined(snapshot.usage.duration);
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
