import type { ServiceType } from '../types';

/** Every AI Search route lives under this prefix: `/v3/openapi/workspaces/{workspace}/<service-type>/{service_id}...`. */
export const AI_SEARCH_PREFIX = '/v3/openapi/workspaces/';

export const SERVICE_IDS: Record<ServiceType, readonly string[]> = {
	'image-analyze': ['ops-image-analyze-vlm-001', 'ops-image-analyze-ocr-001'],
	'image-object-detection': ['ops-object-detect-001', 'ops-object-detect-face-001'],
	'audio-asr': ['ops-audio-asr-001'],
	'video-segmentation': ['ops-video-segment-001'],
	'video-snapshot': ['ops-video-snapshot-001'],
	'video-summarization': ['ops-video-summarize-001'],
	'document-analyze': ['ops-document-analyze-001', 'ops-document-analyze-002'],
};

export function isServiceType(s: string): s is ServiceType {
	return Object.prototype.hasOwnProperty.call(SERVICE_IDS, s);
}

export function isKnownServiceId(service: ServiceType, serviceId: string): boolean {
	return SERVICE_IDS[service].includes(serviceId);
}
