import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { Capability } from '../shared/capability/capability';
import type { PreparedInput, ResolvedInput } from '../shared/io/input';
import { DOCUMENTED_IMAGE_TYPES } from '../shared/io/imageTypes';
import { prepareInput, readInputSpec } from '../shared/io/input';
import { num, optionChoice } from '../shared/core/values';
import type { Answer } from '../shared/work/work';
import { AI_SEARCH_QPS, AI_SEARCH_SERVICE_IDS } from './constants';
import { aiSearch } from './protocol';
import { readServiceId } from './serviceId';

/** Image content extraction (`image-analyze`): VLM understanding + OCR, or OCR alone; async, or one request on `/sync`. */
export const IMAGE_ANALYZE_SERVICES: INodePropertyOptions[] = [
	{
		name: 'Understanding + OCR',
		value: 'ops-image-analyze-vlm-001',
		description: 'Service ops-image-analyze-vlm-001: a multimodal model describes the image and reads its text',
	},
	{
		name: 'OCR Only',
		value: 'ops-image-analyze-ocr-001',
		description: 'Service ops-image-analyze-ocr-001: recognises the text in the image',
	},
];

export const IMAGE_FILE_TYPES = DOCUMENTED_IMAGE_TYPES;

const MIME_TO_TYPE: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/bmp': 'bmp',
	'image/tiff': 'tiff',
};

/** The service infers the type from the file name; we state it whenever we can tell. */
export function imageFileType(fileName?: string, mimeType?: string): string | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
	if (extension && IMAGE_FILE_TYPES.includes(extension)) return extension;
	return mimeType ? MIME_TO_TYPE[mimeType.toLowerCase()] : undefined;
}

export function imageAnalyzeBody(input: ResolvedInput, fileTypeOverride?: string): IDataObject {
	const { source } = input;
	const fileType = fileTypeOverride || imageFileType(source.fileName, source.mimeType);
	const document: IDataObject = input.url ? { url: input.url } : { content: input.content };
	if (!input.url) document.file_name = source.fileName || `image.${fileType ?? 'jpg'}`;
	if (fileType) document.file_type = fileType;
	return { document };
}

export function normalizeImageAnalysis(answer: Answer): IDataObject {
	const data = (answer.data ?? {}) as IDataObject;
	return {
		content: typeof data.content === 'string' ? data.content : '',
		contentType: typeof data.content_type === 'string' ? data.content_type : undefined,
		pageNum: num(data.page_num),
		usage: {
			tokenCount: num(answer.usage.token_count),
			pvCount: num(answer.usage.pv_count),
		},
	};
}

/** The File Type option; an expression can give any text, and the service would be billed for a type it cannot read. */
function readFileType(value: unknown): string | undefined {
	if (value === undefined || value === '') return undefined;
	return optionChoice(value, { label: 'File Type', choices: IMAGE_FILE_TYPES, removable: true });
}

interface ImageContentRequest {
	input: PreparedInput;
	fileType?: string;
}

export const imageContent: Capability<ImageContentRequest> = {
	protocol: aiSearch,
	defaultQps: AI_SEARCH_QPS['image-analyze'],
	async: true,
	route: (item) => `image-analyze/${readServiceId(item, 'image-analyze', AI_SEARCH_SERVICE_IDS['image-analyze'], 'Service')}${item.operation === 'sync' ? '/sync' : ''}`,
	async prepare(item) {
		const input = await prepareInput(item.ctx, item.index, readInputSpec(item.ctx, item.index), {
			imageTypes: DOCUMENTED_IMAGE_TYPES,
			// `document.url` takes http(s) only: a staged image goes as a pre-signed URL.
			staging: { staging: item.staging, pass: 'url', inline: true, service: 'Image Content Extraction' },
		});
		return { request: { input, fileType: readFileType(item.options.fileType) }, fields: { source: input.source } };
	},
	body: async (request) => imageAnalyzeBody(await request.input.load(), request.fileType),
	output: (answer) => normalizeImageAnalysis(answer),
};
