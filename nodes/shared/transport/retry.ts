import { RETRY_POLICY } from '../core/constants';
import { packageClock } from '../core/time';
import type { NetworkFailure } from './network';

/** What happened to one attempt, as far as the retry policy cares. */
export type AttemptOutcome =
	| { type: 'response'; status: number; retryAfter?: string }
	/** not-sent: provably never left (refused, DNS); misconfigured: cannot work as set up (bad URL, TLS vs HTTP). */
	| { type: 'network'; failure: NetworkFailure }
	/** A 2xx whose body could not be read: for a submit the task may exist without us knowing its id. */
	| { type: 'unreadable' };

export interface RetryContext {
	/** Repeating the request cannot cause a second charge (status polls, GETs). */
	idempotent: boolean;
	/** The user allows resending a submission whose outcome is unknown. */
	retryUnconfirmed: boolean;
	throttleRetries: number;
	transientRetries: number;
	random?: () => number;
	now?: () => number;
}

export type RetryDecision =
	| { retry: true; delayMs: number; cause: 'throttle' | 'transient' }
	| { retry: false; reason: 'success' | 'not-retryable' | 'exhausted' | 'unknown-outcome' };

/** Exponential backoff with equal jitter: 1 s, 2 s, 4 s … capped at 30 s, each drawn from [half, full]. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const full = Math.min(RETRY_POLICY.maxBackoffMs, RETRY_POLICY.initialBackoffMs * 2 ** Math.max(0, attempt));
	return Math.round(full / 2 + (random() * full) / 2);
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = packageClock.now()): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function decideRetry(outcome: AttemptOutcome, context: RetryContext): RetryDecision {
	const random = context.random ?? Math.random;
	if (outcome.type === 'response') {
		const { status } = outcome;
		if (status >= 200 && status < 300) return { retry: false, reason: 'success' };
		if (status === 429) {
			// Throttled requests were rejected before any work was done: always safe to repeat.
			if (context.throttleRetries >= RETRY_POLICY.maxThrottleRetries) return { retry: false, reason: 'exhausted' };
			const hinted = parseRetryAfter(outcome.retryAfter, context.now?.());
			const delayMs =
				hinted !== undefined
					? Math.min(hinted, RETRY_POLICY.maxBackoffMs)
					: backoffMs(context.throttleRetries, random);
			return { retry: true, delayMs, cause: 'throttle' };
		}
		if (status >= 500) return transient(context, random);
		return { retry: false, reason: 'not-retryable' };
	}
	if (outcome.type === 'network' && outcome.failure === 'misconfigured') return { retry: false, reason: 'not-retryable' };
	if (outcome.type === 'network' && outcome.failure === 'not-sent') {
		// Nothing was delivered, so nothing can have been created or charged.
		return context.transientRetries >= RETRY_POLICY.maxTransientRetries
			? { retry: false, reason: 'exhausted' }
			: { retry: true, delayMs: backoffMs(context.transientRetries, random), cause: 'transient' };
	}
	return transient(context, random);
}

function transient(context: RetryContext, random: () => number): RetryDecision {
	if (!context.idempotent && !context.retryUnconfirmed) return { retry: false, reason: 'unknown-outcome' };
	if (context.transientRetries >= RETRY_POLICY.maxTransientRetries) return { retry: false, reason: 'exhausted' };
	return { retry: true, delayMs: backoffMs(context.transientRetries, random), cause: 'transient' };
}
