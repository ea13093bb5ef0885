import { FIRST_CHECK_MAX_MS, MIN_CHECK_GAP_MS, TASK_TIME_KEYS_KEPT } from '../core/constants';

/** A first check that came too early moves the estimate this much past the time it was made. */
const MISS_GROWTH = 1.2;
/** A first check that found the work done moves the estimate this much earlier: it probes for faster work. */
const HIT_SHRINK = 0.99;
/** A first check that found the work running this much later than the estimate still raises it. */
const PROMPT_SLACK = 1.25;
/** A first check that found the work done says the estimate could be shorter only if it came this close to it. */
const ON_TIME_SLACK = 1.1;

/**
 * How closely checks follow work whose end is not known: the check that sees the work done comes at
 * most a share of the time the work has run past its end (or `minGapMs`, when that is longer).
 */
export interface CheckPace {
	/** While nothing has finished yet, a check that finds the work running moves every first check this share of the elapsed time later. */
	learningShare: number;
	/** Later checks of a piece of work come this share of its running time apart (bounded by the Poll Interval). */
	backoffShare: number;
	/** Two checks of one piece of work are at least this far apart. */
	minGapMs: number;
}

/** Tasks and jobs, one check per piece of work: few checks while learning, since many tasks wait at once. */
export const TASK_PACE: CheckPace = { learningShare: 0.5, backoffShare: 0.25, minGapMs: MIN_CHECK_GAP_MS };

/**
 * Batches: one check covers many jobs, so a finer schedule is affordable, and the run waits for its
 * slowest batch, so a check that comes late delays every item of the run.
 */
export const BATCH_PACE: CheckPace = { learningShare: 0.1, backoffShare: 0.1, minGapMs: 500 };

/**
 * How long a service's work takes, learned from the checks themselves: when to check a piece of work
 * first so that almost every first check finds it done. The estimate is the time from the submission's
 * answer to the first check. A first check that finds the work still running raises it at once; one
 * that finds it done lowers it by a percent, so the estimate settles where about one first check in
 * twenty is early (one wasted request per twenty tasks). One estimator per service route, kept for the
 * process so later runs start from what earlier runs learned.
 */
export class TaskTimeEstimator {
	private estimateMs: number | undefined;

	/** Whether any piece of work has been seen done (until then the estimate only grows). */
	private learned = false;

	/** Until anything is known: the first check comes after `seedMs`. */
	constructor(
		private readonly seedMs: number = FIRST_CHECK_MAX_MS,
		private readonly pace: CheckPace = TASK_PACE,
	) {}

	/** Ms after the submission's answer at which the first check is due. */
	get firstCheckMs(): number {
		return this.estimateMs ?? this.seedMs;
	}

	/** A check made `elapsedMs` after the submission found the work running. */
	recordRunning(elapsedMs: number, firstCheck: boolean): void {
		const current = this.firstCheckMs;
		if (!this.learned) {
			this.estimateMs = Math.max(current, elapsedMs + Math.max(this.pace.minGapMs, elapsedMs * this.pace.learningShare));
		} else if (firstCheck && elapsedMs <= current * PROMPT_SLACK) {
			this.estimateMs = Math.max(current, elapsedMs * MISS_GROWTH);
		}
	}

	/** A check made `elapsedMs` after the submission found the work done (or failed). */
	recordDone(elapsedMs: number, firstCheck: boolean): void {
		if (!this.learned) {
			this.learned = true;
			this.estimateMs = elapsedMs;
			return;
		}
		// A check later than the estimate (the budget was busy, or the estimate rose meanwhile) says nothing about it.
		if (firstCheck && elapsedMs <= this.firstCheckMs * ON_TIME_SLACK) {
			this.estimateMs = Math.max(MIN_CHECK_GAP_MS, Math.min(this.firstCheckMs, elapsedMs) * HIT_SHRINK);
		}
	}

	/**
	 * When to check next, as ms after the submission: the estimate if it is still ahead, else a back-off
	 * that grows with the work's running time; never more than `intervalMs` after the last check.
	 */
	nextCheckAt(elapsedMs: number, checks: number, intervalMs: number): number {
		const estimate = this.firstCheckMs;
		const target = checks === 0 ? estimate : Math.max(estimate, elapsedMs + Math.max(this.pace.minGapMs, elapsedMs * this.pace.backoffShare));
		return Math.min(target, elapsedMs + intervalMs);
	}
}

const estimators = new Map<string, TaskTimeEstimator>();

/**
 * The estimator of one service route (family, endpoint and route make the key; no secrets in it), with
 * the check pace its work needs (fixed by the first caller of a key).
 */
export function taskTimesFor(key: string, pace: CheckPace = TASK_PACE): TaskTimeEstimator {
	let estimator = estimators.get(key);
	if (estimator) {
		// Most recently used last, so the oldest key is dropped first.
		estimators.delete(key);
	} else {
		estimator = new TaskTimeEstimator(FIRST_CHECK_MAX_MS, pace);
		if (estimators.size >= TASK_TIME_KEYS_KEPT) estimators.delete(estimators.keys().next().value as string);
	}
	estimators.set(key, estimator);
	return estimator;
}
