/** Bounds of staging files in the user's OSS bucket, each with its reason (limits from the OSS API reference). */

/**
 * Bytes per UploadPart. A staged file costs the node about one part of memory however large it is, and
 * 8 MiB parts still carry an 80 GB file within the part-count limit below.
 */
export const OSS_PART_SIZE_BYTES = 8 * 1024 * 1024;

/** OSS refuses parts below 100 KB, except the last one (EntityTooSmall on CompleteMultipartUpload). */
export const OSS_MIN_PART_SIZE_BYTES = 100 * 1024;

/** OSS limit per part (and per PutObject). */
export const OSS_MAX_PART_SIZE_BYTES = 5 * 1024 * 1024 * 1024;

/** OSS part numbers run from 1 to 10 000. */
export const OSS_MAX_PARTS = 10_000;

/** OSS limit on an object key, in UTF-8 bytes. */
export const OSS_MAX_KEY_BYTES = 1023;

/**
 * Lifetime of a pre-signed GET URL when the caller names none: the service fetches the file when the
 * task starts, which can follow the submission by minutes when its queue is long.
 */
export const OSS_PRESIGN_DEFAULT_EXPIRES_SECONDS = 3600;

/**
 * Longest lifetime we sign: OSS refuses a V4 URL whose x-oss-expires is over 7 days (604 800 s). V1 URLs
 * have no server-side cap, but they are held to the same bound.
 */
export const OSS_PRESIGN_MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

/** Bytes of an OSS answer kept for error parsing: an OSS error document is well under 4 KiB. */
export const OSS_ERROR_BODY_MAX_CHARS = 16 * 1024;
