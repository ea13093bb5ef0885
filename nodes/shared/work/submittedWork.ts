import type { Logger } from 'n8n-workflow';

export type WorkState = 'running' | 'finished' | 'failed';

/**
 * Where a created id is written the moment the service returns it: n8n's log (LoggerProxy, level info),
 * which outlives the process. A worker killed mid-run, or exited when its graceful-shutdown time ran out,
 * never reaches the stop report; these lines are then the only record of the paid work.
 */
export interface WorkTrail {
	logger: Pick<Logger, 'info'>;
	executionId: string;
	node: string;
	/** The service family, in the log line before the route. */
	family: string;
}

/** What was created: "task 7f2c…", "job 4090", "batch 13", and on which service route. */
export interface Created {
	what: string;
	route: string;
}

/** The log line of a created id (docs/queue-mode.md quotes it; grep for "Alibaba Multimodal created"). */
export function createdLine(trail: WorkTrail, itemIndex: number, created: Created): string {
	return `Alibaba Multimodal created ${created.what} (execution ${trail.executionId}, node "${trail.node}", item ${itemIndex}, service ${trail.family} ${created.route})`;
}

/** Work this run created, so a failure or a stop never loses track of what was already paid for. */
export class SubmittedWork {
	private readonly work = new Map<number, { label: string; state: WorkState }>();

	constructor(
		readonly noun: { plural: string } = { plural: 'Tasks' },
		private readonly trail?: WorkTrail,
	) {}

	/**
	 * Recorded the moment the service answers with an id. Work this run `created` (not resumed by Get
	 * Result) is also logged then, once per item.
	 */
	add(itemIndex: number, label: string, created?: Created): void {
		this.work.set(itemIndex, { label, state: 'running' });
		if (created && this.trail) {
			const { trail } = this;
			trail.logger.info(createdLine(trail, itemIndex, created), {
				executionId: trail.executionId,
				nodeName: trail.node,
				itemIndex,
				id: created.what,
				service: `${trail.family} ${created.route}`,
			});
		}
	}

	/** The item's result is ready (finished) or its own error names its work (failed). */
	settle(itemIndex: number, state: Exclude<WorkState, 'running'>): void {
		const entry = this.work.get(itemIndex);
		if (entry) entry.state = state;
	}

	get size(): number {
		return this.work.size;
	}

	/** Work whose result the run will not deliver (it failed or was stopped), in item order; failed items name their own. */
	undelivered(): Array<{ itemIndex: number; label: string; state: WorkState }> {
		return [...this.work.entries()]
			.filter(([, entry]) => entry.state !== 'failed')
			.map(([itemIndex, entry]) => ({ itemIndex, ...entry }))
			.sort((a, b) => a.itemIndex - b.itemIndex);
	}
}
