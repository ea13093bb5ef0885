import type { IDataObject } from 'n8n-workflow';

import { POLL_DEFAULTS } from './constants';
import type { ApiFailure } from './transport/errors';
import { positive } from './transport/options';
import { pause, throwIfCancelled } from './wait';

/** How a node waits for its tasks, jobs or batches (the polling options every async node offers). */
export interface WaitSettings {
	pollIntervalMs: number;
	timeoutMs: number;
	/** 'error' fails the item (naming the id to resume); 'output' returns the still-running work as an item. */
	onTimeout: 'error' | 'output';
}

export function readWaitSettings(
	options: IDataObject,
	defaults: { intervalSeconds: number; timeoutSeconds: number } = POLL_DEFAULTS,
): WaitSettings {
	return {
		pollIntervalMs: positive(options.pollIntervalSeconds, defaults.intervalSeconds) * 1000,
		timeoutMs: positive(options.timeoutSeconds, defaults.timeoutSeconds) * 1000,
		onTimeout: options.onTimeout === 'output' ? 'output' : 'error',
	};
}

/** The failure of a wait that hit its deadline: what is still running, and how to pick it up again. */
export function timeoutFailure(work: { noun: string; id: string; state: string; resumeWith: string }, timeoutMs: number): ApiFailure {
	return {
		code: 'Timeout',
		message: `${work.noun} ${work.id} was still ${work.state} after ${Math.round(timeoutMs / 1000)} s`,
		description: `The ${work.noun.toLowerCase()} keeps running on the service. Resume it with ${work.resumeWith}, or raise the Timeout option`,
	};
}

export type PollCheck<T> = { done: true; value: T } | { done: false; status: string };

export interface PollSpec<T> {
	check: () => Promise<PollCheck<T>>;
	intervalMs: number;
	/** Wall-clock ms; a last check is made at the deadline before giving up. */
	deadline: number;
	signal: AbortSignal;
}

/** The deadline passed with the task still running; carries what the caller needs to resume it. */
export class PollTimeoutError extends Error {
	constructor(readonly lastStatus: string) {
		super(`Still ${lastStatus} when the timeout was reached`);
		this.name = 'PollTimeoutError';
	}
}

/**
 * Checks soon after submission (short tasks finish fast), then every `intervalMs`, never sleeping
 * past the deadline; stops at once when the execution is cancelled.
 */
export async function pollUntilDone<T>(spec: PollSpec<T>): Promise<T> {
	let wait = Math.min(spec.intervalMs, POLL_DEFAULTS.firstCheckMaxMs);
	for (;;) {
		await pause(Math.max(0, Math.min(wait, spec.deadline - Date.now())), spec.signal);
		throwIfCancelled(spec.signal);
		const result = await spec.check();
		if (result.done) return result.value;
		if (Date.now() >= spec.deadline) throw new PollTimeoutError(result.status);
		wait = spec.intervalMs;
	}
}
