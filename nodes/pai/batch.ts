import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { itemFor } from '../shared/output';
import { ItemFailures } from '../shared/pipeline';
import type { WaitSettings } from '../shared/poll';
import { pollUntilDone, PollTimeoutError, timeoutFailure } from '../shared/poll';
import { withContext } from '../shared/transport/errors';
import type { CallScope } from '../shared/transport/request';
import { anySignal, CancelledError } from '../shared/wait';
import type { PaiApi, PaiJob } from './api';
import { isFinished, jobFailure } from './jobs';

export interface BatchVideo {
	url: string;
	title?: string;
}

interface Entry {
	itemIndex: number;
	video: BatchVideo;
}

/**
 * Gives each input its job: first by URL (`object` is the video URL in the samples; equal URLs are
 * taken in job-id order), then, for inputs the URL did not match, by position among the remaining
 * jobs in id order (the order the videos were sent).
 */
export function mapJobsToVideos(videos: BatchVideo[], jobs: PaiJob[]): Array<PaiJob | undefined> {
	const ordered = [...jobs].sort((a, b) => Number(a.jobId) - Number(b.jobId));
	const used = new Set<PaiJob>();
	const mapped: Array<PaiJob | undefined> = videos.map((video) => {
		const job = ordered.find((candidate) => !used.has(candidate) && candidate.object === video.url);
		if (job) used.add(job);
		return job;
	});
	const unclaimed = ordered.filter((job) => !used.has(job) && job.object === undefined);
	return mapped.map((job) => job ?? unclaimed.shift());
}

export interface BatchRun {
	api: PaiApi;
	/** Reads one item's video; throws an item error when the item's parameters are unusable. */
	readVideo(itemIndex: number): BatchVideo;
	/** The batch_videos body for these videos (read from the first item of the batch). */
	body(videos: BatchVideo[], firstItemIndex: number): IDataObject;
	/** The normalized output of a succeeded job. */
	output(job: PaiJob, itemIndex: number): IDataObject;
	batchSize: number;
	wait: WaitSettings;
	/** Submit Only: output each item's batch id at once instead of polling. */
	submitOnly?: boolean;
}

export function batchTimeout(api: PaiApi, batchId: string, lastStatus: string, wait: WaitSettings, scope: CallScope) {
	const resumeWith = `the Get Result operation, Resume By Batch ID and Batch ID ${batchId}`;
	return withContext(
		api.client.fail(timeoutFailure({ noun: 'Batch', id: batchId, state: `running (${lastStatus})`, resumeWith }, wait.timeoutMs), scope),
		{ batchId, status: lastStatus },
	);
}

/** Polls a batch until every job (or every listed URL's job) has finished. */
export async function waitForBatch(
	api: PaiApi,
	batchId: string,
	expected: number,
	wait: WaitSettings,
	scope: CallScope,
): Promise<{ jobs: PaiJob[]; requestId?: string; timedOut: boolean; status: string }> {
	const deadline = Date.now() + wait.timeoutMs;
	let last: { jobs: PaiJob[]; requestId?: string } = { jobs: [] };
	const progress = (jobs: PaiJob[]) => `${jobs.filter(isFinished).length} of ${Math.max(expected, jobs.length)} jobs finished`;
	try {
		last = await pollUntilDone({
			intervalMs: wait.pollIntervalMs,
			deadline,
			signal: scope.signal,
			check: async () => {
				const current = await api.batch(batchId, { ...scope, deadline });
				last = current;
				const done = current.jobs.length >= expected && current.jobs.length > 0 && current.jobs.every(isFinished);
				return done ? { done: true, value: current } : { done: false, status: progress(current.jobs) };
			},
		});
		return { ...last, timedOut: false, status: progress(last.jobs) };
	} catch (error) {
		if (error instanceof PollTimeoutError) return { ...last, timedOut: true, status: error.lastStatus };
		throw withContext(error, { batchId });
	}
}

/**
 * Batch mode: the input items go to the service as batch jobs of up to `batchSize` videos, each batch
 * is polled as a whole, and every job comes back to its own input item (same order, pairedItem). A
 * failed job is that item's error only. Without Continue On Fail the first failing item (lowest index)
 * is thrown once the batches have been read, naming any batch that was still running.
 */
export async function runBatchItems(ctx: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const stop = new AbortController();
	const signal = anySignal([ctx.getExecutionCancelSignal?.(), stop.signal]);
	const results: INodeExecutionData[][] = new Array(count);
	const failures = new ItemFailures(ctx, results, stop);
	const fail = (itemIndex: number, thrown: unknown) => failures.record(itemIndex, thrown);
	const running = new Set<string>();

	const entries: Entry[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			entries.push({ itemIndex, video: run.readVideo(itemIndex) });
		} catch (error) {
			fail(itemIndex, error);
		}
	}
	const batches: Entry[][] = [];
	for (let i = 0; i < entries.length; i += run.batchSize) batches.push(entries.slice(i, i + run.batchSize));

	const runBatch = async (batch: Entry[]) => {
		if (signal.aborted) return;
		const scope: CallScope = { itemIndex: batch[0].itemIndex, signal };
		let batchId: string | undefined;
		try {
			const submitted = await run.api.submitBatch(run.body(batch.map((e) => e.video), batch[0].itemIndex), scope);
			batchId = submitted.batchId;
			if (run.submitOnly) {
				for (const entry of batch) {
					results[entry.itemIndex] = [
						itemFor(
							{ batchId, videoUrl: entry.video.url, state: 0, status: 'submitted', requestId: submitted.requestId },
							entry.itemIndex,
						),
					];
				}
				return;
			}
			running.add(batchId);
			const polled = await waitForBatch(run.api, batchId, batch.length, run.wait, scope);
			const jobs = mapJobsToVideos(batch.map((e) => e.video), polled.jobs);
			if (!polled.timedOut) running.delete(batchId);
			batch.forEach((entry, position) => {
				const job = jobs[position];
				const itemScope = { ...scope, itemIndex: entry.itemIndex };
				const base = { batchId, videoUrl: entry.video.url };
				if (job && job.state === 2) {
					results[entry.itemIndex] = [
						itemFor({ ...run.output(job, entry.itemIndex), ...base, jobId: job.jobId, state: job.state, status: job.status }, entry.itemIndex),
					];
				} else if (job && job.state === 3) {
					fail(entry.itemIndex, jobFailure(run.api, job, itemScope));
				} else if (polled.timedOut && run.wait.onTimeout === 'output') {
					results[entry.itemIndex] = [
						itemFor({ ...base, jobId: job?.jobId, state: job?.state ?? 0, status: job?.status ?? 'submitted', timedOut: true }, entry.itemIndex),
					];
				} else if (polled.timedOut) {
					fail(entry.itemIndex, withContext(batchTimeout(run.api, batchId!, polled.status, run.wait, itemScope), { jobId: job?.jobId }));
				} else {
					fail(
						entry.itemIndex,
						withContext(
							run.api.client.fail({ code: 'MissingJob', message: `Batch ${batchId} has no job for ${entry.video.url}` }, itemScope),
							{ batchId },
						),
					);
				}
			});
		} catch (thrown) {
			if (thrown instanceof CancelledError) return;
			for (const entry of batch) {
				if (results[entry.itemIndex] === undefined) fail(entry.itemIndex, withContext(thrown, { batchId }));
			}
		}
	};
	await Promise.all(batches.map(runBatch));
	if (ctx.getExecutionCancelSignal?.()?.aborted) throw new CancelledError();

	failures.throwFirst(
		running.size > 0
			? `Batches already submitted by this run were still running; resume them with the Get Result operation and Resume By Batch ID: ${[...running].join(', ')}`
			: undefined,
	);
	return results.flatMap((result) => result ?? []);
}
