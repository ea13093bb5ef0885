import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENT_REQUESTS, REQUEST_LATENCY_ALLOWANCE_S, REQUEST_TIMEOUT_MS } from '../core/constants';
import { optionNumber } from '../core/values';

/** Throughput and safety options of a node run, read once from the first item's options. */
export function readClientOptions(options: IDataObject, defaultQps: number) {
	const workers = optionNumber(options.workersSharingQuota, { label: 'Workers Sharing the Quota', fallback: 1, min: 1, integer: true });
	// In queue mode each worker holds its own budget: each takes its share of the account's quota.
	const qps = optionNumber(options.qps, { label: 'Max Requests per Second', fallback: defaultQps, min: 0.1 }) / workers;
	return {
		qps,
		// Unset, it follows the rate (Little's law): enough requests in flight to keep it with slow answers.
		maxConcurrentRequests: optionNumber(options.maxConcurrentRequests, {
			label: 'Max Concurrent Requests',
			fallback: Math.max(DEFAULT_MAX_CONCURRENT_REQUESTS, Math.ceil(qps * REQUEST_LATENCY_ALLOWANCE_S)),
			min: 1,
			integer: true,
		}),
		retryUnconfirmed: options.retryUnconfirmed === true,
		requestTimeoutMs:
			optionNumber(options.requestTimeoutSeconds, { label: 'Request Timeout (Seconds)', fallback: REQUEST_TIMEOUT_MS / 1000, min: 1 }) * 1000,
	};
}

