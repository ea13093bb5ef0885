import { CancelledError, pause, throwIfCancelled } from './wait';

/**
 * The request budget of one service: at most `qps` requests start per second and at most
 * `maxConcurrent` are in flight. Submits and polls draw from the same budget, so polling many tasks
 * never starves or overruns new submissions. A 429 pushes the next slot back for everyone.
 */
export class RequestBudget {
	private nextSlotAt = 0;

	private inFlight = 0;

	private readonly waiters: Array<() => void> = [];

	private readonly spacingMs: number;

	constructor(
		readonly qps: number,
		readonly maxConcurrent: number,
		private readonly now: () => number = Date.now,
	) {
		if (!(qps > 0)) throw new RangeError('qps must be greater than 0');
		if (!(maxConcurrent >= 1)) throw new RangeError('maxConcurrent must be at least 1');
		this.spacingMs = 1000 / qps;
	}

	/** Waits for a concurrency permit and a rate slot; returns the release function. */
	async acquire(signal?: AbortSignal): Promise<() => void> {
		await this.takePermit(signal);
		let slotTaken = false;
		try {
			const start = Math.max(this.now(), this.nextSlotAt);
			this.nextSlotAt = start + this.spacingMs;
			await pause(start - this.now(), signal);
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

	/** Called on a 429: no request of this service starts before `delayMs` from now. */
	holdOff(delayMs: number): void {
		this.nextSlotAt = Math.max(this.nextSlotAt, this.now() + delayMs);
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
		const granted = await new Promise<boolean>((resolve) => {
			const grant = () => {
				signal?.removeEventListener('abort', onAbort);
				resolve(true);
			};
			const onAbort = () => {
				const index = this.waiters.indexOf(grant);
				if (index >= 0) this.waiters.splice(index, 1);
				resolve(false);
			};
			this.waiters.push(grant);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
		if (!granted) throw new CancelledError();
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
