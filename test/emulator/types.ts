/** Public types of the emulator. The lead's tests code against these names. */

export type ServiceType =
	| 'image-analyze'
	| 'image-object-detection'
	| 'audio-asr'
	| 'video-segmentation'
	| 'video-snapshot'
	| 'video-summarization';

export type RequestKind = 'submit' | 'poll' | 'sync' | 'control' | 'unknown';

export interface EmulatorOptions {
	/** Accepted Bearer keys; default ['test-api-key']. */
	apiKeys?: string[];
	/** Create -> terminal state (wall clock); default 300. */
	taskLatencyMs?: number;
	/** Delay of sync routes (/sync and object detection); default 20. */
	syncLatencyMs?: number;
	/** Per-service QPS limits; unspecified services keep their documented defaults. */
	qps?: Partial<Record<ServiceType, number>>;
	/** Default true. */
	enforceQps?: boolean;
	/** 429 carries `Retry-After: 1` / no header / every other 429 has it; default 'header'. */
	retryAfter?: 'header' | 'none' | 'alternate';
	/** HTTP status for BadRequest.TaskNotExist; default 404. */
	taskNotExistStatus?: number;
	/** Default 8 * 1024 * 1024. */
	maxBodyBytes?: number;
	/** Extra (not in the brief): called once per request when its log entry is final (used by cli.ts). */
	onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
	seq: number;
	time: number;
	method: string;
	path: string;
	service?: ServiceType;
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

export type FaultType = 'status' | 'drop' | 'slow' | 'malformed' | 'throttle';

export interface Fault {
	match?: {
		method?: string;
		kind?: 'submit' | 'poll' | 'sync';
		service?: ServiceType;
		/** Substring of the request path (query string included). */
		path?: string;
	};
	type: FaultType;
	/** For 'status'; default 500. */
	status?: number;
	/** For 'slow'. */
	delayMs?: number;
	/** How many matching requests it hits; default 1. A negative number means every matching request until cleared. */
	times?: number;
	/** For 'throttle': header value, null for no header; undefined follows the `retryAfter` option. */
	retryAfter?: string | null;
}

export interface Emulator {
	url: string;
	port: number;
	/** Live array; reset() empties it in place. */
	log: RequestLogEntry[];
	addFault(f: Fault): void;
	clearFaults(): void;
	/** Clears log, faults, tasks and rate-limit windows. */
	reset(): void;
	close(): Promise<void>;
}
