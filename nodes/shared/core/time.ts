import { sleep } from 'n8n-workflow';

import { MAX_SLEEP_SLICE_MS } from './constants';

/** Thrown when the execution is cancelled while we wait; callers stop without retrying. */
export class CancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'CancelledError';
	}
}

/** n8n-workflow >= 2.35 takes the signal as a second argument; older versions ignore it. */
const sleepWithSignal = sleep as (ms: number, signal?: AbortSignal) => Promise<void>;

const abortPromises = new WeakMap<AbortSignal, Promise<void>>();

/**
 * Resolves when the signal aborts. One listener per signal however many waits race against it, so
 * hundreds of concurrent items do not pile listeners onto the execution's signal.
 */
export function whenAborted(signal: AbortSignal): Promise<void> {
	let promise = abortPromises.get(signal);
	if (!promise) {
		promise = signal.aborted
			? Promise.resolve()
			: new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
		abortPromises.set(signal, promise);
	}
	return promise;
}

export function throwIfCancelled(signal?: AbortSignal): void {
	if (signal?.aborted) throw new CancelledError();
}

/** Time as the engine reads it: every wait, deadline, timestamp and elapsed time goes through one. */
export interface Clock {
	now(): number;
	pause(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The wall clock: Date.now, and n8n's sleep (the only timer community nodes may use) in short slices
 * raced against the cancel signal, so a cancelled execution stops within moments on every n8n version.
 * The only place the package reads real time.
 */
export const realClock: Clock = {
	now: () => Date.now(),
	async pause(ms: number, signal?: AbortSignal): Promise<void> {
		throwIfCancelled(signal);
		const end = Date.now() + Math.max(0, ms);
		for (let left = end - Date.now(); left > 0; left = end - Date.now()) {
			const slice = sleepWithSignal(Math.min(left, MAX_SLEEP_SLICE_MS), signal).catch(() => undefined);
			await (signal ? Promise.race([slice, whenAborted(signal)]) : slice);
			throwIfCancelled(signal);
		}
	},
};

let installed: Clock = realClock;

/**
 * The package's one clock, read by every layer. It is one per process, not one per run, because what it
 * times is too: the request budgets and learned task times are shared by every execution in the process.
 * It forwards to the installed clock (the wall clock unless a test installs a virtual one).
 */
export const packageClock: Clock = {
	now: () => installed.now(),
	pause: (ms, signal) => installed.pause(ms, signal),
};

/** Installs the clock every wait reads from now on (tests install a virtual one); returns the one it replaced. */
export function installClock(next: Clock): Clock {
	const previous = installed;
	installed = next;
	return previous;
}

/** Waits `ms` on the package's clock; a cancelled signal ends the wait at once with CancelledError. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
	return packageClock.pause(ms, signal);
}

