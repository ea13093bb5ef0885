/** Every limit and default the engine uses, in one place. */

export const CREDENTIAL_TYPE = 'alibabaMultimodalApi';

export const PACKAGE_USER_AGENT = 'n8n-nodes-alibaba-multimodal';

/**
 * Request body limit of the AI Search services (image extraction, object detection, video segmentation
 * and summarization). Their documentation says "8 MB" and no source shows MiB, so it is decimal:
 * 8,000,000 bytes of request. With base64's 4/3 that leaves about 6,000,000 bytes of file.
 */
export const REQUEST_BODY_LIMIT_BYTES = 8_000_000;

export const RETRY_POLICY = {
	/** First backoff step when a 429 has no Retry-After; doubles per attempt. */
	initialBackoffMs: 1000,
	maxBackoffMs: 30_000,
	/** A 429 only says "not now": keep trying until the deadline, but not forever. */
	maxThrottleRetries: 12,
	/** 5xx answers and network failures on requests that are safe to repeat. */
	maxTransientRetries: 3,
} as const;

/** Before a service's task time is known, the first status check comes after this long (or the poll interval, if shorter). */
export const FIRST_CHECK_MAX_MS = 1000;

/** Two checks of one task are at least this far apart, however short its tasks are. */
export const MIN_CHECK_GAP_MS = 100;

/** Service routes whose task times the process remembers (the least recently used is forgotten). */
export const TASK_TIME_KEYS_KEPT = 200;

export const REQUEST_TIMEOUT_MS = 120_000;

/** Longest single sleep: keeps cancellation prompt on n8n versions whose sleep ignores the signal. */
export const MAX_SLEEP_SLICE_MS = 500;

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 10;

/** Unless set, Max Concurrent Requests is at least the rate times this answer time (10 per 100 requests/s). */
export const REQUEST_LATENCY_ALLOWANCE_S = 0.1;

/**
 * Bytes of request bodies in memory at once per account and service (besides Max Concurrent Requests):
 * five uploads of the largest size. A body lives from when it is built until the service has answered,
 * a fraction of a second, so five keep uploads at the request rate; more would only wait in memory.
 */
export const BODY_BYTES_IN_MEMORY = 5 * REQUEST_BODY_LIMIT_BYTES;

/**
 * Items in flight follow the quota (Little's law: task rate x task time) but never exceed this bound:
 * an item in flight holds its prepared request and output, not its file bytes (those live only while
 * its submission holds a request slot, so bytes in memory follow Max Concurrent Requests).
 */
export const MAX_ITEMS_IN_FLIGHT = 1000;

/** ... and never go below this many, so a run starts at full speed before any task time is known. */
export const MIN_ITEMS_IN_FLIGHT = 20;

/** A shared budget follows the limits of every run that asked for a slot within this time. */
export const BUDGET_USER_ACTIVE_MS = 60_000;

/** A shared budget with nothing running that nobody used for this long is dropped. */
export const BUDGET_IDLE_DROP_MS = 10 * 60_000;

/** Most budgets (accounts x services) the process keeps. */
export const BUDGETS_KEPT = 100;

/** A long run writes its progress to n8n's log at most this often. */
export const PROGRESS_LOG_INTERVAL_MS = 30_000;

/** Called by an AI agent, an unset wait returns the pending work after a minute: an agent's turn stays short. */
export const TOOL_WAIT_SECONDS = 60;

/** ...and checks every 5 s at most (PAI's 30 s default would use half the minute on one sleep). */
export const TOOL_POLL_SECONDS = 5;
