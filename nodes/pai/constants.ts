/** PAI multimedia-analysis limits and defaults, in one place. */

/** The SDK samples poll every 30 s; jobs take seconds to minutes. */
export const PAI_POLL_DEFAULTS = {
	intervalSeconds: 30,
	timeoutSeconds: 1800,
} as const;

/**
 * PAI publishes no QPS limits for the multimedia-analysis apps; these are conservative starting points
 * (the node's Max Requests per Second option overrides them, and 429s slow the budget down).
 */
export const PAI_QPS = {
	image: 10,
	video: 5,
} as const;

/**
 * Batch submissions per second (across the n8n process, per account): each one creates up to a whole
 * batch of jobs, so they go out slower than single jobs; as conservative a guess as PAI_QPS.
 */
export const PAI_BATCH_SUBMITS_PER_SECOND = 2;

/** Videos per batch job. The service's own limit is not documented; 20 keeps one batch modest. */
export const PAI_DEFAULT_BATCH_SIZE = 20;

export const PAI_MAX_BATCH_SIZE = 100;
