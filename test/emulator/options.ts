import type { EmulatorOptions, RequestLogEntry, ServiceType } from './types';

export const DEFAULT_API_KEY = 'test-api-key';

export const DEFAULT_QPS: Record<ServiceType, number> = {
	'image-analyze': 10,
	'image-object-detection': 20,
	'audio-asr': 5,
	'video-segmentation': 5,
	'video-snapshot': 5,
	'video-summarization': 5,
};

export interface ResolvedOptions {
	apiKeys: string[];
	taskLatencyMs: number;
	syncLatencyMs: number;
	qps: Record<ServiceType, number>;
	enforceQps: boolean;
	retryAfter: 'header' | 'none' | 'alternate';
	taskNotExistStatus: number;
	maxBodyBytes: number;
	onRequest?: (entry: RequestLogEntry) => void;
}

export function resolveOptions(o: EmulatorOptions = {}): ResolvedOptions {
	return {
		apiKeys: o.apiKeys ?? [DEFAULT_API_KEY],
		taskLatencyMs: o.taskLatencyMs ?? 300,
		syncLatencyMs: o.syncLatencyMs ?? 20,
		qps: { ...DEFAULT_QPS, ...(o.qps ?? {}) },
		enforceQps: o.enforceQps ?? true,
		retryAfter: o.retryAfter ?? 'header',
		taskNotExistStatus: o.taskNotExistStatus ?? 404,
		maxBodyBytes: o.maxBodyBytes ?? 8 * 1024 * 1024,
		onRequest: o.onRequest,
	};
}
