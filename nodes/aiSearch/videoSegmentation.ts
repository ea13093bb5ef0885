import type { IDataObject } from 'n8n-workflow';

import type { Capability } from '../shared/capability/capability';
import type { PreparedInput, ResolvedInput } from '../shared/io/input';
import { prepareInput, readInputSpec } from '../shared/io/input';
import { listItems } from '../shared/io/output';
import { list, num, obj, str } from '../shared/core/values';
import type { Answer } from '../shared/work/work';
import { AI_SEARCH_QPS } from './constants';
import { remoteMediaInput } from './media';
import { aiSearch } from './protocol';

/** Video segmentation (`video-segmentation`), asynchronous; the API takes a URL or OSS path only. */
export const SEGMENTATION_SERVICE_ID = 'ops-video-segment-001';

export interface SegmentSnapshot extends IDataObject {
	frameIndex?: number;
	time?: number;
	path?: string;
}

export interface Segment extends IDataObject {
	index: number;
	start?: number;
	end?: number;
	transcript: string;
	snapshots: SegmentSnapshot[];
}

export function segmentationBody(input: ResolvedInput, outputOss?: string): IDataObject {
	const body: IDataObject = { input: remoteMediaInput(input) };
	if (outputOss) body.output = { type: 'oss', oss: outputOss };
	return body;
}

export function parseSnapshots(value: unknown): SegmentSnapshot[] {
	return list(value).map((entry) => {
		const snapshot = obj(entry);
		return {
			frameIndex: num(snapshot.frame_index ?? snapshot.frameIndex),
			time: num(snapshot.frame_time ?? snapshot.time ?? snapshot.frameTime),
			path: str(snapshot.path),
		};
	});
}

export function normalizeSegments(answer: Answer) {
	const segments: Segment[] = list(answer.data).map((entry, position) => {
		const segment = obj(entry);
		return {
			index: num(segment.chunk_index) ?? position,
			start: num(segment.start_time),
			end: num(segment.end_time),
			transcript: typeof segment.transcript === 'string' ? segment.transcript : '',
			snapshots: parseSnapshots(segment.snapshots),
		};
	});
	return {
		segments,
		segmentCount: segments.length,
		usage: {
			audioToken: num(answer.usage.audio_token),
			imageToken: num(answer.usage.image_token),
		},
	};
}

interface SegmentationRequest {
	input: PreparedInput;
	outputOss?: string;
}

export const videoSegmentation: Capability<SegmentationRequest> = {
	protocol: aiSearch,
	defaultQps: AI_SEARCH_QPS['video-segmentation'],
	async: true,
	route: () => `video-segmentation/${SEGMENTATION_SERVICE_ID}`,
	async prepare(item) {
		// The API has no upload field: a binary always goes through the OSS bucket, as `input.oss`.
		const staging = { staging: item.staging, pass: 'ossPath' as const, inline: false, service: 'Video Segmentation' };
		const input = await prepareInput(item.ctx, item.index, readInputSpec(item.ctx, item.index), { allowOss: true, staging });
		return { request: { input, outputOss: (item.options.outputOss as string | undefined)?.trim() }, fields: { source: input.source } };
	},
	body: async (request) => segmentationBody(await request.input.load(), request.outputOss),
	output(answer, item) {
		const result = normalizeSegments(answer);
		const shared = { segmentCount: result.segmentCount, usage: result.usage };
		return listItems(result, result.segments, shared, item.common, item.index, item.options.split === true);
	},
};
