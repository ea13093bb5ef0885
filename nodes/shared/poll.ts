import { POLL_DEFAULTS } from './constants';
import { pause, throwIfCancelled } from './wait';

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
