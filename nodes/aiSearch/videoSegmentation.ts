import type { IDataObject } from 'n8n-workflow';

import type { ResolvedInput } from '../shared/input';
import type { TaskSnapshot } from './api';
import { arrayOf, numberOrUndefined, objectOf, remoteMediaInput, stringOrUndefined } from './media';

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
	return arrayOf(value).map((entry) => {
		const snapshot = objectOf(entry);
		return {
			frameIndex: numberOrUndefined(snapshot.frame_index ?? snapshot.frameIndex),
			time: numberOrUndefined(snapshot.frame_time ?? snapshot.time ?? snapshot.frameTime),
			path: stringOrUndefined(snapshot.path),
		};
	});
}

export function normalizeSegments(snapshot: TaskSnapshot) {
	const segments: Segment[] = arrayOf(snapshot.data).map((entry, position) => {
		const segment = objectOf(entry);
		return {
			index: numberOrUndefined(segment.chunk_index) ?? position,
			start: numberOrUndefined(segment.start_time),
			end: numberOrUndefined(segment.end_time),
			transcript: typeof segment.transcript === 'string' ? segment.transcript : '',
			snapshots: parseSnapshots(segment.snapshots),
		};
	});
	return {
		segments,
		segmentCount: segments.length,
		usage: {
			audioToken: numberOrUndefined(snapshot.usage.audio_token),
			imageToken: numberOrUndefined(snapshot.usage.image_token),
		},
	};
}
