import { CancelledError, throwIfCancelled, whenAborted } from './wait';

/** At most `limit` holders at once, served in arrival order; a cancelled waiter leaves the queue. */
export class Semaphore {
	private held = 0;

	private readonly waiters: Array<() => void> = [];

	constructor(private max: number) {}

	/** A new limit; waiters move up at once when it grows. */
	set limit(max: number) {
		this.max = max;
		while (this.held < this.max && this.waiters.length > 0) {
			this.held++;
			this.waiters.shift()!();
		}
	}

	get limit(): number {
		return this.max;
	}

	async acquire(signal?: AbortSignal): Promise<() => void> {
		throwIfCancelled(signal);
		if (this.held < this.max) {
			this.held++;
			return this.releaser();
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
			else this.release(); // granted in the same instant as the abort: hand it on
			throw new CancelledError();
		}
		return this.releaser();
	}

	get waiting(): number {
		return this.waiters.length;
	}

	get inUse(): number {
		return this.held;
	}

	private releaser(): () => void {
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.release();
		};
	}

	private release(): void {
		const next = this.held <= this.max ? this.waiters.shift() : undefined;
		if (next) {
			next(); // the place passes straight to the next waiter
		} else {
			this.held--;
		}
	}
}
