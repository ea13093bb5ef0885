import { BodyBudget } from './bodyBudget';
import { BODY_BYTES_IN_MEMORY, REQUEST_BODY_LIMIT_BYTES } from '../core/constants';
import type { Clock } from '../core/time';
import { CancelledError, packageClock, throwIfCancelled, whenAborted } from '../core/time';

const MIN_QPS = 0.2;

/** Slots are spaced 5% under the limit: the service counts in its own one-second windows, and timers jitter. */
const SLOT_MARGIN = 1.05;

/** After a 429 the rate settles this far under what the service accepted, and probes upward this slowly (per answer)... */
const SETTLE_FACTOR = 0.95;
const PROBE_STEP = 0.0005;
/** ...half as fast after each 429 at about the same rate: the quota is where it was, so probe it less often. */
const PROBE_STEP_MIN = PROBE_STEP / 8;

/** A slot this close is granted at once: a timer cannot wait less, and the schedule keeps the rate. */
const SLOT_TOLERANCE_MS = 2;

/**
 * At rates whose slots are closer than this, slots a busy event loop made late are caught up, as far as
 * this many ms back: one timer turn grants several requests instead of one. Any run of requests still
 * spans its slots less this, well inside the 5 % slot margin (at 100/s, a hundred slots span 1 050 ms).
 * Slower rates keep every slot's full spacing.
 */
const CATCH_UP_MS = 20;

/**
 * A 429 while the service accepted at least this share of what the budget's rate sends is read as
 * arrival jitter in the service's window, not a lower quota: the rate stays (the service's Retry-After
 * is still honoured)...
 */
const JITTER_SHARE = 0.9;
/** ...unless another 429 came within this time: then the quota is where the rate is, and it settles. */
const JITTER_MEMORY_MS = 30_000;

/**
 * What a request is for. Submissions start new work and go first; status checks only ask for work
 * that is already running (a check is queued only once it is due), so they take the slots
 * submissions leave free.
 */
export type RequestPriority = 'submit' | 'check';

interface Waiter {
	priority: RequestPriority;
	grant: () => void;
}

/**
 * The request budget of one service: at most `qps` requests start per second and at most
 * `maxConcurrent` are in flight. Submits and polls draw from the same budget, submissions first. A
 * 429 pushes the next slot back for everyone and sets the rate just under what the service accepted
 * in the last second (the account's real quota may be lower, or shared with other workflows); from
 * there the rate probes upward slowly, so it settles instead of swinging. A lone 429 while the service
 * took about all the rate sends is arrival jitter, and leaves the rate as it is.
 */
export class RequestBudget {
	private nextSlotAt = 0;

	private inFlight = 0;

	private readonly queues: Record<RequestPriority, Waiter[]> = { submit: [], check: [] };

	private pumping = false;

	private freed: (() => void) | undefined;

	private currentQps: number;

	private lastSlowdownAt = -Infinity;

	/** The rate at which the service last said 429: climb back to just under it quickly, then probe slowly. */
	private throttledAt = Infinity;

	private probeStep = PROBE_STEP;

	/** When recent non-throttled answers arrived: what the service accepts, measured. */
	private readonly answeredAt: number[] = [];

	private readonly createdAt: number;

	/**
	 * Request bodies that exist at once (built, waiting for a slot or in flight), at most Max Concurrent
	 * Requests of them and BODY_BYTES_IN_MEMORY of bytes: a body, and the file bytes in it, is built only
	 * when a place is free and released once the service has answered. Separate from the request
	 * permits, so building a body (reading or staging a file) never holds up the status checks.
	 */
	readonly bodies: BodyBudget;

	constructor(
		private limitQps: number,
		private limitConcurrent: number,
		private readonly clock: Clock = packageClock,
	) {
		if (!(limitQps > 0)) throw new RangeError('qps must be greater than 0');
		if (!(limitConcurrent >= 1)) throw new RangeError('maxConcurrent must be at least 1');
		this.currentQps = limitQps;
		this.createdAt = clock.now();
		this.bodies = new BodyBudget(limitConcurrent, BODY_BYTES_IN_MEMORY, REQUEST_BODY_LIMIT_BYTES);
	}

	get qps(): number {
		return this.limitQps;
	}

	get maxConcurrent(): number {
		return this.limitConcurrent;
	}

	/** New limits (a shared budget follows the lowest its users ask for). */
	setLimits(qps: number, maxConcurrent: number): void {
		if (!(qps > 0) || !(maxConcurrent >= 1)) return;
		this.limitQps = qps;
		this.limitConcurrent = maxConcurrent;
		// Never refused: the rate is the limit. Refused before: it stays where the service let it settle.
		this.currentQps = this.throttledAt === Infinity ? qps : Math.min(this.currentQps, qps);
		this.bodies.limit = maxConcurrent;
		this.freed?.();
	}

	/** Waits for a concurrency permit and a rate slot; returns the release function. */
	async acquire(signal?: AbortSignal, priority: RequestPriority = 'submit'): Promise<() => void> {
		throwIfCancelled(signal);
		let grant = () => {};
		const granted = new Promise<boolean>((resolve) => (grant = () => resolve(true)));
		const waiter: Waiter = { priority, grant };
		this.queues[priority].push(waiter);
		void this.pump();
		const outcome = await (signal ? Promise.race([granted, whenAborted(signal).then(() => false)]) : granted);
		if (!outcome) {
			const queue = this.queues[priority];
			const index = queue.indexOf(waiter);
			if (index >= 0) queue.splice(index, 1);
			else this.release(); // granted in the same instant as the abort: give the permit back
			throw new CancelledError();
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.release();
		};
	}

	/** Called on a 429: no request of this service starts before `delayMs` from now, and the rate settles. */
	holdOff(delayMs: number): void {
		const now = this.clock.now();
		this.nextSlotAt = Math.max(this.nextSlotAt, now + delayMs);
		// Requests already in flight answer 429 together: count them as one signal per second.
		if (now - this.lastSlowdownAt < 1000) return;
		const previousSlowdownAt = this.lastSlowdownAt;
		this.lastSlowdownAt = now;
		const accepted = this.acceptedRate(now);
		const sent = this.currentQps / SLOT_MARGIN;
		if (accepted !== undefined && accepted >= JITTER_SHARE * sent && now - previousSlowdownAt > JITTER_MEMORY_MS) return;
		if (accepted === undefined || accepted < 1) {
			// Nothing measured yet: halve, and climb back quickly to just under the rate that was refused.
			this.throttledAt = this.currentQps;
			this.currentQps = Math.max(MIN_QPS, this.currentQps / 2);
			return;
		}
		// The rate whose slot spacing sends exactly what the service accepted in the last second.
		const fitting = Math.min(accepted * SLOT_MARGIN, this.currentQps);
		const sameQuota = Math.abs(fitting - this.throttledAt) <= 0.1 * this.throttledAt;
		this.probeStep = sameQuota ? Math.max(PROBE_STEP_MIN, this.probeStep / 2) : PROBE_STEP;
		this.throttledAt = fitting;
		this.currentQps = Math.max(MIN_QPS, this.throttledAt * SETTLE_FACTOR);
	}

	/** Called on every answered request that was not throttled. */
	recordSuccess(): void {
		const now = this.clock.now();
		this.answeredAt.push(now);
		while (this.answeredAt.length > 0 && now - this.answeredAt[0] > 1000) this.answeredAt.shift();
		const step = this.currentQps < 0.9 * this.throttledAt ? this.limitQps / 50 : this.currentQps * this.probeStep;
		this.currentQps = Math.min(this.limitQps, this.currentQps + Math.max(step, MIN_QPS / 1000));
	}

	/** Requests per second the budget currently allows. */
	get rate(): number {
		return this.currentQps;
	}

	/** Requests waiting for a slot. */
	get pending(): number {
		return this.queues.submit.length + this.queues.check.length;
	}

	/** Whether nothing is running or waiting: a shared budget may then be dropped. */
	get idle(): boolean {
		return this.inFlight === 0 && this.pending === 0 && this.bodies.inUse === 0 && this.bodies.waiting === 0;
	}

	/** Answers per second over the last second; undefined while the budget is younger than that. */
	private acceptedRate(now: number): number | undefined {
		if (now - this.createdAt < 1000) return undefined;
		return this.answeredAt.filter((at) => now - at <= 1000).length;
	}

	/** Hands out slots one at a time, in priority order, while anyone waits. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.pending > 0) {
				if (this.inFlight >= this.limitConcurrent) {
					await new Promise<void>((resolve) => (this.freed = resolve));
					this.freed = undefined;
					continue;
				}
				const wait = this.nextSlotAt - this.clock.now();
				if (wait > SLOT_TOLERANCE_MS) {
					await this.clock.pause(wait);
					continue; // a 429 meanwhile may have pushed the slot back
				}
				const waiter = this.queues.submit.shift() ?? this.queues.check.shift();
				if (!waiter) break;
				this.inFlight++;
				const spacing = (1000 * SLOT_MARGIN) / this.currentQps;
				this.nextSlotAt = Math.max(this.clock.now() - (spacing < CATCH_UP_MS ? CATCH_UP_MS : 0), this.nextSlotAt) + spacing;
				waiter.grant();
			}
		} finally {
			this.pumping = false;
		}
	}

	private release(): void {
		this.inFlight--;
		this.freed?.();
	}
}
