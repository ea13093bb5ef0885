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

	unfinished(except: number): string[] {
		return [...this.tasks.entries()]
			.filter(([index, task]) => index !== except && !task.done)
			.map(([index, task]) => `item ${index}: ${task.taskId}`);
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
	const failures: Array<{ itemIndex: number; error: ItemError }> = [];
	const continueOnFail = ctx.continueOnFail();
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
				const error = toItemError(ctx.getNode(), thrown, itemIndex);
				if (continueOnFail) {
					results[itemIndex] = [errorItem(error, itemIndex)];
				} else {
					failures.push({ itemIndex, error });
					stop.abort();
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(maxInFlight, count)) }, worker));

	if (failures.length > 0) {
		const { itemIndex, error } = failures.sort((a, b) => a.itemIndex - b.itemIndex)[0];
		const running = tasks.unfinished(itemIndex);
		if (running.length > 0) {
			const note = `Tasks already submitted by this run were still running; resume them with the Get Result operation: ${running.join('; ')}`;
			error.description = error.description ? `${error.description}. ${note}` : note;
		}
		throw error;
	}
	return results.flatMap((result) => result ?? []);
}
