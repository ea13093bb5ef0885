import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** `Authorization: <appid>:<64 hex>` as all four SDKs send it. */
export function parseAuthorization(headers: IncomingHttpHeaders): { appId: string; signature: string } | undefined {
	const match = /^([^:\s]+):([0-9a-fA-F]{64})$/.exec((headers.authorization ?? '').trim());
	return match ? { appId: match[1], signature: match[2].toLowerCase() } : undefined;
}

/** Independent of the node's implementation: recomputed from the raw bytes as received. */
export function expectedSignature(token: string, method: string, rawBody: Buffer, signedPath: string): string {
	const md5 = createHash('md5').update(rawBody).digest('hex');
	return createHmac('sha256', Buffer.from(token, 'utf8'))
		.update(`${method.toUpperCase()}\n${md5}\n${signedPath}`, 'utf8')
		.digest('hex');
}

export function signatureMatches(expected: string, given: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}
