import type { Clock } from './wait';
import { CancelledError, realClock, throwIfCancelled, whenAborted } from './wait';

const MIN_QPS = 0.2;

/**
 * The request budget of one service: at most `qps` requests start per second and at most
 * `maxConcurrent` are in flight. Submits and polls draw from the same budget, so polling many tasks
 * never starves or overruns new submissions. A 429 pushes the next slot back for everyone and halves
 * the rate (the account's real quota may be lower, or shared with other workflows); successes raise
 * it again step by step up to `qps`.
 */
export class RequestBudget {
	private nextSlotAt = 0;

	private inFlight = 0;

	private readonly waiters: Array<() => void> = [];

	private currentQps: number;

	private lastSlowdownAt = -Infinity;

	/** The rate at which the service last said 429: climb back to just under it quickly, then probe slowly. */
	private throttledAt = Infinity;

	constructor(
		readonly qps: number,
		readonly maxConcurrent: number,
		private readonly clock: Clock = realClock,
	) {
		if (!(qps > 0)) throw new RangeError('qps must be greater than 0');
		if (!(maxConcurrent >= 1)) throw new RangeError('maxConcurrent must be at least 1');
		this.currentQps = qps;
	}

	/** Waits for a concurrency permit and a rate slot; returns the release function. */
	async acquire(signal?: AbortSignal): Promise<() => void> {
		await this.takePermit(signal);
		let slotTaken = false;
		try {
			const start = Math.max(this.clock.now(), this.nextSlotAt);
			// 5% under the limit: the service counts in its own one-second windows, and timers jitter.
			this.nextSlotAt = start + 1050 / this.currentQps;
			await this.clock.pause(start - this.clock.now(), signal);
			slotTaken = true;
		} finally {
			if (!slotTaken) this.release(); // cancelled while waiting for the slot
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.release();
		};
	}

	/** Called on a 429: no request of this service starts before `delayMs` from now, and the rate drops. */
	holdOff(delayMs: number): void {
		const now = this.clock.now();
		this.nextSlotAt = Math.max(this.nextSlotAt, now + delayMs);
		// Requests already in flight answer 429 together: count them as one signal per second.
		if (now - this.lastSlowdownAt >= 1000) {
			this.lastSlowdownAt = now;
			this.throttledAt = this.currentQps;
			this.currentQps = Math.max(MIN_QPS, this.currentQps / 2);
		}
	}

	/** Called on every answered request that was not throttled. */
	recordSuccess(): void {
		const step = this.currentQps < 0.9 * this.throttledAt ? this.qps / 50 : this.qps / 500;
		this.currentQps = Math.min(this.qps, this.currentQps + Math.max(step, MIN_QPS / 100));
	}

	/** Requests per second the budget currently allows. */
	get rate(): number {
		return this.currentQps;
	}

	get pending(): number {
		return this.waiters.length;
	}

	private async takePermit(signal?: AbortSignal): Promise<void> {
		throwIfCancelled(signal);
		if (this.inFlight < this.maxConcurrent) {
			this.inFlight++;
			return;
		}
		let grant = () => {};
		const granted = new Promise<boolean>((resolve) => {
			grant = () => resolve(true);
			this.waiters.push(grant);
		});
		const outcome = await (signal ? Promise.race([granted, whenAborted(signal).then(() => false)]) : granted);
		if (!outcome) {
			const index = this.waiters.indexOf(grant);
			if (index >= 0) this.waiters.splice(index, 1);
			else this.release(); // granted in the same instant as the abort: hand the permit on
			throw new CancelledError();
		}
	}

	private release(): void {
		const next = this.waiters.shift();
		if (next) {
			next(); // the permit passes straight to the next waiter
		} else {
			this.inFlight--;
		}
	}
}
