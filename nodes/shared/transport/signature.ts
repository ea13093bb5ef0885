import { createHash, createHmac } from 'crypto';

/**
 * PAI multimedia-analysis request signature:
 *   hex(HMAC-SHA256(token, METHOD + "\n" + hex(MD5(body)) + "\n" + PATH))
 * PATH is the resource path without host, base path or query. The server hashes the raw bytes it
 * receives, so callers must sign exactly the string (or bytes) they send.
 */
export function paiSignature(token: string, method: string, body: string | Buffer, path: string): string {
	const bodyMd5 = (typeof body === 'string' ? createHash('md5').update(body, 'utf8') : createHash('md5').update(body)).digest('hex');
	const stringToSign = `${method.toUpperCase()}\n${bodyMd5}\n${path}`;
	return createHmac('sha256', token).update(stringToSign, 'utf8').digest('hex');
}

export function paiAuthorization(appId: string, token: string, method: string, body: string | Buffer, path: string) {
	return `${appId}:${paiSignature(token, method, body, path)}`;
}

/** The path that is signed: never the query string, never a prefix that belongs to the base URL. */
export function paiSignedPath(url: string): string {
	const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
	const path = withoutOrigin.split('?')[0] || '/';
	return path.startsWith('/') ? path : `/${path}`;
}
