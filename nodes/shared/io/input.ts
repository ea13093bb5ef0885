import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { bareBase64 } from './binaryData';
import { REQUEST_BODY_LIMIT_BYTES } from '../core/constants';
import { megabytes, sizeWithBytes } from '../core/units';
import { checkImageBytes, checkImageSource } from './imageTypes';
import type { ItemStaging, StagedPass } from '../staging/itemStaging';
import { BINARY_STREAM_CHUNK_BYTES } from '../staging/constants';
import { Base64Content } from '../transport/base64Content';
import { operationError } from '../core/errors';
import { optionChoice } from '../core/values';
import type { InputType, SourceInfo } from './source';

export interface InputSpec {
	type: InputType;
	binaryPropertyName?: string;
	url?: string;
	base64?: string;
	fileName?: string;
}

/**
 * How an item's binary or base64 file reaches a service that cannot take it inline. `inline`: the
 * service has an upload field (files up to about 6 MB go in the request, larger ones are staged);
 * without it every file is staged. `pass`: what the service reads, an `oss://` path or a URL.
 */
export interface StagingRoute {
	staging: ItemStaging;
	pass: StagedPass;
	inline: boolean;
	/** The service's name for messages: "Video Segmentation takes no uploads". */
	service: string;
}

export interface ResolvedInput {
	source: SourceInfo;
	url?: string;
	/** The file's content, which the request body carries as base64 (binary and base64 inputs). */
	content?: Base64Content;
}

const FILE_NAME_IN_URL = /\/([^/?#]+)(?:[?#]|$)/;

export function fileNameFromUrl(url: string): string | undefined {
	const match = FILE_NAME_IN_URL.exec(url.replace(/^[a-z]+:\/\/[^/]+/i, ''));
	if (!match) return undefined;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return match[1];
	}
}

/** Bytes of the JSON request once the file is base64 encoded (4/3), plus room for the envelope. */
export function base64RequestBytes(fileBytes: number): number {
	return Math.ceil(fileBytes / 3) * 4 + 1024;
}

function assertUnderRequestLimit(ctx: IExecuteFunctions, fileBytes: number, itemIndex: number, what: string) {
	const requestBytes = base64RequestBytes(fileBytes);
	if (requestBytes > REQUEST_BODY_LIMIT_BYTES) {
		throw operationError(
			ctx.getNode(),
			`${what} is ${sizeWithBytes(fileBytes)}; encoded for upload the request would be ${sizeWithBytes(requestBytes)}, over the service's ${megabytes(REQUEST_BODY_LIMIT_BYTES)} request limit`,
			itemIndex,
			'Files up to about 6 MB can be uploaded. For larger files set Input Type to URL and pass a link the service can download (for example a pre-signed OSS or S3 URL).',
		);
	}
}

/** An http(s) URL with a real host: "https://exa mple.com/a.jpg" or "https:/x" are not. */
export function isHttpUrl(text: string): boolean {
	if (!/^https?:\/\/[^\s/?#]+/i.test(text)) return false;
	try {
		const parsed = new URL(text);
		return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '' && !/\s/.test(text.split(/[/?#]/)[2] ?? '');
	} catch {
		return false;
	}
}

function checkUrl(ctx: IExecuteFunctions, url: string, itemIndex: number, allowOss: boolean): string {
	const trimmed = url.trim();
	const ok = isHttpUrl(trimmed) || (allowOss && /^oss:\/\/[a-z0-9][a-z0-9-]*\/\S+$/i.test(trimmed));
	if (!ok) {
		throw operationError(
			ctx.getNode(),
			trimmed === '' ? 'The URL is empty' : `"${trimmed.slice(0, 200)}" is not a usable URL`,
			itemIndex,
			allowOss
				? 'Enter a full http:// or https:// URL, or an OSS path such as oss://bucket/path/file.mp4.'
				: 'Enter a full http:// or https:// URL the service can download.',
		);
	}
	return trimmed;
}

function binarySize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> | number | undefined {
	// Stored on disk, S3 or in the database: n8n records the size in `bytes` when it stores the file. A
	// binary stored without it (older n8n, or built by hand) has its metadata read instead of the file.
	if (binary.id) {
		if (typeof binary.bytes === 'number') return binary.bytes;
		return ctx.helpers.getBinaryMetadata(binary.id).then((meta) => meta.fileSize);
	}
	return binary.data ? Buffer.byteLength(binary.data, 'base64') : undefined;
}

/** An item's input, checked but not yet read: the file's bytes are read when the item's turn comes. */
export interface PreparedInput {
	source: SourceInfo;
	url?: string;
	/** The file goes through the OSS bucket: load() uploads it and answers its `oss://` path or pre-signed URL. */
	staged?: boolean;
	/** The input with its file's content (binary and base64 inputs); URLs resolve at once. */
	load(): Promise<ResolvedInput>;
}

/**
 * Checks an item's input without reading large bytes: URL syntax, base64 validity, the binary's
 * presence and its size from metadata, and (with `imageTypes`) that the file is an image the service
 * reads. Throws an item error naming the problem and the fix.
 */
export async function prepareInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: InputSpec,
	options: { allowOss?: boolean; imageTypes?: string[]; staging?: StagingRoute } = {},
): Promise<PreparedInput> {
	const prepared = await prepareAnyInput(ctx, itemIndex, spec, options.allowOss ?? false, options.staging);
	const { imageTypes } = options;
	if (!imageTypes || prepared.url !== undefined) return prepared;
	// Image services: the file's name and type are checked now, its first bytes once they are read.
	checkImageSource(prepared.source, imageTypes);
	return {
		...prepared,
		load: async () => {
			const input = await prepared.load();
			if (input.content) checkImageBytes(input.content.head(64), input.source, imageTypes);
			return input;
		},
	};
}

/** Why a file of `sizeBytes` cannot go inline on this route, or undefined when it can. */
function stagingReason(route: StagingRoute, sizeBytes: number | undefined, what: string): string | undefined {
	if (!route.inline) return `${route.service} takes no uploads`;
	if (sizeBytes === undefined || base64RequestBytes(sizeBytes) <= REQUEST_BODY_LIMIT_BYTES) return undefined;
	return `${what} is ${sizeWithBytes(sizeBytes)}, over the about 6 MB that fit in the service's ${megabytes(REQUEST_BODY_LIMIT_BYTES)} request`;
}

/**
 * A file that goes through the OSS bucket: planned now (settings checked, key chosen, nothing read),
 * uploaded when the item's turn comes, from `open()` (a stream of n8n's binary storage or a buffer).
 */
async function stagedInput(
	route: StagingRoute,
	source: SourceInfo,
	why: string,
	open: () => Promise<AsyncIterable<Uint8Array> | Buffer>,
): Promise<PreparedInput> {
	const planned = await route.staging.plan({ fileName: source.fileName, why, pass: route.pass });
	source.staged = planned.info;
	return {
		source,
		staged: true,
		load: async () => {
			const url = await planned.upload(await open(), { size: source.sizeBytes, contentType: source.mimeType });
			return { url, source };
		},
	};
}

async function prepareAnyInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: InputSpec,
	allowOss: boolean,
	staging?: StagingRoute,
): Promise<PreparedInput> {
	if (spec.type === 'url') {
		const url = checkUrl(ctx, spec.url ?? '', itemIndex, allowOss);
		const resolved: ResolvedInput = { url, source: { type: 'url', url, fileName: spec.fileName || fileNameFromUrl(url) } };
		return { url, source: resolved.source, load: async () => resolved };
	}
	if (spec.type === 'base64') {
		const cleaned = bareBase64(spec.base64 ?? '');
		if (cleaned === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned)) {
			throw operationError(
				ctx.getNode(),
				cleaned === '' ? 'The base64 content is empty' : 'The base64 content is not valid base64',
				itemIndex,
				'Pass the file as standard base64 (a data: URI prefix is accepted), or use the Binary or URL input.',
			);
		}
		const sizeBytes = Buffer.byteLength(cleaned, 'base64');
		const source: SourceInfo = { type: 'base64', fileName: spec.fileName || undefined, sizeBytes };
		const why = staging && stagingReason(staging, sizeBytes, 'The file');
		if (staging && why) return await stagedInput(staging, source, why, async () => Buffer.from(cleaned, 'base64'));
		assertUnderRequestLimit(ctx, sizeBytes, itemIndex, 'The file');
		const resolved: ResolvedInput = { content: Base64Content.ofBase64(cleaned), source };
		return { source: resolved.source, load: async () => resolved };
	}

	const property = spec.binaryPropertyName || 'data';
	const items = ctx.getInputData();
	if (!items[itemIndex]?.binary?.[property]) {
		const available = Object.keys(items[itemIndex]?.binary ?? {});
		throw operationError(
			ctx.getNode(),
			`This item has no binary property "${property}"`,
			itemIndex,
			available.length
				? `The item's binary properties are: ${available.join(', ')}. Set Binary Property to one of them.`
				: 'The item carries no file. Read the file with a node that outputs binary data first, or set Input Type to URL.',
		);
	}
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const what = `The file "${binary.fileName ?? property}"`;
	// Checked before anything is sent whenever the size is known up front.
	const knownSize = await binarySize(ctx, binary);
	const source: SourceInfo = {
		type: 'binary',
		fileName: binary.fileName,
		mimeType: binary.mimeType,
		sizeBytes: knownSize,
		binaryProperty: property,
	};
	const why = staging && stagingReason(staging, knownSize, what);
	if (staging && why) {
		// Stored on disk or S3: streamed part by part, never held whole. In memory: n8n holds it already.
		const { id, data } = binary;
		return await stagedInput(staging, source, why, async () =>
			id ? await ctx.helpers.getBinaryStream(id, BINARY_STREAM_CHUNK_BYTES) : Buffer.from(data ?? '', 'base64'),
		);
	}
	if (knownSize !== undefined) assertUnderRequestLimit(ctx, knownSize, itemIndex, what);
	return {
		source,
		load: async () => {
			const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
			if (knownSize === undefined) assertUnderRequestLimit(ctx, buffer.length, itemIndex, what);
			source.sizeBytes = buffer.length;
			return { content: Base64Content.ofBytes(buffer), source };
		},
	};
}

/** Reads the parameters created by inputProperties() for one item. */
export function readInputSpec(ctx: IExecuteFunctions, itemIndex: number): InputSpec {
	const type = optionChoice(ctx.getNodeParameter('inputType', itemIndex), { label: 'Input Type', choices: ['binary', 'url', 'base64'] as InputType[] });
	if (type === 'binary') return { type, binaryPropertyName: ctx.getNodeParameter('binaryPropertyName', itemIndex) as string };
	if (type === 'url') return { type, url: ctx.getNodeParameter('url', itemIndex) as string };
	return {
		type,
		base64: ctx.getNodeParameter('base64Content', itemIndex) as string,
		fileName: ctx.getNodeParameter('fileName', itemIndex) as string,
	};
}
