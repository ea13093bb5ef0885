import type { IDataObject, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import type { Capability, ItemContext } from '../shared/capability/capability';
import type { PreparedInput, ResolvedInput } from '../shared/io/input';
import { prepareInput, readInputSpec } from '../shared/io/input';
import { listItems } from '../shared/io/output';
import { num, optionChoice } from '../shared/core/values';
import type { Answer } from '../shared/work/work';
import { AI_SEARCH_QPS, AI_SEARCH_SERVICE_IDS } from './constants';
import { aiSearch } from './protocol';
import { readServiceId } from './serviceId';

/** Document parsing (`document-analyze`): a document to Markdown, asynchronous. */
export const DOCUMENT_ANALYZE_SERVICES: INodePropertyOptions[] = [
	{
		name: 'Documents (TXT, PDF, HTML, DOC, DOCX, PPT, PPTX)',
		value: 'ops-document-analyze-001',
		description: 'Service ops-document-analyze-001: logical structure, text, tables and images',
	},
	{
		name: 'PDF and Images (Faster)',
		value: 'ops-document-analyze-002',
		description: 'Service ops-document-analyze-002: PDF and images (JPG, JPEG, PNG, BMP, TIFF); tables, formulas, charts',
	},
];

/** The file types each documented service lists (Docs, id edition). */
export const DOCUMENT_TYPES: Record<string, readonly string[]> = {
	'ops-document-analyze-001': ['txt', 'pdf', 'html', 'doc', 'docx', 'ppt', 'pptx'],
	'ops-document-analyze-002': ['pdf', 'jpg', 'jpeg', 'png', 'bmp', 'tiff'],
};

export const DOCUMENT_FILE_TYPES = ['txt', 'pdf', 'html', 'doc', 'docx', 'ppt', 'pptx', 'jpg', 'jpeg', 'png', 'bmp', 'tiff'];

const MIME_TO_TYPE: Record<string, string> = {
	'text/plain': 'txt',
	'application/pdf': 'pdf',
	'text/html': 'html',
	'application/msword': 'doc',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.ms-powerpoint': 'ppt',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/bmp': 'bmp',
	'image/tiff': 'tiff',
};

export const DEFAULT_CHUNK_SIZE = 2000;
export type SplitInto = 'document' | 'page' | 'chunk';

/** The type from the file name's extension, else from the MIME type; undefined when neither tells. */
export function documentFileType(fileName?: string, mimeType?: string): string | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
	if (extension) return extension === 'htm' ? 'html' : extension === 'tif' ? 'tiff' : extension;
	return mimeType ? MIME_TO_TYPE[mimeType.split(';')[0].trim().toLowerCase()] : undefined;
}

/** The page marker assumed in the service's Markdown (docs/contracts/documents-and-embeddings.md). */
const PAGE_MARKER = /^<!--\s*page\s+(\d+)\s*-->\s*$/im;

/** One entry per page, split on `<!-- page N -->` lines; Markdown without markers is one page. */
export function splitPages(markdown: string): IDataObject[] {
	const parts = markdown.split(new RegExp(PAGE_MARKER.source, 'gim'));
	// split() with a capture group: [before, n1, text1, n2, text2, ...]
	if (parts.length < 3) return [{ page: 1, content: markdown.trim() }];
	const pages: IDataObject[] = [];
	if (parts[0].trim() !== '') pages.push({ page: 0, content: parts[0].trim() });
	for (let i = 1; i < parts.length; i += 2) pages.push({ page: Number(parts[i]), content: parts[i + 1].trim() });
	return pages;
}

/** Paragraph blocks (blank-line separated); a Markdown table has no blank line inside, so it stays one block. */
function blocks(markdown: string): string[] {
	return markdown
		.split(/\n[ \t]*\n/)
		.map((block) => block.trim())
		.filter((block) => block !== '');
}

/** Chunks of at most `size` characters on paragraph boundaries; a longer paragraph or table is one chunk whole. */
export function splitChunks(markdown: string, size: number): IDataObject[] {
	const chunks: string[] = [];
	let current = '';
	for (const block of blocks(markdown.replace(new RegExp(PAGE_MARKER.source, 'gim'), ''))) {
		const joined = current === '' ? block : `${current}\n\n${block}`;
		if (current !== '' && joined.length > size) {
			chunks.push(current);
			current = block;
		} else current = joined;
	}
	if (current !== '') chunks.push(current);
	return chunks.map((content, index) => ({ chunk: index + 1, content }));
}

export function normalizeDocument(answer: Answer): IDataObject {
	const data = (answer.data ?? {}) as IDataObject;
	return {
		content: typeof data.content === 'string' ? data.content : '',
		contentType: typeof data.content_type === 'string' ? data.content_type : undefined,
		pageCount: num(data.page_num),
		usage: {
			tokenCount: num(answer.usage.token_count),
			tableCount: num(answer.usage.table_count),
			imageCount: num(answer.usage.image_count),
		},
	};
}

interface DocumentRequest {
	input: PreparedInput;
	fileType?: string;
	semantic: boolean;
}

function serviceOf(item: ItemContext): string {
	return readServiceId(item, 'document-analyze', AI_SEARCH_SERVICE_IDS['document-analyze'], 'Service');
}

function readSplit(item: ItemContext): { split: SplitInto; chunkSize: number } {
	const split = optionChoice(item.options.splitInto, { label: 'Split Into', choices: ['document', 'page', 'chunk'] as SplitInto[], fallback: 'document', removable: true });
	const raw = item.options.chunkSize;
	const chunkSize = raw === undefined || raw === '' ? DEFAULT_CHUNK_SIZE : Number(raw);
	if (!Number.isInteger(chunkSize) || chunkSize < 100) {
		throw item.fail(`Chunk Size must be a whole number of characters, at least 100; it is ${JSON.stringify(raw)}`, 'Set Chunk Size to 100 or more, or remove the option to use 2000.');
	}
	return { split, chunkSize };
}

function checkType(item: ItemContext, serviceId: string, input: PreparedInput, fileType: string | undefined): string | undefined {
	const { source } = input;
	const type = fileType || documentFileType(source.fileName, source.mimeType);
	const allowed = DOCUMENT_TYPES[serviceId];
	if (!allowed) return type; // a custom service id: its list is not known
	if (type === undefined) {
		if (input.url !== undefined) return undefined; // the service infers it from the URL
		throw item.fail('The file type of the document is unknown', `Give the file a name with its extension, or set the File Type option (${serviceId} takes ${allowed.join(', ')}).`);
	}
	if (!allowed.includes(type)) {
		throw item.fail(
			`The file type "${type}" is not one the service ${serviceId} takes (${allowed.join(', ')})`,
			serviceId === 'ops-document-analyze-001' && DOCUMENT_TYPES['ops-document-analyze-002'].includes(type)
				? 'Set Service to PDF and Images (ops-document-analyze-002) for images, or convert the file.'
				: 'Convert the file to one of these types, or set Service to the service that takes it.',
		);
	}
	return type;
}

function checkNotEmpty(item: ItemContext, input: { source: { sizeBytes?: number; fileName?: string } }): void {
	if (input.source.sizeBytes === 0) {
		throw item.fail(`The file "${input.source.fileName ?? 'document'}" is empty`, 'Pass a document with content; check the node that read the file.');
	}
}

export function documentBody(input: ResolvedInput, fileType: string | undefined, semantic: boolean): IDataObject {
	const document: IDataObject = input.url ? { url: input.url } : { content: input.content };
	if (!input.url) document.file_name = input.source.fileName || `document.${fileType ?? 'pdf'}`;
	if (fileType) document.file_type = fileType;
	const body: IDataObject = { document };
	if (semantic) body.strategy = { enable_semantic: true };
	return body;
}

export const documentAnalyze: Capability<DocumentRequest> = {
	protocol: aiSearch,
	defaultQps: AI_SEARCH_QPS['document-analyze'],
	async: true,
	route: (item) => `document-analyze/${serviceOf(item)}`,
	check: (item) => void readSplit(item),
	async prepare(item) {
		const serviceId = serviceOf(item);
		const override = item.options.fileType === undefined || item.options.fileType === '' ? undefined : optionChoice(item.options.fileType, { label: 'File Type', choices: DOCUMENT_FILE_TYPES, removable: true });
		const input = await prepareInput(item.ctx, item.index, readInputSpec(item.ctx, item.index), {
			// `document.url` takes http(s) only: a file over the inline limit goes as a pre-signed URL.
			staging: { staging: item.staging, pass: 'url', inline: true, service: 'Document Parsing' },
		});
		checkNotEmpty(item, input);
		if (input.source.type === 'binary' && input.source.sizeBytes === undefined) {
			// An in-memory binary with no data has no size to read: it is empty.
			const binary = item.ctx.helpers.assertBinaryData(item.index, input.source.binaryProperty ?? 'data');
			if (!binary.id && !binary.data) checkNotEmpty(item, { source: { ...input.source, sizeBytes: 0 } });
		}
		const fileType = checkType(item, serviceId, input, override);
		return { request: { input, fileType, semantic: item.options.semanticHeadings === true }, fields: { source: input.source } };
	},
	async body(request, item) {
		const input = await request.input.load();
		checkNotEmpty(item, input);
		return documentBody(input, request.fileType, request.semantic);
	},
	output(answer, item): INodeExecutionData[] {
		const result = normalizeDocument(answer);
		const { split, chunkSize } = readSplit(item);
		const shared = { contentType: result.contentType, pageCount: result.pageCount, usage: result.usage };
		const content = result.content as string;
		if (split === 'document') return listItems(result, [], shared, item.common, item.index, false);
		const entries = split === 'page' ? splitPages(content) : splitChunks(content, chunkSize);
		return listItems(result, entries, shared, item.common, item.index, true);
	},
};
