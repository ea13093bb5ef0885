import { createHash, createHmac } from 'crypto';

import type { HeaderMap, OssCredentials, SignableRequest } from './signing';

/**
 * OSS V4 signatures (OSS4-HMAC-SHA256), for the Authorization header and for pre-signed URLs, as
 * Alibaba's "Include a V4 signature in the Authorization header" and "Include a V4 signature in a URL"
 * specify:
 *
 *   CanonicalRequest = VERB \n URI-encode(/bucket/key) \n CanonicalQuery \n CanonicalHeaders \n AdditionalHeaders \n UNSIGNED-PAYLOAD
 *   StringToSign     = OSS4-HMAC-SHA256 \n yyyymmddTHHMMSSZ \n yyyymmdd/<region>/oss/aliyun_v4_request \n hex(sha256(CanonicalRequest))
 *   SigningKey       = HMAC(HMAC(HMAC(HMAC("aliyun_v4" + secret, yyyymmdd), region), "oss"), "aliyun_v4_request")
 *   Signature        = hex(HMAC(SigningKey, StringToSign))
 *
 * Unlike V1, every query parameter is signed (not only sub-resources), and the signature is bound to a
 * region and a day. The node signs no additional headers: Content-Type, Content-MD5 and x-oss-* are
 * always signed, which covers everything it sends.
 */

export const OSS_V4_ALGORITHM = 'OSS4-HMAC-SHA256';

/** The only payload hash OSS accepts today; the body is covered by Content-MD5 instead. */
export const OSS_V4_UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

const V4_TERMINATOR = 'aliyun_v4_request';

/** RFC 3986 percent-encoding (upper-case hex, unreserved characters kept), as the documented URI-encode(). */
export function uriEncode(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `20250411T064124Z`: the ISO 8601 basic form V4 puts in x-oss-date and the string to sign. */
export function v4Timestamp(now: Date): string {
	return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** `/bucket/key`, each byte encoded but the slashes kept; `/bucket/` for a bucket-level request. */
export function v4CanonicalUri(bucket: string, key: string): string {
	return uriEncode(`/${bucket}/${key}`).replace(/%2F/g, '/');
}

/** Every parameter, encoded and sorted by encoded name; a parameter without value is its name alone. */
export function v4CanonicalQuery(query: HeaderMap = {}): string {
	return Object.entries(query)
		.filter((entry): entry is [string, string] => entry[1] !== undefined)
		.map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, value]) => (value === '' ? name : `${name}=${value}`))
		.join('&');
}

/** The headers always signed (Content-Type, Content-MD5, x-oss-*) plus the additional ones, `name:value\n` each, sorted. */
export function v4CanonicalHeaders(headers: HeaderMap, additionalHeaders: string[] = []): string {
	const extra = new Set(additionalHeaders.map((name) => name.toLowerCase()));
	const signed = new Map<string, string>();
	for (const [name, value] of Object.entries(headers)) {
		const lower = name.toLowerCase();
		if (value === undefined) continue;
		if (lower === 'content-type' || lower === 'content-md5' || lower.startsWith('x-oss-') || extra.has(lower)) signed.set(lower, String(value).trim());
	}
	return [...signed.keys()]
		.sort()
		.map((name) => `${name}:${signed.get(name)}\n`)
		.join('');
}

export interface V4CanonicalParts {
	method: string;
	bucket: string;
	key: string;
	query?: HeaderMap;
	headers?: HeaderMap;
	/** Optional headers to sign beyond the required ones, lower-case (the documented example signs two). */
	additionalHeaders?: string[];
}

export function v4CanonicalRequest({ method, bucket, key, query, headers = {}, additionalHeaders = [] }: V4CanonicalParts): string {
	const additional = [...new Set(additionalHeaders.map((name) => name.toLowerCase()))].sort();
	return [
		method.toUpperCase(),
		v4CanonicalUri(bucket, key),
		v4CanonicalQuery(query),
		v4CanonicalHeaders(headers, additional),
		additional.join(';'),
		OSS_V4_UNSIGNED_PAYLOAD,
	].join('\n');
}

/** `yyyymmdd/<region>/oss/aliyun_v4_request` */
export function v4Scope(timestamp: string, region: string): string {
	return `${timestamp.slice(0, 8)}/${region}/oss/${V4_TERMINATOR}`;
}

export function v4StringToSign(timestamp: string, region: string, canonicalRequest: string): string {
	return [OSS_V4_ALGORITHM, timestamp, v4Scope(timestamp, region), createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
}

export function v4SigningKey(accessKeySecret: string, date: string, region: string): Buffer {
	const dateKey = createHmac('sha256', `aliyun_v4${accessKeySecret}`).update(date).digest();
	const regionKey = createHmac('sha256', dateKey).update(region).digest();
	const serviceKey = createHmac('sha256', regionKey).update('oss').digest();
	return createHmac('sha256', serviceKey).update(V4_TERMINATOR).digest();
}

export function v4Signature(signingKey: Buffer, stringToSign: string): string {
	return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

function sign(secret: string, timestamp: string, region: string, canonicalRequest: string): string {
	return v4Signature(v4SigningKey(secret, timestamp.slice(0, 8), region), v4StringToSign(timestamp, region, canonicalRequest));
}

/**
 * The headers to send, Authorization included: x-oss-date (basic ISO form), x-oss-content-sha256
 * (required by V4) and the STS token when there is one are added and signed.
 */
export function signHeadersV4(credentials: OssCredentials, request: SignableRequest, region: string, now: Date): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name] = value;
	const timestamp = v4Timestamp(now);
	headers['x-oss-date'] = timestamp;
	headers['x-oss-content-sha256'] = OSS_V4_UNSIGNED_PAYLOAD;
	if (credentials.securityToken) headers['x-oss-security-token'] = credentials.securityToken;
	const canonical = v4CanonicalRequest({ method: request.method, bucket: request.bucket, key: request.key, query: request.query, headers });
	const signature = sign(credentials.accessKeySecret, timestamp, region, canonical);
	headers.Authorization = `${OSS_V4_ALGORITHM} Credential=${credentials.accessKeyId}/${v4Scope(timestamp, region)},Signature=${signature}`;
	return headers;
}

/**
 * Query of a pre-signed V4 URL: the signed parameters (version, credential, date, lifetime in seconds
 * from that date, the STS token), then x-oss-signature, which is the one parameter left out of the
 * signature. OSS refuses a lifetime over 7 days.
 */
export function presignedQueryV4(
	credentials: OssCredentials,
	target: { method?: string; bucket: string; key: string },
	region: string,
	now: Date,
	expiresSeconds: number,
): Array<[string, string]> {
	const timestamp = v4Timestamp(now);
	const query: Record<string, string> = {
		'x-oss-signature-version': OSS_V4_ALGORITHM,
		'x-oss-credential': `${credentials.accessKeyId}/${v4Scope(timestamp, region)}`,
		'x-oss-date': timestamp,
		'x-oss-expires': String(expiresSeconds),
	};
	if (credentials.securityToken) query['x-oss-security-token'] = credentials.securityToken;
	const canonical = v4CanonicalRequest({ method: target.method ?? 'GET', bucket: target.bucket, key: target.key, query });
	return [...Object.entries(query), ['x-oss-signature', sign(credentials.accessKeySecret, timestamp, region, canonical)]];
}
