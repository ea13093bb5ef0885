import { MAX_ITEMS_IN_FLIGHT, MIN_ITEMS_IN_FLIGHT } from '../core/constants';
import { taskTimesFor } from '../work/taskTimes';
import type { ServiceClient } from '../transport/request';
import { workTimesKey } from '../work/work';

/** Time an item spends in flight besides its task: its own requests and their turn in the budget. */
const REQUEST_OVERHEAD_MS = 1000;

/**
 * Items to keep in flight, by Little's law: tasks finish at most at rate / 2 per second (each needs a
 * submission and a status check), and each stays in flight for its task time plus its requests; twice
 * that keeps the budget busy while estimates settle. Bounded for memory.
 */
export function itemsInFlight(rate: number, taskMs: number, maxConcurrent: number): number {
	const needed = Math.ceil((rate / 2) * ((taskMs + REQUEST_OVERHEAD_MS) / 1000) * 2) + maxConcurrent;
	return Math.max(MIN_ITEMS_IN_FLIGHT, Math.min(MAX_ITEMS_IN_FLIGHT, needed));
}

/** The in-flight limit of a run, following the budget's current rate and the route's learned task time. */
export function inFlightLimit(client: ServiceClient, route: string, maxConcurrent: number): () => number {
	const times = taskTimesFor(workTimesKey(client, route));
	return () => itemsInFlight(client.rate, times.firstCheckMs, maxConcurrent);
}
