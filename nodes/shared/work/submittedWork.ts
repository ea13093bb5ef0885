export type WorkState = 'running' | 'finished' | 'failed';

/** Work this run created, so a failure or a stop never loses track of what was already paid for. */
export class SubmittedWork {
	private readonly work = new Map<number, { label: string; state: WorkState }>();

	constructor(readonly noun: { plural: string } = { plural: 'Tasks' }) {}

	/** Recorded the moment the service answers with an id. */
	add(itemIndex: number, label: string): void {
		this.work.set(itemIndex, { label, state: 'running' });
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
