/**
 * Emulator of the user's OSS bucket (V4 signatures, V1 only when allowed; pre-signed URLs; simple and
 * multipart uploads),
 * for staging binaries. Start it alone with startOssEmulator(), or beside the API emulator with
 * startEmulator({ oss: {...} }) and reach it as `emulator.oss`.
 *
 * Another emulator module turns what a node passed to a service into the staged bytes with
 * `resolveOssReference(emulator.oss, 'oss://bucket/key' | presignedUrl)`.
 */
import type { OssEmulator, OssResolution } from './types';

export { startOssEmulator } from './server';
export { DEFAULT_OSS_ACCESS_KEY_ID, DEFAULT_OSS_ACCESS_KEY_SECRET, DEFAULT_OSS_BUCKET, DEFAULT_OSS_REGION, stagingCredentialFields } from './options';
export type { OssAccessKey, OssDigest, OssEmulator, OssEmulatorOptions, OssLogEntry, OssObjectInfo, OssOperation, OssResolution } from './types';

/**
 * The bytes behind an `oss://bucket/key` path (AI Search) or a pre-signed GET URL (PAI, URL-only
 * services), checked as OSS checks a fetch: missing bucket or key, bad or expired signature, wrong STS
 * token all come back as `{ ok: false, status, code }`. Logged in the OSS log with `resolved: true`.
 */
export function resolveOssReference(oss: OssEmulator, reference: string): Promise<OssResolution> {
	return oss.resolve(reference);
}
