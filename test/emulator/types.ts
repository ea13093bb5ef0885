/** Public types of the emulator. The lead's tests code against these names. */

import type { OssEmulator, OssEmulatorOptions } from './oss/types';

export type ServiceType =
	| 'image-analyze'
	| 'image-object-detection'
	| 'audio-asr'
	| 'video-segmentation'
	| 'video-snapshot'
	| 'video-summarization'
	| 'document-analyze';

/** QPS buckets of the PAI multimedia-analysis family (`/api/v1/...`). */
export type PaiServiceType = 'pai-image' | 'pai-video' | 'pai-batch' | 'pai-job';

/** Any QPS bucket / log service of any family. */
export type ApiServiceType = ServiceType | PaiServiceType;

export type RequestKind = 'submit' | 'poll' | 'sync' | 'control' | 'unknown';

export interface EmulatorOptions {
	/** Accepted Bearer keys; default ['test-api-key']. */
	apiKeys?: string[];
	/** Create -> terminal state (wall clock); default 300. */
	taskLatencyMs?: number;
	/** Delay of sync routes (/sync and object detection); default 20. */
	syncLatencyMs?: number;
	/** Per-service QPS limits; unspecified services keep their documented defaults (PAI buckets included). */
	qps?: Partial<Record<ApiServiceType, number>>;
	/** Default true. */
	enforceQps?: boolean;
	/** 429 carries `Retry-After: 1` / no header / every other 429 has it; default 'header'. */
	retryAfter?: 'header' | 'none' | 'alternate';
	/** HTTP status for BadRequest.TaskNotExist; default 404. */
	taskNotExistStatus?: number;
	/** Default 8,000,000: the documented "8 MB" request limit, in decimal megabytes. */
	maxBodyBytes?: number;
	/** PAI: AppID -> token accepted by the signature check; default { 'pai-demo-app': 'pai-demo-token' }. */
	paiApps?: Record<string, string>;
	/** PAI: async/batch job submit -> terminal state (wall clock); default 300. */
	paiJobLatencyMs?: number;
	/** PAI: path prefix in front of /api/v1 (a gateway path); it is not part of the signed path. Default ''. */
	paiPathPrefix?: string;
	/** PAI: custom model names deployed besides the built-in ones (see test/emulator/pai/models.ts). */
	paiModels?: string[];
	/** Extra (not in the brief): called once per request when its log entry is final (used by cli.ts). */
	onRequest?: (entry: RequestLogEntry) => void;
	/** Also start the OSS endpoint of the user's bucket on a second port (`emulator.oss`); `true` for its defaults. */
	oss?: OssEmulatorOptions | true;
}

export interface RequestLogEntry {
	seq: number;
	time: number;
	method: string;
	path: string;
	service?: ApiServiceType;
	serviceId?: string;
	kind: RequestKind;
	/** HTTP status answered; 0 when the connection was dropped without an answer. */
	status: number;
	taskId?: string;
	taskStatus?: string;
	bodyBytes: number;
	bodyMd5: string;
	/** The request carried one of the accepted Bearer keys. */
	authorized: boolean;
	/** Type of the injected fault that hit this request. */
	fault?: string;
}

/**
 * status: an error answer (the family's envelope); html: an error page from a gateway; throttle: 429;
 * reset: the connection closes before the service acts; drop: it closes after the service acted (a
 * submit did create its task); slow: the real answer, late; malformed: a 200 that is not JSON; empty: a
 * 200 JSON body without status, task or code.
 */
export type FaultType = 'status' | 'html' | 'drop' | 'reset' | 'slow' | 'malformed' | 'empty' | 'throttle';

export interface Fault {
	match?: {
		method?: string;
		kind?: 'submit' | 'poll' | 'sync';
		service?: ApiServiceType;
		/** Substring of the request path (query string included). */
		path?: string;
	};
	type: FaultType;
	/** For 'status' and 'html'; default 500 (html: 502). */
	status?: number;
	/** For 'slow'. */
	delayMs?: number;
	/** How many matching requests it hits; default 1. A negative number means every matching request until cleared. */
	times?: number;
	/** For 'throttle': header value, null for no header; undefined follows the `retryAfter` option. */
	retryAfter?: string | null;
}

/** How long submitted work takes: AI Search tasks and PAI jobs. */
export interface TaskLatency {
	taskLatencyMs?: number;
	paiJobLatencyMs?: number;
}

export interface Emulator {
	url: string;
	port: number;
	/** Live array; reset() empties it in place. */
	log: RequestLogEntry[];
	addFault(f: Fault): void;
	clearFaults(): void;
	/** Clears log, faults, tasks and rate-limit windows (and the OSS endpoint's log, objects and uploads). */
	reset(): void;
	close(): Promise<void>;
	/** Changes how long tasks and jobs submitted from now on take (the start options' latencies). */
	setLatency(latency: TaskLatency): void;
	/** Drives the emulator's task clock forward: every task and job created so far is `ms` older. */
	advance(ms: number): void;
	/** The OSS endpoint, when started with the `oss` option. */
	oss?: OssEmulator;
}
