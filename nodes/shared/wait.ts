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

function untilAborted(signal: AbortSignal): { promise: Promise<void>; dispose: () => void } {
	let onAbort = () => {};
	const promise = new Promise<void>((resolve) => {
		onAbort = () => resolve();
		signal.addEventListener('abort', onAbort, { once: true });
	});
	return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

export function throwIfCancelled(signal?: AbortSignal): void {
	if (signal?.aborted) throw new CancelledError();
}

/**
 * Waits `ms` using n8n's sleep (the only timer community nodes may use), in short slices raced against
 * the cancel signal so a cancelled execution stops within moments on every n8n version.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	throwIfCancelled(signal);
	const end = Date.now() + Math.max(0, ms);
	for (let left = end - Date.now(); left > 0; left = end - Date.now()) {
		const slice = sleepWithSignal(Math.min(left, MAX_SLEEP_SLICE_MS), signal).catch(() => undefined);
		if (signal) {
			const aborted = untilAborted(signal);
			await Promise.race([slice, aborted.promise]);
			aborted.dispose();
		} else {
			await slice;
		}
		throwIfCancelled(signal);
	}
}

/** One signal that fires when any of the given signals fires. */
export function anySignal(signals: Array<AbortSignal | undefined>): AbortSignal {
	const controller = new AbortController();
	for (const signal of signals) {
		if (!signal) continue;
		if (signal.aborted) {
			controller.abort();
			break;
		}
		signal.addEventListener('abort', () => controller.abort(), { once: true });
	}
	return controller.signal;
}
