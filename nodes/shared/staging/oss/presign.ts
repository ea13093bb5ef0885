import { packageClock } from '../../core/time';
import { OSS_PRESIGN_DEFAULT_EXPIRES_SECONDS, OSS_PRESIGN_MAX_EXPIRES_SECONDS } from './constants';
import { objectKeyProblem, objectUrl, type OssBucketLocation } from './endpoint';
import { presignQuery, type OssSigning } from './signer';
import type { OssCredentials } from './signing';

/**
 * A GET URL for one object that works without credentials until it expires: what PAI and other
 * URL-only services fetch. It is a bearer secret while it lives, so it never goes into messages or logs.
 * V4 URLs carry their lifetime from the signing time and OSS refuses one over 7 days; V1 URLs carry an
 * absolute expiry, held to the same cap here.
 */
export function presignGetUrl(
	location: OssBucketLocation & { credentials: OssCredentials; signing: OssSigning },
	key: string,
	expiresSeconds: number = OSS_PRESIGN_DEFAULT_EXPIRES_SECONDS,
	now: Date = new Date(packageClock.now()),
): string {
	const problem = objectKeyProblem(key);
	if (problem) throw new Error(problem);
	if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > OSS_PRESIGN_MAX_EXPIRES_SECONDS) {
		throw new Error(`A pre-signed URL lives between 1 and ${OSS_PRESIGN_MAX_EXPIRES_SECONDS} seconds, not ${expiresSeconds}`);
	}
	return objectUrl(location, key, presignQuery(location.signing, location.credentials, { bucket: location.bucket, key }, now, expiresSeconds));
}
