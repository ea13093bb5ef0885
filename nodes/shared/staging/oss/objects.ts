import { createHash } from 'crypto';

import { headerOf, ossCall, type OssConnection } from './request';

/** What OSS stores as the object's type when the caller knows none. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Base64 MD5 of a body: OSS checks it against the bytes it received (BadDigest on a mismatch). */
export function contentMd5(body: Buffer): string {
	return createHash('md5').update(body).digest('base64');
}

export interface PutOptions {
	contentType?: string;
	signal?: AbortSignal;
}

/** PutObject: one request for a body held in memory (up to one part; larger bodies go multipart). */
export async function putObject(connection: OssConnection, key: string, body: Buffer, options: PutOptions = {}): Promise<{ etag: string }> {
	const answer = await ossCall(connection, {
		operation: 'PutObject',
		method: 'PUT',
		key,
		headers: { 'Content-Type': options.contentType || DEFAULT_CONTENT_TYPE, 'Content-MD5': contentMd5(body) },
		body,
		expect: [200],
		signal: options.signal,
	});
	return { etag: headerOf(answer.headers, 'etag') ?? '' };
}

/**
 * DeleteObject. OSS answers 204 whether or not the object existed, so deleting twice is harmless; no
 * cancel signal on purpose, because cleanup must also run for a cancelled execution.
 */
export async function deleteObject(connection: OssConnection, key: string): Promise<void> {
	await ossCall(connection, { operation: 'DeleteObject', method: 'DELETE', key, expect: [204] });
}
