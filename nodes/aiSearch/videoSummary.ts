import type { IDataObject } from 'n8n-workflow';

import type { Capability } from '../shared/capability/capability';
import type { PreparedInput, ResolvedInput } from '../shared/io/input';
import { prepareInput } from '../shared/io/input';
import { listItems } from '../shared/io/output';
import { list, num, obj, str } from '../shared/core/values';
import type { Answer } from '../shared/work/work';
import { AI_SEARCH_QPS } from './constants';
import { remoteMediaInput } from './media';
import { aiSearch } from './protocol';
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
		const chunk = obj(entry);
		const start = num(chunk.start ?? chunk.start_time);
		const end = num(chunk.end ?? chunk.end_time);
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

const tagsOf = (value: unknown) => list(value).filter((tag): tag is string => typeof tag === 'string');

export function normalizeSummary(answer: Answer) {
	const data = obj(answer.data);
	const video = obj(data.video_metadata);
	const chunks = list(data.chunks).map((entry, position) => {
		const chunk = obj(entry);
		const metadata = obj(chunk.metadata);
		return {
			index: num(chunk.index) ?? position,
			enhancedTranscript: str(chunk.enhanced_transcript) ?? '',
			title: str(metadata.title),
			summary: str(metadata.summary),
			tags: tagsOf(metadata.tags),
		};
	});
	return {
		title: str(video.title) ?? '',
		summary: str(video.summary) ?? '',
		tags: tagsOf(video.tags),
		chunks,
		chunkCount: chunks.length,
		usage: {
			audioToken: num(answer.usage.audio_token),
			imageToken: num(answer.usage.image_token),
			inputToken: num(answer.usage.input_token),
			outputToken: num(answer.usage.output_token),
		},
	};
}

interface SummaryRequest {
	input?: PreparedInput;
	chunks?: IDataObject[];
	fileName?: string;
	switches: SummarySwitches;
	outputOss?: string;
}

export const videoSummary: Capability<SummaryRequest> = {
	protocol: aiSearch,
	defaultQps: AI_SEARCH_QPS['video-summarization'],
	async: true,
	route: () => `video-summarization/${SUMMARY_SERVICE_ID}`,
	async prepare(item) {
		const { ctx, index, options } = item;
		const switches: SummarySwitches = {
			rewriteTranscript: item.param('rewriteTranscript', true),
			generateTags: item.param('generateTags', true),
			extractSnapshot: item.param('extractSnapshot', false),
		};
		const fileName = ((options.fileName as string | undefined) ?? '').trim() || undefined;
		const outputOss = ((options.outputOss as string | undefined) ?? '').trim() || undefined;
		let input: PreparedInput | undefined;
		let chunks: IDataObject[] | undefined;
		const inputType = item.param<string>('inputType');
		if (inputType === 'url') {
			input = await prepareInput(ctx, index, { type: 'url', url: item.param<string>('url'), fileName }, { allowOss: true });
		} else if (inputType === 'binary') {
			// No upload field: the video goes through the OSS bucket, as `input.oss`.
			const staging = { staging: item.staging, pass: 'ossPath' as const, inline: false, service: 'Video Summarization' };
			input = await prepareInput(ctx, index, { type: 'binary', binaryPropertyName: item.param<string>('binaryPropertyName', 'data') }, { staging });
		} else {
			const parsed = toApiChunks(item.param('segments'));
			if (parsed.problem !== undefined) {
				throw item.fail(parsed.problem, 'Connect an Alibaba Video Segmentation node (without Split Into Items) and keep Segments at {{ $json.segments }}.');
			}
			chunks = parsed.chunks;
			const videoUrl = (item.param<string>('segmentsVideoUrl', '') ?? '').trim();
			if (videoUrl) input = await prepareInput(ctx, index, { type: 'url', url: videoUrl, fileName }, { allowOss: true });
		}
		const source: IDataObject = input ? input.source : { type: 'segments', segmentCount: chunks?.length, fileName };
		return { request: { input, chunks, fileName, switches, outputOss }, fields: { source } };
	},
	async body(request) {
		const input = request.input ? await request.input.load() : undefined;
		return summaryBody({ input, chunks: request.chunks, fileName: request.fileName }, request.switches, request.outputOss);
	},
	output(answer, item) {
		const result = normalizeSummary(answer);
		// Split items carry the chunk's own title/summary/tags; the video's are prefixed to keep both.
		const shared = { videoTitle: result.title, videoSummary: result.summary, videoTags: result.tags, chunkCount: result.chunkCount, usage: result.usage };
		return listItems(result, result.chunks, shared, item.common, item.index, item.options.split === true);
	},
};
