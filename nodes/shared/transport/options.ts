import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENT_REQUESTS, REQUEST_TIMEOUT_MS } from '../constants';
import { optionNumber } from '../values';

/** Throughput and safety options of a node run, read once from the first item's options. */
export function readClientOptions(options: IDataObject, defaultQps: number) {
	const workers = optionNumber(options.workersSharingQuota, { label: 'Workers Sharing the Quota', fallback: 1, min: 1, integer: true });
	return {
		// In queue mode each worker holds its own budget: each takes its share of the account's quota.
		qps: optionNumber(options.qps, { label: 'Max Requests per Second', fallback: defaultQps, min: 0.1 }) / workers,
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

