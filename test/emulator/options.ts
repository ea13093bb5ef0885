import type { ApiServiceType, EmulatorOptions, PaiServiceType, RequestLogEntry, ServiceType } from './types';

export const DEFAULT_API_KEY = 'test-api-key';

export const DEFAULT_QPS: Record<ServiceType, number> = {
	'image-analyze': 10,
	'image-object-detection': 20,
	'audio-asr': 5,
	'video-segmentation': 5,
	'video-snapshot': 5,
	'video-summarization': 5,
	'document-analyze': 1,
};

/** PAI publishes no QPS limits; these are the emulator's assumption (override with `qps`). */
export const DEFAULT_PAI_QPS: Record<PaiServiceType, number> = {
	'pai-image': 10,
	'pai-video': 5,
	'pai-batch': 2,
	'pai-job': 20,
};

export const DEFAULT_PAI_APPS: Record<string, string> = { 'pai-demo-app': 'pai-demo-token' };

export interface ResolvedOptions {
	apiKeys: string[];
	taskLatencyMs: number;
	syncLatencyMs: number;
	qps: Record<ApiServiceType, number>;
	enforceQps: boolean;
	retryAfter: 'header' | 'none' | 'alternate';
	taskNotExistStatus: number;
	maxBodyBytes: number;
	paiApps: Record<string, string>;
	paiJobLatencyMs: number;
	paiPathPrefix: string;
	paiModels: string[];
	onRequest?: (entry: RequestLogEntry) => void;
}

export function resolveOptions(o: EmulatorOptions = {}): ResolvedOptions {
	return {
		apiKeys: o.apiKeys ?? [DEFAULT_API_KEY],
		taskLatencyMs: o.taskLatencyMs ?? 300,
		syncLatencyMs: o.syncLatencyMs ?? 20,
		qps: { ...DEFAULT_QPS, ...DEFAULT_PAI_QPS, ...(o.qps ?? {}) },
		enforceQps: o.enforceQps ?? true,
		retryAfter: o.retryAfter ?? 'header',
		taskNotExistStatus: o.taskNotExistStatus ?? 404,
		maxBodyBytes: o.maxBodyBytes ?? 8_000_000,
		paiApps: o.paiApps ?? DEFAULT_PAI_APPS,
		paiJobLatencyMs: o.paiJobLatencyMs ?? 300,
		paiPathPrefix: (o.paiPathPrefix ?? '').replace(/^\/*/, '/').replace(/\/+$/, ''),
		paiModels: o.paiModels ?? [],
		onRequest: o.onRequest,
	};
}
