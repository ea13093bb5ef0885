/**
 * Sizes in messages. Alibaba writes its limits in decimal megabytes ("8 MB"), so messages do too:
 * MB here is 1,000,000 bytes, never 1,048,576.
 */
export const BYTES_PER_MB = 1_000_000;

/** `7340032` -> `7.3 MB`, `8000000` -> `8 MB` (one decimal, none when it is 0). */
export function megabytes(bytes: number): string {
	return `${Number((bytes / BYTES_PER_MB).toFixed(1))} MB`;
}

/** `7340032` -> `7.3 MB (7,340,032 bytes)`: what a message next to a limit prints, so 8.0001 MB never reads as 8 MB. */
export function sizeWithBytes(bytes: number): string {
	return `${megabytes(bytes)} (${bytes.toLocaleString('en-US')} bytes)`;
}
