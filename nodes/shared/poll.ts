import type { IDataObject } from 'n8n-workflow';

import { FIRST_CHECK_MAX_MS, TOOL_POLL_SECONDS, TOOL_WAIT_SECONDS } from './constants';
import type { ApiFailure } from './transport/errors';
import { optionNumber } from './values';
import type { Clock } from './wait';
import { realClock, throwIfCancelled } from './wait';

/** How a node waits for its tasks, jobs or batches (the polling options every async node offers). */
export interface WaitSettings {
	pollIntervalMs: number;
	timeoutMs: number;
	/** 'error' fails the item (naming the id to resume); 'output' returns the still-running work as an item. */
	onTimeout: 'error' | 'output';
}

/**
 * The wait settings of an item. Called by an AI agent (a tool execution), a wait the user did not set
 * lasts at most TOOL_WAIT_SECONDS and then returns the pending work, so an agent's turn is never held
 * for half an hour; what the user set explicitly always wins.
 */
export function readWaitSettings(
	options: IDataObject,
	defaults: { intervalSeconds: number; timeoutSeconds: number },
	context: { tool?: boolean } = {},
): WaitSettings {
	const timeoutFallback = context.tool ? Math.min(TOOL_WAIT_SECONDS, defaults.timeoutSeconds) : defaults.timeoutSeconds;
	const intervalFallback = context.tool ? Math.min(TOOL_POLL_SECONDS, defaults.intervalSeconds) : defaults.intervalSeconds;
	const onTimeout = options.onTimeout ?? (context.tool ? 'output' : 'error');
	return {
		pollIntervalMs: optionNumber(options.pollIntervalSeconds, { label: 'Poll Interval (Seconds)', fallback: intervalFallback, min: 0.1 }) * 1000,
		timeoutMs: optionNumber(options.timeoutSeconds, { label: 'Timeout (Seconds)', fallback: timeoutFallback, min: 1 }) * 1000,
		onTimeout: onTimeout === 'output' ? 'output' : 'error',
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
	clock?: Clock;
}

/** A wait that ended: its value, or the deadline with the last status seen. */
export type Waited<T> = { timedOut: false; value: T } | { timedOut: true; status: string };

/**
 * Checks soon after submission (short tasks finish fast), then every `intervalMs`, never sleeping
 * past the deadline; stops at once when the execution is cancelled.
 */
export async function pollUntilDone<T>(spec: PollSpec<T>): Promise<Waited<T>> {
	const clock = spec.clock ?? realClock;
	let wait = Math.min(spec.intervalMs, FIRST_CHECK_MAX_MS);
	for (;;) {
		await clock.pause(Math.max(0, Math.min(wait, spec.deadline - clock.now())), spec.signal);
		throwIfCancelled(spec.signal);
		const result = await spec.check();
		if (result.done) return { timedOut: false, value: result.value };
		if (clock.now() >= spec.deadline) return { timedOut: true, status: result.status };
		wait = spec.intervalMs;
	}
}
