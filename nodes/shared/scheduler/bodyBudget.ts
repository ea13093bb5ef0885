import { CancelledError, throwIfCancelled, whenAborted } from '../core/time';

/** A request body's place in memory: say its size once it is built, give the place back once the service has answered. */
export interface BodyPlace {
	built(bytes: number): void;
	release(): void;
}

interface Held {
	bytes: number;
}

/**
 * Request bodies in memory at once, bounded by count and by bytes, served in arrival order. Until a body
 * is built it counts as `unbuiltBytes` (the largest request the service takes: building it may read a
 * file of that size, or stage one through OSS in parts of that size); once built, as its own bytes. A
 * place is granted when it keeps both bounds, and always when none is held, so a body larger than the
 * byte bound still goes, alone. A cancelled waiter leaves the queue.
 */
export class BodyBudget {
	private readonly held = new Set<Held>();

	private heldBytes = 0;

	private readonly waiters: Array<(place: BodyPlace) => void> = [];

	constructor(
		private max: number,
		readonly maxBytes: number,
		readonly unbuiltBytes: number,
	) {}

	/** A new count bound; waiters move up at once when it grows. */
	set limit(max: number) {
		this.max = max;
		this.grant();
	}

	get limit(): number {
		return this.max;
	}

	get inUse(): number {
		return this.held.size;
	}

	get waiting(): number {
		return this.waiters.length;
	}

	/** Bytes the held places count for (unbuilt ones as `unbuiltBytes`). */
	get bytesInUse(): number {
		return this.heldBytes;
	}

	async acquire(signal?: AbortSignal): Promise<BodyPlace> {
		throwIfCancelled(signal);
		if (this.waiters.length === 0 && this.fits()) return this.take();
		let grant: (place: BodyPlace) => void = () => {};
		const granted = new Promise<BodyPlace>((resolve) => (grant = resolve));
		this.waiters.push(grant);
		const place = await (signal ? Promise.race([granted, whenAborted(signal).then(() => undefined)]) : granted);
		if (!place) {
			const index = this.waiters.indexOf(grant);
			if (index >= 0) this.waiters.splice(index, 1);
			else void granted.then((late) => late.release()); // granted in the same instant as the abort: hand it on
			throw new CancelledError();
		}
		return place;
	}

	private fits(): boolean {
		if (this.held.size >= this.max) return false;
		return this.held.size === 0 || this.heldBytes + this.unbuiltBytes <= this.maxBytes;
	}

	private take(): BodyPlace {
		const entry: Held = { bytes: this.unbuiltBytes };
		this.held.add(entry);
		this.heldBytes += entry.bytes;
		return {
			built: (bytes) => {
				if (!this.held.has(entry)) return;
				this.heldBytes += bytes - entry.bytes;
				entry.bytes = bytes;
				this.grant();
			},
			release: () => {
				if (!this.held.delete(entry)) return;
				this.heldBytes -= entry.bytes;
				this.grant();
			},
		};
	}

	private grant(): void {
		while (this.waiters.length > 0 && this.fits()) this.waiters.shift()!(this.take());
	}
}
