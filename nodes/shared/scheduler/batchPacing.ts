import type { Clock } from '../core/time';
import { packageClock, throwIfCancelled, whenAborted } from '../core/time';

/** Per account and route: settles when the last batch submission queued there lets the next one go. */
const turns = new Map<string, Promise<void>>();

/**
 * Sends batch submissions of one key (an account's batch route) one at a time across the n8n process,
 * each `gapMs` after the previous one was answered. Spaced from the answer rather than from the
 * send, they reach the service at least `gapMs` apart however long each took to build and send, so a
 * run's batches do not meet a 429 (whose hold-off would delay every request of the service). A
 * cancelled submission still keeps the order: the next one waits for the submission before it.
 */
export async function pacedBatchSubmission<T>(key: string, gapMs: number, signal: AbortSignal, submit: () => Promise<T>, clock: Clock = packageClock): Promise<T> {
	const before = turns.get(key) ?? Promise.resolve();
	let finished = () => {};
	const own = new Promise<void>((resolve) => (finished = resolve));
	const turn = before.then(() => own);
	turns.set(key, turn);
	void turn.then(() => {
		if (turns.get(key) === turn) turns.delete(key);
	});
	let sent = false;
	try {
		await Promise.race([before, whenAborted(signal)]);
		throwIfCancelled(signal);
		sent = true;
		return await submit();
	} finally {
		if (sent) void clock.pause(gapMs).then(finished);
		else finished();
	}
}
