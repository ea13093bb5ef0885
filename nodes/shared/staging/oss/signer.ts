import { signHeaders, presignedQuery, type OssCredentials, type SignableRequest } from './signing';
import { presignedQueryV4, signHeadersV4 } from './signingV4';

/**
 * How a connection signs: V4 (OSS4-HMAC-SHA256, bound to the bucket's region), or V1 for the old
 * buckets and gateways that still take it. OSS stopped offering V1 to new accounts on 2025-03-01 and to
 * new buckets on 2025-09-01, so V4 is the default everywhere.
 */
export type OssSigning = { version: 'v4'; region: string } | { version: 'v1' };

/** The headers to send for one request, Authorization included. */
export function signRequestHeaders(signing: OssSigning, credentials: OssCredentials, request: SignableRequest, now: Date): Record<string, string> {
	return signing.version === 'v4' ? signHeadersV4(credentials, request, signing.region, now) : signHeaders(credentials, request, now);
}

/** The query of a pre-signed GET URL valid `expiresSeconds` from `now`. */
export function presignQuery(
	signing: OssSigning,
	credentials: OssCredentials,
	target: { bucket: string; key: string },
	now: Date,
	expiresSeconds: number,
): Array<[string, string]> {
	if (signing.version === 'v4') return presignedQueryV4(credentials, target, signing.region, now, expiresSeconds);
	return presignedQuery(credentials, target, Math.floor(now.getTime() / 1000) + expiresSeconds);
}
