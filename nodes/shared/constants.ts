/** Every limit and default the engine uses, in one place. */

export const CREDENTIAL_TYPE = 'alibabaMultimodalApi';

export const PACKAGE_USER_AGENT = 'n8n-nodes-alibaba-multimodal';

/** Documented request body limit of the AI Search services (image extraction, detection, video). */
export const REQUEST_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export const RETRY_POLICY = {
	/** First backoff step when a 429 has no Retry-After; doubles per attempt. */
	initialBackoffMs: 1000,
	maxBackoffMs: 30_000,
	/** A 429 only says "not now": keep trying until the deadline, but not forever. */
	maxThrottleRetries: 12,
	/** 5xx answers and network failures on requests that are safe to repeat. */
	maxTransientRetries: 3,
} as const;

/** The first status check comes sooner than the poll interval: short tasks finish quickly. */
export const FIRST_CHECK_MAX_MS = 1000;

export const REQUEST_TIMEOUT_MS = 120_000;

/** Longest single sleep: keeps cancellation prompt on n8n versions whose sleep ignores the signal. */
export const MAX_SLEEP_SLICE_MS = 500;

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 10;

/** Items whose tasks are in flight at once; bounds memory for base64 payloads. */
export const DEFAULT_MAX_ITEMS_IN_FLIGHT = 25;

/** A long run writes its progress to n8n's log at most this often. */
export const PROGRESS_LOG_INTERVAL_MS = 30_000;

/** Called by an AI agent, an unset wait returns the pending work after a minute: an agent's turn stays short. */
export const TOOL_WAIT_SECONDS = 60;

/** ...and checks every 5 s at most (PAI's 30 s default would use half the minute on one sleep). */
export const TOOL_POLL_SECONDS = 5;
