/** OSS answers: XML documents, error documents, and the few request bodies the emulator reads. */
import { randomBytes } from 'node:crypto';

export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function unescapeXml(text: string): string {
	return text
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
		.replace(/&amp;/g, '&');
}

/** `<Root><A>1</A>...</Root>` from flat fields (values escaped); arrays of objects become repeated elements. */
export function xmlDocument(root: string, fields: Record<string, unknown>): string {
	const render = (name: string, value: unknown): string => {
		if (Array.isArray(value)) return value.map((v) => render(name, v)).join('');
		if (value && typeof value === 'object') {
			return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => render(k, v)).join('')}</${name}>`;
		}
		return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
	};
	return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, fields)}`;
}

export function newRequestId(): string {
	return randomBytes(12).toString('hex').toUpperCase();
}

export interface OssErrorAnswer {
	status: number;
	code: string;
	message: string;
	details?: Record<string, string>;
}

export function errorDocument(error: OssErrorAnswer, requestId: string, hostId: string): string {
	return xmlDocument('Error', { Code: error.code, Message: error.message, RequestId: requestId, HostId: hostId, ...(error.details ?? {}) });
}

/** `<Part><PartNumber>n</PartNumber><ETag>..</ETag></Part>` entries of a CompleteMultipartUpload body, in order. */
export function parseCompleteBody(xml: string): Array<{ partNumber: number; etag: string }> | undefined {
	if (!/<CompleteMultipartUpload[\s>]/.test(xml)) return undefined;
	const parts: Array<{ partNumber: number; etag: string }> = [];
	for (const match of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
		const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(match[1]);
		const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(match[1]);
		if (!number || !etag) return undefined;
		parts.push({ partNumber: Number(number[1]), etag: unescapeXml(etag[1].trim()) });
	}
	return parts;
}
