import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem } from '../io/output';
import { sentences, toItemError, type ItemError } from '../core/errors';
import { PROGRESS_LOG_INTERVAL_MS } from '../core/constants';
import { CancelledError, packageClock } from '../core/time';
import type { SubmittedWork } from '../work/submittedWork';


/**
 * The failures of one node run. With Continue On Fail each becomes that item's error item; without
 * it the first one stops new work, and the lowest-index failure is thrown once the run has settled.
 */
export class ItemFailures {
	private readonly failures: Array<{ itemIndex: number; error: ItemError }> = [];

	readonly continueOnFail: boolean;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly results: INodeExecutionData[][],
		private readonly stop: AbortController,
	) {
		this.continueOnFail = ctx.continueOnFail();
	}

	record(itemIndex: number, thrown: unknown): void {
		const error = toItemError(this.ctx.getNode(), thrown, itemIndex);
		if (this.continueOnFail) {
			this.results[itemIndex] = [errorItem(error, itemIndex)];
		} else {
			this.failures.push({ itemIndex, error });
			this.stop.abort();
		}
	}

	get count(): number {
		return this.failures.length;
	}

	/** The item whose error the run throws (the lowest index), if any failed. */
	get firstIndex(): number | undefined {
		return this.failures.length === 0 ? undefined : Math.min(...this.failures.map((failure) => failure.itemIndex));
	}

	/** Throws the lowest-index failure, if any, with `stillRunning` (work to resume) added to its description. */
	throwFirst(stillRunning?: string): void {
		if (this.failures.length === 0) return;
		const { error } = [...this.failures].sort((a, b) => a.itemIndex - b.itemIndex)[0];
		if (stillRunning) error.description = sentences(error.description, stillRunning);
		throw error;
	}
}

/** Everything one node run shares: its results, failures, stop signal and the work it submitted. */
export class RunState {
	readonly results: INodeExecutionData[][];

	readonly stop = new AbortController();

	readonly signal: AbortSignal;

	readonly failures: ItemFailures;

	constructor(
		readonly ctx: IExecuteFunctions,
		readonly submitted: SubmittedWork,
	) {
		this.results = new Array(ctx.getInputData().length);
		// Node's AbortSignal.any (since Node 20.3; n8n 1.123 needs Node 20.19+, n8n 2.41 Node 24, engines says
		// 20.18+, so no fallback) removes its listeners from the sources once the combined signal is collected.
		const cancel = ctx.getExecutionCancelSignal?.();
		this.signal = cancel ? AbortSignal.any([cancel, this.stop.signal]) : this.stop.signal;
		this.failures = new ItemFailures(ctx, this.results, this.stop);
	}

	get cancelled(): boolean {
		return this.ctx.getExecutionCancelSignal?.()?.aborted === true;
	}

	/** The items in input order, each input's output(s) in place. */
	output(): INodeExecutionData[] {
		return this.results.flatMap((result) => result ?? []);
	}
}

export type ItemHandler = (itemIndex: number, signal: AbortSignal) => Promise<INodeExecutionData[]>;

/**
 * Runs the given items concurrently, at most `maxInFlight()` at a time (read again as items finish,
 * so it can follow the quota); each item's requests are paced by the service budget, so submissions
 * continue while earlier work is being polled. Results land in input order. Without Continue On Fail
 * the first failure stops new work.
 */
export async function runItems(run: RunState, itemIndexes: number[], handler: ItemHandler, maxInFlight: () => number): Promise<void> {
	let settled = 0;
	let loggedAt = packageClock.now();
	const progress = () => {
		settled++;
		// Long runs say how far they are in n8n's log, so an Execute step is never silent for minutes.
		if (packageClock.now() - loggedAt < PROGRESS_LOG_INTERVAL_MS || settled === itemIndexes.length) return;
		loggedAt = packageClock.now();
		run.ctx.logger.info(`Alibaba Multimodal (${run.ctx.getNode().name}): ${settled} of ${itemIndexes.length} items done, ${run.submitted.size} submitted`);
	};
	let active = 0;
	let freed: (() => void) | undefined;
	const runOne = async (itemIndex: number) => {
		try {
			run.results[itemIndex] = await handler(itemIndex, run.signal);
			run.submitted.settle(itemIndex, 'finished');
			progress();
		} catch (thrown) {
			// Stopped because another item failed or the run was cancelled: its work stays listed as running.
			if (thrown instanceof CancelledError) return;
			run.submitted.settle(itemIndex, 'failed');
			run.failures.record(itemIndex, thrown);
			progress();
		} finally {
			active--;
			freed?.();
		}
	};
	const running: Array<Promise<void>> = [];
	for (let next = 0; next < itemIndexes.length && !run.signal.aborted; ) {
		if (active >= Math.max(1, maxInFlight())) {
			await new Promise<void>((resolve) => (freed = resolve));
			freed = undefined;
			continue;
		}
		active++;
		running.push(runOne(itemIndexes[next++]));
	}
	await Promise.all(running);
}
