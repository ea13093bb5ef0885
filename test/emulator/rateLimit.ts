/**
 * Sliding 1-second window per bucket (service type). Admitted requests are counted; a refused (429)
 * request is not, so a client that backs off for a second gets through again.
 */
import { emulatorNow } from './timers';
export class RateLimiter {
	private windows = new Map<string, number[]>();

	constructor(private readonly windowMs = 1000) {}

	/** true: admitted (and counted); false: over the limit. */
	admit(bucket: string, limit: number, now = emulatorNow()): boolean {
		const stamps = (this.windows.get(bucket) ?? []).filter((t) => now - t < this.windowMs);
		if (stamps.length >= limit) {
			this.windows.set(bucket, stamps);
			return false;
		}
		stamps.push(now);
		this.windows.set(bucket, stamps);
		return true;
	}

	clear(): void {
		this.windows.clear();
	}
}
