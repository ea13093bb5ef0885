/**
 * OSS signature verification, written from the OSS documentation and independent of the node's signing
 * code: what was signed is rebuilt from the request as received and compared in constant time.
 *
 * V4 (v4auth.ts): `Authorization: OSS4-HMAC-SHA256 Credential=...,Signature=...` or the
 * `x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=...` URL form.
 * V1, only when the emulator allows it (OSS refuses it for accounts and buckets created since 2025):
 * header form `Authorization: OSS <AccessKeyId>:<Signature>`, date from `x-oss-date` (preferred) or
 * `Date`; URL form `?OSSAccessKeyId=&Expires=&Signature=`, the Expires epoch seconds in place of the date.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { OssAccessKey } from './types';
import { authenticateV4, isV4Request } from './v4auth';

/** Query parameters OSS signs as sub-resources (documented list, object-level part). */
export const SUB_RESOURCES = new Set([
	'acl', 'append', 'callback', 'callback-var', 'delete', 'objectMeta', 'partNumber', 'position', 'response-cache-control',
	'response-content-disposition', 'response-content-encoding', 'response-content-language', 'response-content-type',
	'response-expires', 'restore', 'security-token', 'symlink', 'tagging', 'uploadId', 'uploads', 'versionId',
	'x-oss-process', 'x-oss-traffic-limit',
]);

export interface AuthFailure {
	status: number;
	code: string;
	message: string;
	/** Extra elements of the error document, as OSS adds them to SignatureDoesNotMatch. */
	details?: Record<string, string>;
}

export interface AuthResult {
	mode: 'header' | 'presigned' | 'none';
	/** Which signature the request carried. */
	version?: 'v1' | 'v4';
	accessKeyId?: string;
	failure?: AuthFailure;
}

export interface AuthContext {
	keys: Record<string, OssAccessKey>;
	nowMs: number;
	maxClockSkewMs: number;
	/** The region V4 signatures must name. */
	region: string;
	/** Whether V1 signatures are taken (an old bucket); when not, they get OSS's 403 for V1. */
	allowV1: boolean;
}

export interface SignedTarget {
	method: string;
	headers: IncomingHttpHeaders;
	query: URLSearchParams;
	bucket: string;
	key: string;
}

export function single(value: string | string[] | undefined): string {
	return Array.isArray(value) ? value.join(',') : (value ?? '');
}

export function canonicalResource(bucket: string, key: string, query: URLSearchParams): string {
	const names = [...new Set([...query.keys()])].filter((name) => SUB_RESOURCES.has(name)).sort();
	const parts = names.map((name) => {
		const value = query.get(name) ?? '';
		return value === '' ? name : `${name}=${value}`;
	});
	return `/${bucket}/${key}${parts.length ? `?${parts.join('&')}` : ''}`;
}

export function stringToSign(target: SignedTarget, dateLine: string): string {
	const ossHeaders = Object.keys(target.headers)
		.map((name) => name.toLowerCase())
		.filter((name) => name.startsWith('x-oss-'))
		.sort()
		.map((name) => `${name}:${single(target.headers[name]).trim()}\n`)
		.join('');
	return [
		target.method.toUpperCase(),
		single(target.headers['content-md5']),
		single(target.headers['content-type']),
		dateLine,
		ossHeaders + canonicalResource(target.bucket, target.key, target.query),
	].join('\n');
}

function hmac(secret: string, text: string): string {
	return createHmac('sha1', Buffer.from(secret, 'utf8')).update(Buffer.from(text, 'utf8')).digest('base64');
}

export function same(a: string, b: string): boolean {
	const x = Buffer.from(a, 'utf8');
	const y = Buffer.from(b, 'utf8');
	return x.length === y.length && timingSafeEqual(x, y);
}

export const denied = (code: string, message: string, details?: Record<string, string>): AuthFailure => ({ status: 403, code, message, details });

/** Checks a request's signature, token and time window; `failure` is set when OSS would refuse it. */
export function authenticate(target: SignedTarget, ctx: AuthContext): AuthResult {
	const authorization = single(target.headers.authorization);
	if (isV4Request(target)) return { ...authenticateV4(target, ctx), version: 'v4' };
	const presigned = target.query.has('OSSAccessKeyId') || target.query.has('Signature');
	if (!authorization && !presigned) {
		return { mode: 'none', failure: denied('AccessDenied', 'You have no right to access this object because of bucket acl.') };
	}
	if (!ctx.allowV1) return { mode: authorization ? 'header' : 'presigned', version: 'v1', failure: V1_REFUSED };
	return { ...authenticateV1(target, ctx, authorization), version: 'v1' };
}

/**
 * OSS's answer to a V1 signature where V1 is no longer accepted: 403 AccessDenied with EC
 * 0002-00000080 ("OSS returns a 403 error when you call an API operation signed with a V1 signature",
 * Alibaba's EC reference) and the troubleshooting link every OSS error document carries.
 */
export const V1_REFUSED: AuthFailure = denied('AccessDenied', 'The V1 signature is no longer supported for this bucket; use a V4 signature (OSS4-HMAC-SHA256).', {
	EC: '0002-00000080',
	RecommendDoc: 'https://api.aliyun.com/troubleshoot?q=0002-00000080',
});

function authenticateV1(target: SignedTarget, ctx: AuthContext, authorization: string): AuthResult {
	let accessKeyId: string;
	let provided: string;
	let dateLine: string;
	let token: string | undefined;
	const mode = authorization ? 'header' : 'presigned';
	if (authorization) {
		const match = /^OSS ([^:\s]+):(\S+)$/.exec(authorization.trim());
		if (!match) return { mode, failure: { status: 400, code: 'InvalidArgument', message: 'Authorization header is invalid.' } };
		[, accessKeyId, provided] = match;
		dateLine = single(target.headers['x-oss-date']) || single(target.headers.date);
		if (!dateLine) return { mode, accessKeyId, failure: denied('AccessDenied', 'Date header or x-oss-date header is required.') };
		const sent = Date.parse(dateLine);
		if (!Number.isFinite(sent)) return { mode, accessKeyId, failure: denied('AccessDenied', 'Invalid date format.') };
		if (Math.abs(ctx.nowMs - sent) > ctx.maxClockSkewMs) {
			return { mode, accessKeyId, failure: denied('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.') };
		}
		token = target.headers['x-oss-security-token'] === undefined ? undefined : single(target.headers['x-oss-security-token']);
	} else {
		accessKeyId = target.query.get('OSSAccessKeyId') ?? '';
		provided = target.query.get('Signature') ?? '';
		dateLine = target.query.get('Expires') ?? '';
		if (!accessKeyId || !provided || !/^\d+$/.test(dateLine)) {
			return { mode, failure: denied('AccessDenied', 'OSSAccessKeyId, Expires and Signature must all be in the URL.') };
		}
		if (Number(dateLine) * 1000 < ctx.nowMs) return { mode, accessKeyId, failure: denied('AccessDenied', 'Request has expired.') };
		token = target.query.get('security-token') ?? undefined;
	}

	const key = ctx.keys[accessKeyId];
	if (!key) return { mode, accessKeyId, failure: denied('InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', { OSSAccessKeyId: accessKeyId }) };
	if (key.securityToken !== undefined && !same(key.securityToken, token ?? '')) {
		return { mode, accessKeyId, failure: denied('InvalidSecurityToken', token ? 'The security token you provided is invalid.' : 'The security token is missing.') };
	}
	const text = stringToSign(target, dateLine);
	if (!same(hmac(key.secret, text), provided)) {
		return {
			mode,
			accessKeyId,
			failure: denied('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
				OSSAccessKeyId: accessKeyId,
				SignatureProvided: provided,
				StringToSign: text,
			}),
		};
	}
	if (key.buckets && !key.buckets.includes(target.bucket)) {
		return { mode, accessKeyId, failure: denied('AccessDenied', 'You have no right to access this bucket.') };
	}
	return { mode, accessKeyId };
}
