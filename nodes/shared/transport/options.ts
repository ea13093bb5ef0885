import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENT_REQUESTS, REQUEST_TIMEOUT_MS } from '../constants';
import { optionNumber } from '../values';


/** Throughput and safety options of a node run, read once from the first item's options. */
export function readClientOptions(options: IDataObject, defaultQps: number) {
	return {
		qps: optionNumber(options.qps, { label: 'Max Requests per Second', fallback: defaultQps, min: 0.1 }),
		maxConcurrentRequests: optionNumber(options.maxConcurrentRequests, {
			label: 'Max Concurrent Requests',
			fallback: DEFAULT_MAX_CONCURRENT_REQUESTS,
			min: 1,
			integer: true,
		}),
		retryUnconfirmed: options.retryUnconfirmed === true,
		requestTimeoutMs:
			optionNumber(options.requestTimeoutSeconds, { label: 'Request Timeout (Seconds)', fallback: REQUEST_TIMEOUT_MS / 1000, min: 1 }) * 1000,
	};
}

