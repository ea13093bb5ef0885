import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENT_REQUESTS, REQUEST_TIMEOUT_MS } from '../constants';

function positive(value: unknown, fallback: number): number {
	const number = typeof value === 'string' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : fallback;
}

/** Throughput and safety options of a node run, read once from the first item's options. */
export function readClientOptions(options: IDataObject, defaultQps: number) {
	return {
		qps: positive(options.qps, defaultQps),
		maxConcurrentRequests: Math.floor(positive(options.maxConcurrentRequests, DEFAULT_MAX_CONCURRENT_REQUESTS)),
		retryUnconfirmed: options.retryUnconfirmed === true,
		requestTimeoutMs: positive(options.requestTimeoutSeconds, REQUEST_TIMEOUT_MS / 1000) * 1000,
	};
}

export { positive };
