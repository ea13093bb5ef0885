import { createHmac } from 'crypto';

/**
 * OSS V1 signatures, for the Authorization header and for pre-signed URLs (used only when the credential
 * asks for V1; V4 is in signingV4.ts and the choice in signer.ts):
 *
 *   Signature = base64(HMAC-SHA1(AccessKeySecret,
 *     VERB \n Content-MD5 \n Content-Type \n Date-or-Expires \n CanonicalizedOSSHeaders CanonicalizedResource))
 *
 * Byte for byte what Alibaba's `ali-oss` client signs (lib/common/signUtils.js): x-oss-* headers
 * lower-cased, values trimmed, sorted, one `name:value\n` each; the resource is `/bucket/key` with the
 * raw (not URL-encoded) key, then the request's sub-resources sorted by name, a bare name when the value
 * is empty.
 */

export interface OssCredentials {
	accessKeyId: string;
	accessKeySecret: string;
	/** STS token of temporary credentials; signed as `x-oss-security-token` or `security-token`. */
	securityToken?: string;
}

/**
 * Query parameters OSS counts as sub-resources: these are signed, any other query parameter is not.
 * The list the official SDKs carry, trimmed to what an object client can send.
 */
export const OSS_SIGNED_SUB_RESOURCES: ReadonlySet<string> = new Set([
	'acl',
	'append',
	'callback',
	'callback-var',
	'delete',
	'objectMeta',
	'partNumber',
	'position',
	'response-cache-control',
	'response-content-disposition',
	'response-content-encoding',
	'response-content-language',
	'response-content-type',
	'response-expires',
	'restore',
	'security-token',
	'symlink',
	'tagging',
	'uploadId',
	'uploads',
	'versionId',
	'x-oss-process',
	'x-oss-traffic-limit',
]);

export type HeaderMap = Record<string, string | undefined>;

function headerValue(headers: HeaderMap, name: string): string {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key === undefined ? '' : (headers[key] ?? '');
}

export function canonicalizedOssHeaders(headers: HeaderMap): string {
	const ossHeaders = new Map<string, string>();
	for (const [name, value] of Object.entries(headers)) {
		const lower = name.toLowerCase();
		if (lower.startsWith('x-oss-') && value !== undefined) ossHeaders.set(lower, String(value).trim());
	}
	return [...ossHeaders.keys()]
		.sort()
		.map((name) => `${name}:${ossHeaders.get(name)}\n`)
		.join('');
}

/** `/bucket/key?sub&sub=value`; query parameters that are not sub-resources are left out. */
export function canonicalizedResource(bucket: string, key: string, query: HeaderMap = {}): string {
	const resource = `/${bucket}/${key}`;
	const signed = Object.keys(query)
		.filter((name) => OSS_SIGNED_SUB_RESOURCES.has(name) && query[name] !== undefined)
		.sort()
		.map((name) => (query[name] === '' ? name : `${name}=${query[name]}`));
	return signed.length ? `${resource}?${signed.join('&')}` : resource;
}

export interface StringToSignParts {
	verb: string;
	headers: HeaderMap;
	/** The Date line: the `x-oss-date`/`Date` header value, or the Expires epoch seconds of a pre-signed URL. */
	date: string;
	resource: string;
}

export function ossStringToSign({ verb, headers, date, resource }: StringToSignParts): string {
	return [
		verb.toUpperCase(),
		headerValue(headers, 'content-md5'),
		headerValue(headers, 'content-type'),
		date,
		canonicalizedOssHeaders(headers) + resource,
	].join('\n');
}

export function ossSignature(accessKeySecret: string, stringToSign: string): string {
	return createHmac('sha1', accessKeySecret).update(stringToSign, 'utf8').digest('base64');
}

export interface SignableRequest {
	method: string;
	bucket: string;
	/** Raw object key ('' for bucket-level requests). */
	key: string;
	/** Every query parameter of the request; only sub-resources are signed. */
	query?: HeaderMap;
	/** Headers to send; Content-Type and Content-MD5 must be the exact values sent. */
	headers?: HeaderMap;
}

/**
 * The headers to send, Authorization included. The date travels in `x-oss-date` as ali-oss sends it:
 * OSS takes it over `Date` when both are present, and fetch-style clients may not set `Date` at all.
 */
export function signHeaders(credentials: OssCredentials, request: SignableRequest, now: Date): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name] = value;
	headers['x-oss-date'] = now.toUTCString();
	if (credentials.securityToken) headers['x-oss-security-token'] = credentials.securityToken;
	const stringToSign = ossStringToSign({
		verb: request.method,
		headers,
		date: headers['x-oss-date'],
		resource: canonicalizedResource(request.bucket, request.key, request.query),
	});
	headers.Authorization = `OSS ${credentials.accessKeyId}:${ossSignature(credentials.accessKeySecret, stringToSign)}`;
	return headers;
}

/**
 * Query of a pre-signed GET URL, in ali-oss's order: OSSAccessKeyId, Expires, Signature, then the signed
 * sub-resources (`security-token` for STS credentials). `expires` is in epoch seconds.
 */
export function presignedQuery(
	credentials: OssCredentials,
	target: { method?: string; bucket: string; key: string; subResources?: Record<string, string> },
	expires: number,
): Array<[string, string]> {
	const subResources: Record<string, string> = { ...(target.subResources ?? {}) };
	if (credentials.securityToken) subResources['security-token'] = credentials.securityToken;
	const stringToSign = ossStringToSign({
		verb: target.method ?? 'GET',
		headers: {},
		date: String(expires),
		resource: canonicalizedResource(target.bucket, target.key, subResources),
	});
	return [
		['OSSAccessKeyId', credentials.accessKeyId],
		['Expires', String(expires)],
		['Signature', ossSignature(credentials.accessKeySecret, stringToSign)],
		...Object.entries(subResources),
	];
}
