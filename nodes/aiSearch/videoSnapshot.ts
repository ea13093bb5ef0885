import type { IDataObject } from 'n8n-workflow';

import type { ResolvedInput } from '../shared/input';
import type { TaskSnapshot } from './api';
import type { MediaFormat } from './media';
import { arrayOf, mediaDataUri, numberOrUndefined, objectOf, remoteMediaInput, stringOrUndefined } from './media';

/** Video keyframe snapshots (`video-snapshot`), asynchronous. */
export const SNAPSHOT_SERVICE_ID = 'ops-video-snapshot-001';

export interface SnapshotSettings {
	intervalSeconds: number;
	format: 'jpg' | 'png';
	/** 'oss' writes frames below `outputOss`; 'base64' returns their bytes in the result. */
	outputType: 'oss' | 'base64';
	outputOss?: string;
}

export interface Frame extends IDataObject {
	frameIndex?: number;
	time?: number;
	/** OSS path of the frame (OSS output) or its base64 bytes (base64 output). */
	path: string;
}

export function snapshotBody(input: ResolvedInput, media: MediaFormat | undefined, settings: SnapshotSettings): IDataObject {
	return {
		input: input.base64 && media
			? { content: mediaDataUri(media, input.base64), file_name: input.source.fileName }
			: remoteMediaInput(input),
		parameters: { interval: settings.intervalSeconds, format: settings.format },
		output: settings.outputType === 'oss' ? { type: 'oss', oss: settings.outputOss } : { type: 'base64' },
	};
}

export function parseFrames(snapshot: TaskSnapshot): Frame[] {
	return arrayOf(snapshot.data).map((entry) => {
		const frame = objectOf(entry);
		return {
			frameIndex: numberOrUndefined(frame.frame_index),
			time: numberOrUndefined(frame.frame_time),
			path: stringOrUndefined(frame.path) ?? '',
		};
	});
}

/** `clip.mp4` → `clip_frame_3_12.5s.jpg`: sortable, and says where in the video the frame is. */
export function frameFileName(sourceName: string | undefined, position: number, time: number | undefined, extension: string): string {
	const base = (sourceName ?? 'video').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'video';
	const at = time === undefined ? '' : `_${time}s`;
	return `${base}_frame_${position}${at}.${extension}`;
}
