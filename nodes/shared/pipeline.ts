import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem } from './output';
import { toItemError, type ItemError } from './transport/errors';
import { CancelledError, anySignal } from './wait';

/** Tasks this run created, so a failure never loses track of work that was already paid for. */
export class SubmittedTasks {
	private readonly tasks = new Map<number, { taskId: string; done: boolean }>();

	add(itemIndex: number, taskId: string): void {
		this.tasks.set(itemIndex, { taskId, done: false });
	}

	finish(itemIndex: number): void {
		const task = this.tasks.get(itemIndex);
		if (task) task.done = true;
	}

	/** Names the tasks still running (a failed item's own task is finished), or undefined when none are. */
	unfinishedNote(): string | undefined {
		const running = [...this.tasks.entries()]
			.filter(([, task]) => !task.done)
			.map(([index, task]) => `item ${index}: ${task.taskId}`);
		return running.length > 0
			? `Tasks already submitted by this run were still running; resume them with the Get Result operation: ${running.join('; ')}`
			: undefined;
	}
}

/**
 * The failures of one node run. With Continue On Fail each becomes that item's error item; without
 * it the first one stops new work, and the lowest-index failure is thrown once the run has settled.
 */
export class ItemFailures {
	private readonly failures: Array<{ itemIndex: number; error: ItemError }> = [];

	private readonly continueOnFail: boolean;

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

	/** Throws the lowest-index failure, if any, with `stillRunning` (work to resume) added to its description. */
	throwFirst(stillRunning?: string): void {
		if (this.failures.length === 0) return;
		const { error } = [...this.failures].sort((a, b) => a.itemIndex - b.itemIndex)[0];
		if (stillRunning) error.description = error.description ? `${error.description}. ${stillRunning}` : stillRunning;
		throw error;
	}
}

export type ItemHandler = (itemIndex: number, signal: AbortSignal, tasks: SubmittedTasks) => Promise<INodeExecutionData[]>;

/**
 * Runs every input item concurrently (bounded by `maxInFlight`); each item's requests are paced by the
 * service budget, so submissions continue while earlier tasks are being polled. Output keeps input
 * order and pairing. Without Continue On Fail the first failure stops new work and is thrown, naming
 * any task still running so it can be resumed with Get Result.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	handler: ItemHandler,
	maxInFlight: number,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);
	const stop = new AbortController();
	const signal = anySignal([ctx.getExecutionCancelSignal?.(), stop.signal]);
	const tasks = new SubmittedTasks();
	const failures = new ItemFailures(ctx, results, stop);
	let next = 0;

	const worker = async () => {
		while (next < count && !signal.aborted) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await handler(itemIndex, signal, tasks);
				tasks.finish(itemIndex);
			} catch (thrown) {
				// Stopped because another item failed or the run was cancelled: its task stays listed.
				if (thrown instanceof CancelledError) break;
				tasks.finish(itemIndex);
				failures.record(itemIndex, thrown);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(maxInFlight, count)) }, worker));

	failures.throwFirst(tasks.unfinishedNote());
	return results.flatMap((result) => result ?? []);
}
