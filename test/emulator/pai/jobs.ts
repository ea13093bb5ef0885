/** PAI async jobs: integer ids, state 0 → 1 → 2|3 over wall-clock time, grouped into batches. */
import { emulatorNow } from '../timers';

export type JobOutcome = { state: 2; result: string } | { state: 3; message: string };

export interface PaiJob {
	id: number;
	appId: string;
	batchId?: number;
	object: string;
	createdAt: number;
	readyAt: number;
	/** Computed at submission; revealed once readyAt passes. */
	outcome: JobOutcome;
}

export class PaiJobStore {
	private nextJobId = 1000;

	private nextBatchId = 10;

	private readonly jobs = new Map<number, PaiJob>();

	private readonly batches = new Map<number, { appId: string; jobIds: number[] }>();

	create(appId: string, object: string, latencyMs: number, outcome: JobOutcome, batchId?: number, now = emulatorNow()): PaiJob {
		const job: PaiJob = { id: this.nextJobId++, appId, batchId, object, createdAt: now, readyAt: now + latencyMs, outcome };
		this.jobs.set(job.id, job);
		return job;
	}

	/** Moves every job's clock forward by `ms` (its state follows, 0 → 1 → done), so tests skip waiting. */
	advance(ms: number): void {
		for (const job of this.jobs.values()) {
			job.createdAt -= ms;
			job.readyAt -= ms;
		}
	}

	createBatch(appId: string): number {
		const id = this.nextBatchId++;
		this.batches.set(id, { appId, jobIds: [] });
		return id;
	}

	addToBatch(batchId: number, jobId: number): void {
		this.batches.get(batchId)?.jobIds.push(jobId);
	}

	job(id: number, appId: string): PaiJob | undefined {
		const job = this.jobs.get(id);
		return job && job.appId === appId ? job : undefined;
	}

	batch(id: number, appId: string): PaiJob[] | undefined {
		const batch = this.batches.get(id);
		if (!batch || batch.appId !== appId) return undefined;
		return batch.jobIds.map((jobId) => this.jobs.get(jobId)).filter((job): job is PaiJob => job !== undefined);
	}

	/** 0 for the first half of the latency, 1 for the second, then the outcome's state. */
	stateOf(job: PaiJob, now = emulatorNow()): 0 | 1 | 2 | 3 {
		if (now >= job.readyAt) return job.outcome.state;
		return now < job.createdAt + (job.readyAt - job.createdAt) / 2 ? 0 : 1;
	}

	/** The wire form of a job, as in the seed's sample answers. */
	view(job: PaiJob, now = emulatorNow()): Record<string, unknown> {
		const state = this.stateOf(job, now);
		const view: Record<string, unknown> = {
			Result: state === 2 && job.outcome.state === 2 ? job.outcome.result : '',
			app_id: job.appId,
			create_time: new Date(job.createdAt).toISOString(),
			id: job.id,
			message:
				state === 0
					? 'job initializing'
					: state === 1
						? 'video downloading'
						: job.outcome.state === 3
							? job.outcome.message
							: 'success',
			state,
		};
		if (job.batchId !== undefined) {
			view.batch_id = job.batchId;
			view.object = job.object;
		}
		return view;
	}

	clear(): void {
		this.jobs.clear();
		this.batches.clear();
	}
}
