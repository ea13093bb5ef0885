/** Bounds of staging binaries through the user's OSS bucket, each with its reason. */

/** One OSS request carries at most one 8 MiB part: two minutes is slow-link room, not a wait for a service. */
export const OSS_REQUEST_TIMEOUT_MS = 120_000;

/**
 * A pre-signed URL must outlive the item's wait: the service may fetch the file at any time until its task
 * ends. The node's timeout plus this margin (the service's queue before the task starts), at least an hour.
 */
export const PRESIGN_MARGIN_SECONDS = 15 * 60;
export const PRESIGN_MIN_SECONDS = 3600;

/**
 * A result shared with an AI agent (an edited image, keyframes) is a link the model may hand to the user,
 * who opens it later: a day. The object itself is left to the bucket's lifecycle rule on the key prefix.
 */
export const RESULT_LINK_SECONDS = 24 * 3600;

/** Chunk size asked of n8n's binary stream: a few reads per 8 MiB part. */
export const BINARY_STREAM_CHUNK_BYTES = 1024 * 1024;
