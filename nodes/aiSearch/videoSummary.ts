import type { IDataObject } from 'n8n-workflow';

import type { ResolvedInput } from '../shared/input';
import type { TaskSnapshot } from './api';
import { arrayOf, numberOrUndefined, objectOf, remoteMediaInput, stringOrUndefined } from './media';
import { parseSnapshots } from './videoSegmentation';

/** Video summarization (`video-summarization`), asynchronous; URL or OSS input, or pre-segmented chunks. */
export const SUMMARY_SERVICE_ID = 'ops-video-summarize-001';

export interface SummarySwitches {
	rewriteTranscript: boolean;
	generateTags: boolean;
	extractSnapshot: boolean;
}

/** The chunks in the API's shape, or why the value cannot be turned into them (the node reports it). */
export type ChunksResult = { chunks: IDataObject[]; problem?: undefined } | { chunks?: undefined; problem: string };

/**
 * Segments from the Video Segmentation node (`{index, start, end, transcript, snapshots[{frameIndex, time, path}]}`)
 * or chunks already in the API's shape, to the API's `input.chunks` (the segmentation shape without `chunk_index`).
 */
export function toApiChunks(value: unknown): ChunksResult {
	let list = value;
	if (typeof value === 'string') {
		try {
			list = JSON.parse(value);
		} catch {
			return { problem: 'The Segments field is text but not JSON; pass the segments array, e.g. {{ $json.segments }}' };
		}
	}
	const entries = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
	if (entries.length === 0) return { problem: 'No segments to summarize: the Segments field is empty or not a list' };
	const chunks: IDataObject[] = [];
	for (const [position, entry] of entries.entries()) {
		const chunk = objectOf(entry);
		const start = numberOrUndefined(chunk.start ?? chunk.start_time);
		const end = numberOrUndefined(chunk.end ?? chunk.end_time);
		const transcript = chunk.transcript;
		if (start === undefined || end === undefined || (transcript !== undefined && typeof transcript !== 'string')) {
			return {
				problem: `Segment ${position} is not a segment: it needs numeric start and end times (start/end or start_time/end_time) and a text transcript`,
			};
		}
		const snapshots = parseSnapshots(chunk.snapshots)
			.filter((snapshot) => snapshot.path)
			.map((snapshot) => ({ frame_index: snapshot.frameIndex, frame_time: snapshot.time, path: snapshot.path }));
		chunks.push({ start_time: start, end_time: end, transcript: transcript ?? '', snapshots });
	}
	return { chunks };
}

export function summaryBody(
	source: { input?: ResolvedInput; chunks?: IDataObject[]; fileName?: string },
	switches: SummarySwitches,
	outputOss?: string,
): IDataObject {
	const input: IDataObject = source.input ? remoteMediaInput(source.input) : {};
	if (source.chunks) input.chunks = source.chunks;
	if (source.fileName) input.file_name = source.fileName;
	const body: IDataObject = {
		input,
		parameters: {
			rewrite_transcript: switches.rewriteTranscript,
			generate_tags: switches.generateTags,
			extract_snapshot: switches.extractSnapshot,
		},
	};
	if (outputOss) body.output = { type: 'oss', oss: outputOss };
	return body;
}

const tagsOf = (value: unknown) => arrayOf(value).filter((tag): tag is string => typeof tag === 'string');

export function normalizeSummary(snapshot: TaskSnapshot) {
	const data = objectOf(snapshot.data);
	const video = objectOf(data.video_metadata);
	const chunks = arrayOf(data.chunks).map((entry, position) => {
		const chunk = objectOf(entry);
		const metadata = objectOf(chunk.metadata);
		return {
			index: numberOrUndefined(chunk.index) ?? position,
			enhancedTranscript: stringOrUndefined(chunk.enhanced_transcript) ?? '',
			title: stringOrUndefined(metadata.title),
			summary: stringOrUndefined(metadata.summary),
			tags: tagsOf(metadata.tags),
		};
	});
	return {
		title: stringOrUndefined(video.title) ?? '',
		summary: stringOrUndefined(video.summary) ?? '',
		tags: tagsOf(video.tags),
		chunks,
		chunkCount: chunks.length,
		usage: {
			audioToken: numberOrUndefined(snapshot.usage.audio_token),
			imageToken: numberOrUndefined(snapshot.usage.image_token),
			inputToken: numberOrUndefined(snapshot.usage.input_token),
			outputToken: numberOrUndefined(snapshot.usage.output_token),
		},
	};
}
