import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../shared/capability/capability';
import type { PreparedInput, ResolvedInput } from '../shared/io/input';
import { prepareInput, readInputSpec } from '../shared/io/input';
import type { Base64Content } from '../shared/transport/base64Content';
import { optionChoice } from '../shared/core/values';
import { showFor, SUBMIT_OPERATIONS } from '../shared/ui/operations';

/** Formats the audio/video services accept (contract §4, §6), by kind. */
export const AUDIO_FORMATS = ['mp3', 'wav', 'aac', 'flac', 'ogg', 'm4a', 'alac', 'wma'];
export const VIDEO_FORMATS = ['mp4', 'avi', 'mkv', 'mov', 'flv', 'webm'];

/** MIME types whose subtype is not the format name the service wants (`audio/mpeg` is an mp3). */
const FORMAT_OF_MIME: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/x-wav': 'wav',
	'audio/wav': 'wav',
	'audio/wave': 'wav',
	'audio/vnd.wave': 'wav',
	'audio/aac': 'aac',
	'audio/x-aac': 'aac',
	'audio/flac': 'flac',
	'audio/x-flac': 'flac',
	'audio/ogg': 'ogg',
	'audio/mp4': 'm4a',
	'audio/x-m4a': 'm4a',
	'audio/m4a': 'm4a',
	'audio/x-ms-wma': 'wma',
	'video/mp4': 'mp4',
	'video/x-msvideo': 'avi',
	'video/avi': 'avi',
	'video/x-matroska': 'mkv',
	'video/quicktime': 'mov',
	'video/x-flv': 'flv',
	'video/webm': 'webm',
};

export interface MediaFormat {
	kind: 'audio' | 'video';
	format: string;
}

function kindOf(format: string): MediaFormat['kind'] | undefined {
	if (AUDIO_FORMATS.includes(format)) return 'audio';
	if (VIDEO_FORMATS.includes(format)) return 'video';
	return undefined;
}

/**
 * The service's format name for a file: from the extension first, else the MIME type. `accept` limits
 * the kinds (the snapshot service takes video only).
 */
export function mediaFormat(
	fileName: string | undefined,
	mimeType: string | undefined,
	accept: Array<MediaFormat['kind']> = ['audio', 'video'],
): MediaFormat | undefined {
	const candidates = [
		/\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase(),
		mimeType ? FORMAT_OF_MIME[mimeType.split(';')[0].trim().toLowerCase()] : undefined,
	];
	for (const format of candidates) {
		if (!format) continue;
		const kind = kindOf(format);
		if (kind && accept.includes(kind)) return { kind, format };
	}
	return undefined;
}

/** `data:<type>/<format>;base64,<data>` — the form the ASR and snapshot services document for input.content. */
export function mediaDataUri(media: MediaFormat, content: Base64Content): Base64Content {
	return content.withPrefix(`data:${media.kind}/${media.format};base64,`);
}

/** The `input` object of the audio/video services from a URL or OSS input. */
export function remoteMediaInput(input: ResolvedInput): IDataObject {
	const location = input.url ?? '';
	const field = /^oss:\/\//i.test(location) ? { oss: location } : { url: location };
	return { ...field, file_name: input.source.fileName };
}

/** A readable reason why an upload's format could not be told, for the node to report. */
export function unknownFormatMessage(fileName: string | undefined, mimeType: string | undefined, kinds: string): string {
	const what = fileName ? `"${fileName}"` : 'the file';
	const mime = mimeType ? ` (MIME type ${mimeType})` : '';
	return `Cannot tell the ${kinds} format of ${what}${mime}`;
}

/**
 * Checks an audio/video item input (binary, URL/OSS, base64) without reading its bytes. Uploads also
 * get their format name for the data URI: the Media Format option wins, else the extension, else the
 * MIME type.
 */
export async function prepareMediaInput(
	item: ItemContext,
	accept: Array<MediaFormat['kind']>,
	formatOverride: string | undefined,
	service: string,
): Promise<{ input: PreparedInput; media?: MediaFormat }> {
	// Files too large for the request go through the OSS bucket and reach the service as `input.oss`.
	const staging = { staging: item.staging, pass: 'ossPath' as const, inline: true, service };
	const formats = [...(accept.includes('audio') ? AUDIO_FORMATS : []), ...(accept.includes('video') ? VIDEO_FORMATS : [])];
	// The option is read before the input: a format the service does not take is wrong for every input type.
	if (formatOverride !== undefined && formatOverride !== '') optionChoice(formatOverride, { label: 'Media Format', choices: formats, removable: true });
	const input = await prepareInput(item.ctx, item.index, readInputSpec(item.ctx, item.index), { allowOss: true, staging });
	if (input.url !== undefined || input.staged) return { input };
	const { fileName, mimeType } = input.source;
	const media = formatOverride ? mediaFormat(`file.${formatOverride}`, undefined, accept) : mediaFormat(fileName, mimeType, accept);
	if (!media) {
		throw item.fail(
			unknownFormatMessage(fileName, mimeType, accept.join(' or ')),
			`The service accepts ${formats.join(', ')}. Give the file a name with one of these extensions, or set the Media Format option.`,
		);
	}
	return { input, media };
}

/** The Output OSS Path option of the media services that can also write their result to OSS (output type "oss"). */
export function outputOssOption(config: { placeholder: string; description: string }): INodeProperties {
	return {
		displayName: 'Output OSS Path',
		name: 'outputOss',
		type: 'string',
		default: '',
		placeholder: config.placeholder,
		description: config.description,
		displayOptions: { show: showFor(SUBMIT_OPERATIONS, true) },
	};
}

/** The Media Format option of the nodes that take uploads: the formats `kinds` accept, shown for uploads only. */
export function mediaFormatOption(kinds: Array<MediaFormat['kind']>): INodeProperties {
	const formats = [...(kinds.includes('audio') ? AUDIO_FORMATS : []), ...(kinds.includes('video') ? VIDEO_FORMATS : [])];
	const option: INodeProperties = {
		displayName: 'Media Format',
		name: 'mediaFormat',
		type: 'options',
		options: formats.map((format) => ({ name: format.toUpperCase(), value: format })),
		default: 'mp3',
		description: `Format of an uploaded ${kinds.join(' or ')} file; when set it overrides what the file name or MIME type shows`,
		displayOptions: { show: { ...showFor(SUBMIT_OPERATIONS, true), '/inputType': ['binary', 'base64'] } },
	};
	option.default = formats[0]; // the first format of the kinds (lint wants a literal above)
	return option;
}
