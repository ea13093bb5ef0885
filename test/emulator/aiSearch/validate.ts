/** Request-body validation per service; every problem throws InvalidParameter (-> 400). */
import { InvalidParameter } from './errors';

type Json = Record<string, unknown>;

export interface InlineData {
	bytes: Buffer;
	/** `<type>/<fmt>` of a data URI, when the field is one. */
	mime?: string;
}

export interface ImageAnalyzeRequest {
	url?: string;
	content?: InlineData;
	fileName?: string;
	fileType?: string;
}

export interface ObjectDetectionRequest {
	url?: string;
	content?: InlineData;
}

export interface MediaInput {
	url?: string;
	oss?: string;
	content?: InlineData;
	fileName?: string;
}

export interface AsrRequest {
	input: MediaInput;
	outputType?: string;
	outputOss?: string;
}

export interface SnapshotRequest {
	input: MediaInput;
	interval: number;
	format: 'jpg' | 'png';
	outputType: 'oss' | 'base64';
	outputOss?: string;
}

export interface SegmentationRequest {
	input: MediaInput;
	outputOss?: string;
}

export interface InputChunk {
	start_time?: number;
	end_time?: number;
	transcript?: string;
}

export interface SummarizationRequest {
	input: MediaInput;
	chunks?: InputChunk[];
	outputOss?: string;
}

/** Parses the raw body; anything but a JSON object is a 400. */
export function parseJsonObject(body: Buffer): Json {
	const text = body.toString('utf8');
	if (text.trim() === '') throw new InvalidParameter('Required request body is missing');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		throw new InvalidParameter(`JSON parse error: ${(e as Error).message}`);
	}
	if (!isObject(value)) throw new InvalidParameter('JSON parse error: request body must be a JSON object');
	return value;
}

function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Optional object field; present but not an object is a 400. */
function objectField(parent: Json, name: string, path: string, required: boolean): Json | undefined {
	const v = parent[name];
	if (v === undefined || v === null) {
		if (required) throw new InvalidParameter(`${path} is required`);
		return undefined;
	}
	if (!isObject(v)) throw new InvalidParameter(`${path} must be an object`);
	return v;
}

/** Optional string field; empty string counts as absent. */
function stringField(parent: Json, name: string, path: string): string | undefined {
	const v = parent[name];
	if (v === undefined || v === null || v === '') return undefined;
	if (typeof v !== 'string') throw new InvalidParameter(`${path} must be a string`);
	return v;
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(s: string, path: string): Buffer {
	const compact = s.replace(/\s+/g, '');
	if (compact.length === 0 || !BASE64_RE.test(compact) || compact.length % 4 === 1) {
		const hint = s.startsWith('data:') ? ' (send the bare Base64 string, without a data: URI prefix)' : '';
		throw new InvalidParameter(`${path} must be a Base64 encoded string${hint}`);
	}
	return Buffer.from(compact, 'base64');
}

const DATA_URI_RE = /^data:([A-Za-z0-9.+-]+\/[A-Za-z0-9.+-]+);base64,(.*)$/s;

function decodeDataUri(s: string, path: string): InlineData {
	const m = DATA_URI_RE.exec(s);
	if (!m) {
		throw new InvalidParameter(
			`${path} must be a data URI of the form data:<type>/<format>;base64,<Base64 data>, e.g. data:audio/mp3;base64,SUQz...`,
		);
	}
	return { mime: m[1], bytes: decodeBase64(m[2], path) };
}

function checkHttpUrl(url: string, path: string): void {
	if (!/^https?:\/\/\S+$/i.test(url)) throw new InvalidParameter(`${path} must be an http or https URL`);
}

function checkOss(oss: string, path: string): void {
	if (!/^oss:\/\/[^/\s]+\/\S*$/.test(oss)) throw new InvalidParameter(`${path} must be an OSS path of the form oss://<bucket>/<path>`);
}

export function validateImageAnalyze(body: Json): ImageAnalyzeRequest {
	const doc = objectField(body, 'document', 'document', true) as Json;
	const url = stringField(doc, 'url', 'document.url');
	const content = stringField(doc, 'content', 'document.content');
	if ((url === undefined) === (content === undefined)) {
		throw new InvalidParameter('document.content or document.url required, and both cannot be present at the same time');
	}
	const fileName = stringField(doc, 'file_name', 'document.file_name');
	const fileType = stringField(doc, 'file_type', 'document.file_type');
	if (url !== undefined) {
		checkHttpUrl(url, 'document.url');
		return { url, fileName, fileType };
	}
	if (fileName === undefined && fileType === undefined) {
		throw new InvalidParameter('document.file_name or document.file_type required when document.url is empty');
	}
	return { content: { bytes: decodeBase64(content as string, 'document.content') }, fileName, fileType };
}

export function validateObjectDetection(body: Json): ObjectDetectionRequest {
	const image = objectField(body, 'image', 'image', true) as Json;
	const url = stringField(image, 'url', 'image.url');
	const content = stringField(image, 'content', 'image.content');
	if ((url === undefined) === (content === undefined)) {
		throw new InvalidParameter('image.content or image.url required, and both cannot be present at the same time');
	}
	if (body.options !== undefined && !isObject(body.options)) throw new InvalidParameter('options must be an object');
	if (url !== undefined) {
		checkHttpUrl(url, 'image.url');
		return { url };
	}
	return { content: { bytes: decodeBase64(content as string, 'image.content') } };
}

/** `input` with exactly one of the allowed source fields. */
function mediaInput(body: Json, allowContent: boolean, service: string): MediaInput {
	const input = objectField(body, 'input', 'input', true) as Json;
	if (!allowContent && input.content !== undefined) {
		throw new InvalidParameter(`input.content is not supported by ${service}; use input.url or input.oss`);
	}
	const url = stringField(input, 'url', 'input.url');
	const oss = stringField(input, 'oss', 'input.oss');
	const content = allowContent ? stringField(input, 'content', 'input.content') : undefined;
	const fileName = stringField(input, 'file_name', 'input.file_name');
	const given = [url, oss, content].filter((v) => v !== undefined).length;
	const names = allowContent ? 'input.content, input.oss or input.url' : 'input.oss or input.url';
	if (given !== 1) throw new InvalidParameter(`${names} required, and only one of them can be present`);
	if (url !== undefined) checkHttpUrl(url, 'input.url');
	if (oss !== undefined) checkOss(oss, 'input.oss');
	return { url, oss, fileName, content: content !== undefined ? decodeDataUri(content, 'input.content') : undefined };
}

interface Output {
	type?: string;
	oss?: string;
}

function output(body: Json, allowedTypes?: readonly string[]): Output {
	const out = objectField(body, 'output', 'output', false);
	if (!out) return {};
	const type = stringField(out, 'type', 'output.type');
	const oss = stringField(out, 'oss', 'output.oss');
	if (type !== undefined && allowedTypes && !allowedTypes.includes(type)) {
		throw new InvalidParameter(`output.type must be one of ${allowedTypes.join(', ')}`);
	}
	if (type === 'oss' && oss === undefined) throw new InvalidParameter('output.oss required when output.type is oss');
	if (oss !== undefined) checkOss(oss, 'output.oss');
	return { type, oss };
}

function parameters(body: Json): Json {
	return objectField(body, 'parameters', 'parameters', false) ?? {};
}

/** Formats of the ASR and snapshot services (contract §4, §6); the data URI names the format, not a MIME subtype. */
const MEDIA_FORMATS = {
	audio: ['mp3', 'wav', 'aac', 'flac', 'ogg', 'm4a', 'alac', 'wma'],
	video: ['mp4', 'avi', 'mkv', 'mov', 'flv', 'webm'],
} as const;

function checkContentFormat(input: MediaInput, kinds: Array<keyof typeof MEDIA_FORMATS>): void {
	if (!input.content?.mime) return;
	const [kind, format] = input.content.mime.toLowerCase().split('/');
	const known = kinds.includes(kind as keyof typeof MEDIA_FORMATS) && (MEDIA_FORMATS[kind as keyof typeof MEDIA_FORMATS] as readonly string[]).includes(format);
	if (!known) {
		const accepted = kinds.map((k) => MEDIA_FORMATS[k].map((f) => `${k}/${f}`).join(', ')).join(', ');
		throw new InvalidParameter(`input.content has unsupported type ${input.content.mime}; expected data:<type>/<format>;base64 with one of ${accepted}`);
	}
}

export function validateAsr(body: Json): AsrRequest {
	const input = mediaInput(body, true, 'audio-asr');
	checkContentFormat(input, ['audio', 'video']);
	parameters(body);
	const out = output(body, ['text', 'oss']);
	return { input, outputType: out.type, outputOss: out.oss };
}

export function validateSnapshot(body: Json): SnapshotRequest {
	const input = mediaInput(body, true, 'video-snapshot');
	checkContentFormat(input, ['video']);
	const params = parameters(body);
	const interval = params.interval ?? 5;
	if (typeof interval !== 'number' || !Number.isFinite(interval) || interval <= 0) {
		throw new InvalidParameter('parameters.interval must be a positive number of seconds');
	}
	const format = params.format ?? 'jpg';
	if (format !== 'jpg' && format !== 'png') throw new InvalidParameter('parameters.format must be one of jpg, png');
	const out = output(body, ['oss', 'base64']);
	return { input, interval, format, outputType: out.type === 'base64' ? 'base64' : 'oss', outputOss: out.oss };
}

export function validateSegmentation(body: Json): SegmentationRequest {
	const input = mediaInput(body, false, 'video-segmentation');
	parameters(body);
	return { input, outputOss: output(body).oss };
}

export function validateSummarization(body: Json): SummarizationRequest {
	const rawInput = objectField(body, 'input', 'input', true) as Json;
	let chunks: InputChunk[] | undefined;
	if (rawInput.chunks !== undefined && rawInput.chunks !== null) {
		if (!Array.isArray(rawInput.chunks) || !rawInput.chunks.every(isObject)) {
			throw new InvalidParameter('input.chunks must be an array of objects');
		}
		chunks = rawInput.chunks.map((c, i) => {
			const chunk = c as Json;
			for (const f of ['start_time', 'end_time'] as const) {
				if (chunk[f] !== undefined && typeof chunk[f] !== 'number') {
					throw new InvalidParameter(`input.chunks[${i}].${f} must be a number`);
				}
			}
			return {
				start_time: chunk.start_time as number | undefined,
				end_time: chunk.end_time as number | undefined,
				transcript: stringField(chunk, 'transcript', `input.chunks[${i}].transcript`),
			};
		});
	}
	const hasSource = stringField(rawInput, 'url', 'input.url') !== undefined || stringField(rawInput, 'oss', 'input.oss') !== undefined;
	// Pre-segmented chunks may stand in for the video itself.
	const input: MediaInput = chunks && !hasSource ? { fileName: stringField(rawInput, 'file_name', 'input.file_name') } : mediaInput(body, false, 'video-summarization');
	parameters(body);
	return { input, chunks, outputOss: output(body).oss };
}

/** The deterministic failure trigger: a url/oss/file_name containing "fail" (any case). */
export function hasFailTrigger(...values: Array<string | undefined>): boolean {
	return values.some((v) => v !== undefined && /fail/i.test(v));
}
