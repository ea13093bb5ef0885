import { OssRequestError } from './errors';
import { contentMd5, DEFAULT_CONTENT_TYPE } from './objects';
import { headerOf, ossCall, type OssConnection } from './request';
import { escapeXml, xmlText } from './xml';

/** The four calls of an OSS multipart upload; `upload.ts` strings them together. */

export interface UploadedPart {
	partNumber: number;
	etag: string;
}

export async function initiateMultipartUpload(
	connection: OssConnection,
	key: string,
	options: { contentType?: string; signal?: AbortSignal } = {},
): Promise<string> {
	const answer = await ossCall(connection, {
		operation: 'InitiateMultipartUpload',
		method: 'POST',
		key,
		query: { uploads: '' },
		// The object's type is fixed here; parts carry none of their own.
		headers: { 'Content-Type': options.contentType || DEFAULT_CONTENT_TYPE },
		expect: [200],
		signal: options.signal,
	});
	const uploadId = xmlText(answer.text, 'UploadId');
	if (!uploadId) {
		throw new OssRequestError('InitiateMultipartUpload', { httpCode: answer.statusCode, message: 'the answer carries no UploadId' });
	}
	return uploadId;
}

export async function uploadPart(
	connection: OssConnection,
	key: string,
	uploadId: string,
	partNumber: number,
	body: Buffer,
	signal?: AbortSignal,
): Promise<UploadedPart> {
	const answer = await ossCall(connection, {
		operation: 'UploadPart',
		method: 'PUT',
		key,
		query: { partNumber: String(partNumber), uploadId },
		headers: { 'Content-Type': DEFAULT_CONTENT_TYPE, 'Content-MD5': contentMd5(body) },
		body,
		expect: [200],
		signal,
	});
	const etag = headerOf(answer.headers, 'etag');
	if (!etag) throw new OssRequestError('UploadPart', { httpCode: answer.statusCode, message: `part ${partNumber} was answered without an ETag` });
	return { partNumber, etag };
}

export function completeMultipartUploadXml(parts: UploadedPart[]): string {
	const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
	const items = sorted.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${escapeXml(p.etag)}</ETag></Part>`);
	return `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>${items.join('')}</CompleteMultipartUpload>`;
}

export async function completeMultipartUpload(
	connection: OssConnection,
	key: string,
	uploadId: string,
	parts: UploadedPart[],
	signal?: AbortSignal,
): Promise<{ etag: string }> {
	const body = Buffer.from(completeMultipartUploadXml(parts), 'utf8');
	const answer = await ossCall(connection, {
		operation: 'CompleteMultipartUpload',
		method: 'POST',
		key,
		query: { uploadId },
		headers: { 'Content-Type': 'application/xml', 'Content-MD5': contentMd5(body) },
		body,
		expect: [200],
		signal,
	});
	return { etag: xmlText(answer.text, 'ETag') ?? headerOf(answer.headers, 'etag') ?? '' };
}

/**
 * Drops the upload and the parts stored so far (they are billed as storage until then). No cancel
 * signal: it runs because the upload failed or was cancelled.
 */
export async function abortMultipartUpload(connection: OssConnection, key: string, uploadId: string): Promise<void> {
	await ossCall(connection, { operation: 'AbortMultipartUpload', method: 'DELETE', key, query: { uploadId }, expect: [204] });
}
