/** Document parsing (`document-analyze`): body validation and a deterministic Markdown result. */
import type { TaskOutcome } from '../tasks';
import type { StagedFiles } from './routes';
import { InvalidParameter } from './errors';

type Json = Record<string, unknown>;

/** The file types each service lists (Docs, id edition). */
export const DOCUMENT_TYPES: Record<string, readonly string[]> = {
	'ops-document-analyze-001': ['txt', 'pdf', 'html', 'doc', 'docx', 'ppt', 'pptx'],
	'ops-document-analyze-002': ['pdf', 'jpg', 'jpeg', 'png', 'bmp', 'tiff'],
};

export const ENCRYPTED_ERROR = 'the document is encrypted (password protected) and cannot be parsed';

export interface DocumentRequest {
	url?: string;
	content?: Buffer;
	fileName?: string;
	fileType?: string;
	semantic: boolean;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, path: string): string | undefined => {
	if (v === undefined || v === null || v === '') return undefined;
	if (typeof v !== 'string') throw new InvalidParameter(`${path} must be a string`);
	return v;
};

export function validateDocument(body: Json): DocumentRequest {
	if (!isObject(body.document)) throw new InvalidParameter('document is required');
	const doc = body.document;
	const url = str(doc.url, 'document.url');
	const content = str(doc.content, 'document.content');
	if ((url === undefined) === (content === undefined)) {
		throw new InvalidParameter('document.content or document.url required, and both cannot be present at the same time');
	}
	const fileName = str(doc.file_name, 'document.file_name');
	const fileType = str(doc.file_type, 'document.file_type')?.toLowerCase();
	const strategy = body.strategy;
	if (strategy !== undefined && !isObject(strategy)) throw new InvalidParameter('strategy must be an object');
	const semantic = strategy?.enable_semantic;
	if (semantic !== undefined && typeof semantic !== 'boolean') throw new InvalidParameter('strategy.enable_semantic must be a boolean');
	if (url !== undefined) {
		if (!/^https?:\/\/\S+$/i.test(url)) throw new InvalidParameter('document.url must be an http or https URL');
		return { url, fileName, fileType, semantic: semantic === true };
	}
	if (fileName === undefined) throw new InvalidParameter('document.file_name is required when document.url is empty');
	const compact = (content as string).replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw new InvalidParameter('document.content is not valid Base64');
	const bytes = Buffer.from(compact, 'base64');
	if (bytes.length === 0) throw new InvalidParameter('document.content is empty');
	return { content: bytes, fileName, fileType, semantic: semantic === true };
}

/** The type the service reads the file as: file_type, else the name's (or the URL's) extension. */
export function documentType(req: DocumentRequest): string | undefined {
	if (req.fileType) return req.fileType;
	const name = req.fileName ?? req.url?.split(/[?#]/)[0];
	return /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase();
}

/** A type the service does not list is refused at submission (400), as the emulator assumes the service does. */
export function checkDocumentType(req: DocumentRequest, serviceId: string): void {
	const type = documentType(req);
	const allowed = DOCUMENT_TYPES[serviceId] ?? [];
	if (!type || !allowed.includes(type)) {
		throw new InvalidParameter(`document type ${type ?? '(unknown)'} is not supported by ${serviceId}; supported: ${allowed.join(', ')}`);
	}
}

/** The texts of a PDF's pages: one entry per `/Type /Page` object, with the text of its `(…) Tj` operators. */
export function pdfPages(bytes: Buffer): string[] {
	const text = bytes.toString('latin1');
	const pageCount = (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
	const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) =>
		[...m[1].matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)].map((t) => t[1].replace(/\\(.)/g, '$1')).join(' '),
	);
	const texts = streams.filter((s) => s !== '');
	return Array.from({ length: pageCount }, (_, i) => texts[i] ?? `Page ${i + 1}`);
}

/**
 * The Markdown: for a PDF one section per page, each opening with `<!-- page N -->` then `## Page N`
 * (the page marker the node splits on, see docs/contracts); for other types a heading and a table.
 */
export function documentOutcome(req: DocumentRequest, serviceId: string, staged: StagedFiles): TaskOutcome {
	checkDocumentType(req, serviceId);
	const type = documentType(req) as string;
	const file = staged(req.url);
	if (file?.ok === false) return { status: 'FAIL', error: 'failed to download the document' };
	const name = req.fileName ?? req.url?.split(/[?#]/)[0].split('/').pop() ?? 'document';
	if (type === 'pdf') {
		if (req.content && req.content.toString('latin1').includes('/Encrypt')) return { status: 'FAIL', error: ENCRYPTED_ERROR };
		// A URL's bytes are not fetched (nor a staged file's): such a PDF parses as two pages.
		const pages = req.content ? pdfPages(req.content) : ['Page 1', 'Page 2'];
		const content = pages.map((text, i) => `<!-- page ${i + 1} -->\n## Page ${i + 1}\n\n${text}`).join('\n\n');
		return {
			status: 'SUCCESS',
			data: { content, content_type: 'markdown', page_num: pages.length },
			usage: { token_count: Math.max(1, Math.ceil(content.length / 4)), table_count: 0, image_count: 0 },
		};
	}
	const size = req.content ? `${req.content.length} bytes` : 'by URL';
	const heading = req.semantic ? `# ${name}\n\n## Summary` : `# ${name}`;
	const content = `${heading}\n\nParsed ${type} document (${size}).\n\n| Field | Value |\n| --- | --- |\n| type | ${type} |\n| service | ${serviceId} |`;
	return {
		status: 'SUCCESS',
		data: { content, content_type: 'markdown', page_num: 1 },
		usage: { token_count: Math.max(1, Math.ceil(content.length / 4)), table_count: 1, image_count: 0 },
	};
}
