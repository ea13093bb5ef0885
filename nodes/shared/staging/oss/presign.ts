import { packageClock } from '../../core/time';
import { OSS_PRESIGN_DEFAULT_EXPIRES_SECONDS, OSS_PRESIGN_MAX_EXPIRES_SECONDS } from './constants';
import { objectKeyProblem, objectUrl, type OssBucketLocation } from './endpoint';
import { presignedQuery, type OssCredentials } from './signing';

/**
 * A GET URL for one object that works without credentials until it expires: what PAI and other
 * URL-only services fetch. It is a bearer secret while it lives, so it never goes into messages or logs.
 */
export function presignGetUrl(
	location: OssBucketLocation & { credentials: OssCredentials },
	key: string,
	expiresSeconds: number = OSS_PRESIGN_DEFAULT_EXPIRES_SECONDS,
	now: Date = new Date(packageClock.now()),
): string {
	const problem = objectKeyProblem(key);
	if (problem) throw new Error(problem);
	if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > OSS_PRESIGN_MAX_EXPIRES_SECONDS) {
		throw new Error(`A pre-signed URL lives between 1 and ${OSS_PRESIGN_MAX_EXPIRES_SECONDS} seconds, not ${expiresSeconds}`);
	}
	const expires = Math.floor(now.getTime() / 1000) + expiresSeconds;
	return objectUrl(location, key, presignedQuery(location.credentials, { bucket: location.bucket, key }, expires));
}
