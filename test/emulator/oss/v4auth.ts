/**
 * OSS V4 (OSS4-HMAC-SHA256) verification, from Alibaba's "Include a V4 signature in the Authorization
 * header" and "Include a V4 signature in a URL", independent of the node's signing code:
 *
 *   CanonicalRequest = VERB \n URI-encode(/bucket/key) \n sorted encoded query \n content-type, content-md5,
 *                      x-oss-* and additional headers \n additional header names \n UNSIGNED-PAYLOAD
 *   StringToSign     = OSS4-HMAC-SHA256 \n x-oss-date \n yyyymmdd/region/oss/aliyun_v4_request \n hex(sha256(CanonicalRequest))
 *   Signature        = hex(HMAC(HMAC(HMAC(HMAC(HMAC("aliyun_v4" + secret, yyyymmdd), region), "oss"), "aliyun_v4_request"), StringToSign))
 *
 * The scope's region must be the emulator's region, its date the request's; a URL lives at most 7 days.
 */
import { createHash, createHmac } from 'node:crypto';
import { denied, same, single, type AuthContext, type AuthFailure, type AuthResult, type SignedTarget } from './auth';

const ALGORITHM = 'OSS4-HMAC-SHA256';
const TIMESTAMP = /^(\d{8})T\d{6}Z$/;
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

const invalid = (message: string): AuthFailure => ({ status: 400, code: 'InvalidArgument', message });

export function isV4Request(target: SignedTarget): boolean {
	return single(target.headers.authorization).trim().startsWith(`${ALGORITHM} `) || ['x-oss-signature-version', 'x-oss-credential', 'x-oss-signature'].some((name) => target.query.has(name));
}

function encode(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function timeOf(stamp: string): number {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
	return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

export function canonicalRequestV4(target: SignedTarget, additional: string[]): string {
	const query = [...target.query.entries()]
		.filter(([name]) => name !== 'x-oss-signature')
		.map(([name, value]) => [encode(name), encode(value)])
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, value]) => (value === '' ? name : `${name}=${value}`))
		.join('&');
	const names = Object.keys(target.headers)
		.map((name) => name.toLowerCase())
		.filter((name) => name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-') || additional.includes(name))
		.sort();
	const headers = names.map((name) => `${name}:${single(target.headers[name]).trim()}\n`).join('');
	return [target.method.toUpperCase(), encode(`/${target.bucket}/${target.key}`).replace(/%2F/g, '/'), query, headers, additional.join(';'), 'UNSIGNED-PAYLOAD'].join('\n');
}

function signatureOf(secret: string, date: string, region: string, stringToSign: string): string {
	let key: Buffer = createHmac('sha256', `aliyun_v4${secret}`).update(date).digest();
	for (const part of [region, 'oss', 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
	return createHmac('sha256', key).update(stringToSign).digest('hex');
}

interface V4Claim {
	accessKeyId: string;
	scope: { date: string; region: string; product: string; terminator: string };
	additional: string[];
	provided: string;
	timestamp: string;
	token?: string;
}

function parseCredential(credential: string): Pick<V4Claim, 'accessKeyId' | 'scope'> | undefined {
	const parts = credential.split('/');
	if (parts.length !== 5 || parts.some((p) => p === '')) return undefined;
	const [accessKeyId, date, region, product, terminator] = parts;
	return { accessKeyId, scope: { date, region, product, terminator } };
}

/** The header form's claim, or the failure OSS answers for a malformed one. */
function headerClaim(target: SignedTarget, ctx: AuthContext): V4Claim | AuthFailure {
	const authorization = single(target.headers.authorization).trim().slice(ALGORITHM.length).trim();
	const fields = new Map<string, string>();
	for (const pair of authorization.split(',')) {
		const eq = pair.indexOf('=');
		if (eq > 0) fields.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
	}
	const credential = parseCredential(fields.get('Credential') ?? '');
	const provided = fields.get('Signature') ?? '';
	if (!credential || !/^[0-9a-f]{64}$/.test(provided)) return invalid('Authorization header is invalid.');
	const sha = single(target.headers['x-oss-content-sha256']);
	if (sha !== 'UNSIGNED-PAYLOAD') return invalid('x-oss-content-sha256 header must be UNSIGNED-PAYLOAD for V4 signatures.');
	const timestamp = single(target.headers['x-oss-date']);
	if (!TIMESTAMP.test(timestamp)) return denied('AccessDenied', 'x-oss-date header is required in ISO 8601 basic format (yyyymmddTHHMMSSZ) for V4 signatures.');
	if (Math.abs(ctx.nowMs - timeOf(timestamp)) > ctx.maxClockSkewMs) {
		return denied('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
	}
	const additional = (fields.get('AdditionalHeaders') ?? '').split(';').filter(Boolean);
	const token = target.headers['x-oss-security-token'] === undefined ? undefined : single(target.headers['x-oss-security-token']);
	return { ...credential, additional, provided, timestamp, token };
}

/** The URL form's claim: version, credential, date, lifetime (at most 7 days) and signature, all in the query. */
function queryClaim(target: SignedTarget, ctx: AuthContext): V4Claim | AuthFailure {
	const q = target.query;
	if (q.get('x-oss-signature-version') !== ALGORITHM) return invalid('The x-oss-signature-version parameter is invalid.');
	const credential = parseCredential(q.get('x-oss-credential') ?? '');
	const timestamp = q.get('x-oss-date') ?? '';
	const expires = q.get('x-oss-expires') ?? '';
	const provided = q.get('x-oss-signature') ?? '';
	if (!credential || !TIMESTAMP.test(timestamp) || !/^\d+$/.test(expires) || !/^[0-9a-f]{64}$/.test(provided)) {
		return invalid('x-oss-credential, x-oss-date, x-oss-expires and x-oss-signature must all be in the URL.');
	}
	if (Number(expires) < 1 || Number(expires) > MAX_EXPIRES_SECONDS) return invalid(`x-oss-expires must be between 1 and ${MAX_EXPIRES_SECONDS} seconds.`);
	if (timeOf(timestamp) + Number(expires) * 1000 < ctx.nowMs) return denied('AccessDenied', 'Request has expired.');
	const additional = (q.get('x-oss-additional-headers') ?? '').split(';').filter(Boolean);
	return { ...credential, additional, provided, timestamp, token: q.get('x-oss-security-token') ?? undefined };
}

export function authenticateV4(target: SignedTarget, ctx: AuthContext): AuthResult {
	const mode = target.headers.authorization ? 'header' : 'presigned';
	const claim = mode === 'header' ? headerClaim(target, ctx) : queryClaim(target, ctx);
	if ('status' in claim) return { mode, failure: claim };
	const { accessKeyId, scope } = claim;
	if (scope.product !== 'oss' || scope.terminator !== 'aliyun_v4_request') return { mode, accessKeyId, failure: invalid('The credential scope must end with oss/aliyun_v4_request.') };
	if (scope.date !== claim.timestamp.slice(0, 8)) return { mode, accessKeyId, failure: invalid('The date of the credential scope must be the date of x-oss-date.') };
	if (scope.region !== ctx.region) {
		return { mode, accessKeyId, failure: invalid(`Invalid signing region "${scope.region}" in the credential scope; this bucket is in ${ctx.region}.`) };
	}
	const missing = claim.additional.find((name) => target.headers[name.toLowerCase()] === undefined);
	if (missing) return { mode, accessKeyId, failure: invalid(`The additional header ${missing} is not in the request.`) };

	const key = ctx.keys[accessKeyId];
	if (!key) return { mode, accessKeyId, failure: denied('InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', { OSSAccessKeyId: accessKeyId }) };
	if (key.securityToken !== undefined && !same(key.securityToken, claim.token ?? '')) {
		return { mode, accessKeyId, failure: denied('InvalidSecurityToken', claim.token ? 'The security token you provided is invalid.' : 'The security token is missing.') };
	}
	const canonical = canonicalRequestV4(target, claim.additional.map((name) => name.toLowerCase()).sort());
	const stringToSign = [ALGORITHM, claim.timestamp, `${scope.date}/${scope.region}/oss/aliyun_v4_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
	if (!same(signatureOf(key.secret, scope.date, scope.region, stringToSign), claim.provided)) {
		return {
			mode,
			accessKeyId,
			failure: denied('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
				OSSAccessKeyId: accessKeyId,
				SignatureProvided: claim.provided,
				StringToSign: stringToSign,
				CanonicalRequest: canonical,
			}),
		};
	}
	if (key.buckets && !key.buckets.includes(target.bucket)) return { mode, accessKeyId, failure: denied('AccessDenied', 'You have no right to access this bucket.') };
	return { mode, accessKeyId };
}
