import type { OssAccessKey, OssEmulatorOptions, OssLogEntry } from './types';
import { emulatorNow } from '../timers';

export const DEFAULT_OSS_ACCESS_KEY_ID = 'LTAI-test-oss-key';
export const DEFAULT_OSS_ACCESS_KEY_SECRET = 'test-oss-secret';
export const DEFAULT_OSS_BUCKET = 'test-bucket';
/** The region the emulated bucket is in: what V4 signatures must name. */
export const DEFAULT_OSS_REGION = 'cn-hangzhou';

export interface ResolvedOssOptions {
	accessKeys: Record<string, OssAccessKey>;
	buckets: string[];
	maxClockSkewMs: number;
	region: string;
	allowV1: boolean;
	spillBytes: number;
	now: () => number;
	onRequest?: (entry: OssLogEntry) => void;
}

export function resolveOssOptions(o: OssEmulatorOptions = {}): ResolvedOssOptions {
	return {
		accessKeys: o.accessKeys ?? { [DEFAULT_OSS_ACCESS_KEY_ID]: { secret: DEFAULT_OSS_ACCESS_KEY_SECRET } },
		buckets: o.buckets ?? [DEFAULT_OSS_BUCKET],
		maxClockSkewMs: o.maxClockSkewMs ?? 15 * 60 * 1000,
		region: o.region ?? DEFAULT_OSS_REGION,
		allowV1: o.allowV1 ?? false,
		spillBytes: o.spillBytes ?? 1024 * 1024,
		now: o.now ?? emulatorNow,
		onRequest: o.onRequest,
	};
}

/**
 * The credential fields that point a node's OSS staging at an emulated OSS endpoint with the default
 * key. The endpoint is an IP address, which names no region, so OSS Region is filled as a user with a
 * gateway or custom domain fills it.
 */
export function stagingCredentialFields(ossUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		ossStaging: true,
		ossEndpoint: ossUrl,
		ossRegion: DEFAULT_OSS_REGION,
		ossBucket: DEFAULT_OSS_BUCKET,
		ossKeyPrefix: 'n8n-staging/',
		ossAccessKeyId: DEFAULT_OSS_ACCESS_KEY_ID,
		ossAccessKeySecret: DEFAULT_OSS_ACCESS_KEY_SECRET,
		...overrides,
	};
}
