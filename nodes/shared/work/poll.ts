import type { IDataObject } from 'n8n-workflow';

import { FIRST_CHECK_MAX_MS, TOOL_POLL_SECONDS, TOOL_WAIT_SECONDS } from '../core/constants';
import type { ApiFailure } from '../core/errors';
import { optionChoice, optionNumber } from '../core/values';
import { TaskTimeEstimator } from './taskTimes';
import type { Clock } from '../core/time';
import { packageClock, throwIfCancelled } from '../core/time';

/** How a node waits for its tasks, jobs or batches (the polling options every async node offers). */
export interface WaitSettings {
	pollIntervalMs: number;
	timeoutMs: number;
	/** 'error' fails the item (naming the id to resume); 'output' returns the still-running work as an item. */
	onTimeout: 'error' | 'output';
	/** Called by an AI agent: a pending answer also says in words what the model should do next. */
	forAgent?: boolean;
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
	const onTimeout = optionChoice(options.onTimeout, { label: 'On Timeout', choices: ['error', 'output'], fallback: context.tool ? 'output' : 'error', removable: true });
	return {
		pollIntervalMs: optionNumber(options.pollIntervalSeconds, { label: 'Poll Interval (Seconds)', fallback: intervalFallback, min: 0.1 }) * 1000,
		timeoutMs: optionNumber(options.timeoutSeconds, { label: 'Timeout (Seconds)', fallback: timeoutFallback, min: 1 }) * 1000,
		onTimeout,
		...(context.tool ? { forAgent: true } : {}),
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
	/** The upper bound between two checks (the Poll Interval option). */
	intervalMs: number;
	/** Ms on the clock; a last check is made at the deadline before giving up. */
	deadline: number;
	signal: AbortSignal;
	/** The service's learned task time: when the first check is due and how later ones back off; the outcomes teach it. */
	times?: TaskTimeEstimator;
	clock?: Clock;
}

/** A wait that ended: its value, or the deadline with the last status seen. */
export type Waited<T> = { timedOut: false; value: T } | { timedOut: true; status: string };

/**
 * Checks when the work is likely done: the first check near the service's learned task time, later
 * ones backing off with the work's running time, never more than `intervalMs` apart and never past the
 * deadline. The due time is read again after every sleep, so what other tasks teach meanwhile (the
 * work takes longer than thought) moves this one's check too. Stops at once when cancelled.
 */
export async function pollUntilDone<T>(spec: PollSpec<T>): Promise<Waited<T>> {
	const clock = spec.clock ?? packageClock;
	const times = spec.times ?? new TaskTimeEstimator(Math.min(spec.intervalMs, FIRST_CHECK_MAX_MS));
	const learn = spec.times !== undefined;
	const startedAt = clock.now();
	let checks = 0;
	let lastCheckMs = 0;
	for (;;) {
		const dueAt = Math.min(startedAt + times.nextCheckAt(lastCheckMs, checks, spec.intervalMs), spec.deadline);
		if (dueAt > clock.now()) {
			await clock.pause(dueAt - clock.now(), spec.signal);
			continue; // the estimate may have moved while this task slept
		}
		throwIfCancelled(spec.signal);
		const result = await spec.check();
		const elapsed = clock.now() - startedAt;
		if (learn) {
			if (result.done) times.recordDone(elapsed, checks === 0);
			else times.recordRunning(elapsed, checks === 0);
		}
		if (result.done) return { timedOut: false, value: result.value };
		if (clock.now() >= spec.deadline) return { timedOut: true, status: result.status };
		checks++;
		lastCheckMs = elapsed;
	}
}
