import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { bareBase64, sniffImage, toBinary } from '../shared/io/binaryData';
import type { Capability, ItemContext } from '../shared/capability/capability';
import type { PreparedInput, ResolvedInput } from '../shared/io/input';
import { itemFor, listItems } from '../shared/io/output';
import { list, num, obj, optionChoice, optionNumber, str } from '../shared/core/values';
import type { Answer } from '../shared/work/work';
import { AI_SEARCH_QPS } from './constants';
import type { MediaFormat } from './media';
import { mediaDataUri, prepareMediaInput, remoteMediaInput } from './media';
import { aiSearch } from './protocol';
import { shareResult } from '../shared/staging/resultLinks';

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
		input: input.content && media
			? { content: mediaDataUri(media, input.content), file_name: input.source.fileName }
			: remoteMediaInput(input),
		parameters: { interval: settings.intervalSeconds, format: settings.format },
		output: settings.outputType === 'oss' ? { type: 'oss', oss: settings.outputOss } : { type: 'base64' },
	};
}

export function parseFrames(answer: Answer): Frame[] {
	return list(answer.data).map((entry) => {
		const frame = obj(entry);
		return {
			frameIndex: num(frame.frame_index),
			time: num(frame.frame_time),
			path: str(frame.path) ?? '',
		};
	});
}

/** `clip.mp4` → `clip_frame_3_12.5s.jpg`: sortable, and says where in the video the frame is. */
export function frameFileName(sourceName: string | undefined, position: number, time: number | undefined, extension: string): string {
	const base = (sourceName ?? 'video').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'video';
	const at = time === undefined ? '' : `_${time}s`;
	return `${base}_frame_${position}${at}.${extension}`;
}

interface KeyframesRequest {
	input: PreparedInput;
	media?: MediaFormat;
	settings: SnapshotSettings;
}

function readSettings(item: ItemContext): SnapshotSettings {
	const settings: SnapshotSettings = {
		intervalSeconds: optionNumber(item.param('intervalSeconds', ''), { label: 'Interval (Seconds)', fallback: 5, min: 1, integer: true }),
		format: optionChoice(item.param('imageFormat'), { label: 'Image Format', choices: ['jpg', 'png'] }),
		outputType: optionChoice(item.param('framesOutput'), { label: 'Frames Output', choices: ['base64', 'oss'] }),
	};
	if (settings.outputType === 'oss') {
		settings.outputOss = item.param<string>('outputOss').trim();
		if (!/^oss:\/\/[^\s/]+\//i.test(settings.outputOss)) throw item.fail('The Output OSS Path is not an OSS path', 'Enter a path such as oss://bucket/frames/.');
	}
	return settings;
}

/**
 * Frames the service returned inline, for an AI agent: n8n drops binary data from tool answers, so the
 * model gets each frame's time and, when the credential has OSS staging, a pre-signed link to the frame.
 */
async function framesForAgent(frames: Frame[], item: Parameters<Capability<KeyframesRequest>['output']>[1], about: { sourceName?: string; usage: IDataObject }) {
	const entries: IDataObject[] = [];
	let unavailable: string | undefined;
	for (const [position, frame] of frames.entries()) {
		const bytes = Buffer.from(bareBase64(frame.path), 'base64');
		const { mimeType, extension } = sniffImage(bytes) ?? { mimeType: 'image/jpeg', extension: 'jpg' };
		const entry: IDataObject = { index: position, frameIndex: frame.frameIndex, time: frame.time, mimeType, fileSize: bytes.length };
		// One missing setting means no frame can be linked: the bucket is not asked again for each frame.
		if (unavailable === undefined) {
			const link = await shareResult(item.ctx, item.index, { bytes, fileName: frameFileName(about.sourceName, position, frame.time, extension), mimeType });
			if ('shared' in link) Object.assign(entry, { url: link.shared.url, expiresAt: link.shared.expiresAt });
			else unavailable = link.unavailable;
		}
		entries.push(entry);
	}
	const note = unavailable ?? 'Each frame is in the OSS bucket for a day at its url; the bucket lifecycle rule deletes it.';
	return [itemFor({ frames: entries, frameCount: frames.length, usage: about.usage, note, ...item.common }, item.index)];
}

/** OSS output: the paths are the result. Base64 output: the bytes become n8n binary data. */
async function framesOutput(answer: Answer, item: Parameters<Capability<KeyframesRequest>['output']>[1]) {
	const { options, common, index } = item;
	const frames = parseFrames(answer);
	const split = options.split === true;
	const prefix = (options.binaryPrefix as string | undefined) || 'frame_';
	const sourceName = obj(common.source).fileName as string | undefined;
	const usage = { imageCount: num(answer.usage.image_count) };
	const isOss = frames.length > 0 && frames.every((frame) => /^oss:\/\//i.test(frame.path));
	if (isOss || frames.length === 0) {
		const entries = frames.map((frame, position) => ({ index: position, frameIndex: frame.frameIndex, time: frame.time, path: frame.path }));
		return listItems({ frames: entries, frameCount: frames.length, usage }, entries, { frameCount: frames.length, usage }, common, index, split);
	}
	if (item.tool) return await framesForAgent(frames, item, { sourceName, usage });
	const images = await Promise.all(
		frames.map(async (frame, position) => {
			const bytes = Buffer.from(bareBase64(frame.path), 'base64');
			const { mimeType, extension } = sniffImage(bytes) ?? { mimeType: 'image/jpeg', extension: 'jpg' };
			const fileName = frameFileName(sourceName, position, frame.time, extension);
			return { position, frame, fileName, mimeType, binary: await toBinary(item.ctx, bytes, fileName, mimeType) };
		}),
	);
	if (split) {
		return images.map(({ position, frame, fileName, mimeType, binary }) => ({
			...itemFor({ ...common, index: position, frameIndex: frame.frameIndex, time: frame.time, fileName, mimeType, frameCount: frames.length, usage }, index),
			binary: { data: binary },
		}));
	}
	const binary: IBinaryKeyData = {};
	const entries = images.map(({ position, frame, fileName, mimeType, binary: data }) => {
		binary[`${prefix}${position}`] = data;
		return { index: position, frameIndex: frame.frameIndex, time: frame.time, binaryProperty: `${prefix}${position}`, fileName, mimeType };
	});
	return [{ ...itemFor({ frames: entries, frameCount: frames.length, usage, ...common }, index), binary }];
}

export const videoKeyframes: Capability<KeyframesRequest> = {
	protocol: aiSearch,
	defaultQps: AI_SEARCH_QPS['video-snapshot'],
	async: true,
	route: () => `video-snapshot/${SNAPSHOT_SERVICE_ID}`,
	async prepare(item) {
		const settings = readSettings(item);
		const { input, media } = await prepareMediaInput(item, ['video'], item.options.mediaFormat as string | undefined, 'Video Keyframes');
		return { request: { input, media, settings }, fields: { source: input.source } };
	},
	body: async (request) => snapshotBody(await request.input.load(), request.media, request.settings),
	output: framesOutput,
	/** Frames returned as base64 are in the binary output; the raw response names them instead of repeating the bytes. */
	raw(answer) {
		const result = obj(answer.raw.result);
		const data = list(result.data).map((entry) => {
			const frame = obj(entry);
			const path = str(frame.path) ?? '';
			return /^oss:\/\//i.test(path) ? frame : { ...frame, path: `(${Buffer.byteLength(bareBase64(path), 'base64')} bytes, in the binary output)` };
		});
		return { ...answer.raw, result: { ...result, data } };
	},
};
