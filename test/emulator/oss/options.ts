import type { OssAccessKey, OssEmulatorOptions, OssLogEntry } from './types';
import { emulatorNow } from '../timers';

export const DEFAULT_OSS_ACCESS_KEY_ID = 'LTAI-test-oss-key';
export const DEFAULT_OSS_ACCESS_KEY_SECRET = 'test-oss-secret';
export const DEFAULT_OSS_BUCKET = 'test-bucket';

export interface ResolvedOssOptions {
	accessKeys: Record<string, OssAccessKey>;
	buckets: string[];
	maxClockSkewMs: number;
	spillBytes: number;
	now: () => number;
	onRequest?: (entry: OssLogEntry) => void;
}

export function resolveOssOptions(o: OssEmulatorOptions = {}): ResolvedOssOptions {
	return {
		accessKeys: o.accessKeys ?? { [DEFAULT_OSS_ACCESS_KEY_ID]: { secret: DEFAULT_OSS_ACCESS_KEY_SECRET } },
		buckets: o.buckets ?? [DEFAULT_OSS_BUCKET],
		maxClockSkewMs: o.maxClockSkewMs ?? 15 * 60 * 1000,
		spillBytes: o.spillBytes ?? 1024 * 1024,
		now: o.now ?? emulatorNow,
		onRequest: o.onRequest,
	};
}

/** The credential fields that point a node's OSS staging at an emulated OSS endpoint with the default key. */
export function stagingCredentialFields(ossUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		ossStaging: true,
		ossEndpoint: ossUrl,
		ossBucket: DEFAULT_OSS_BUCKET,
		ossKeyPrefix: 'n8n-staging/',
		ossAccessKeyId: DEFAULT_OSS_ACCESS_KEY_ID,
		ossAccessKeySecret: DEFAULT_OSS_ACCESS_KEY_SECRET,
		...overrides,
	};
}
