import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENT_REQUESTS, REQUEST_TIMEOUT_MS } from '../constants';
import { positive } from '../values';


/** Throughput and safety options of a node run, read once from the first item's options. */
export function readClientOptions(options: IDataObject, defaultQps: number) {
	return {
		qps: positive(options.qps, defaultQps),
		maxConcurrentRequests: Math.floor(positive(options.maxConcurrentRequests, DEFAULT_MAX_CONCURRENT_REQUESTS)),
		retryUnconfirmed: options.retryUnconfirmed === true,
		requestTimeoutMs: positive(options.requestTimeoutSeconds, REQUEST_TIMEOUT_MS / 1000) * 1000,
	};
}

