import type { IDataObject } from 'n8n-workflow';

import { pacedBatchSubmission } from '../scheduler/batchPacing';
import { budgetKey } from '../scheduler/budgetRegistry';
import type { BatchMode } from './capability';
import type { WaitSettings } from '../work/poll';
import type { SubmittedWork } from '../work/submittedWork';
import { withContext } from '../core/errors';
import type { CallScope, ServiceClient } from '../transport/request';
import { CancelledError, packageClock } from '../core/time';
import type { BatchProtocol, Operation, Protocol, WorkStatus } from '../work/work';
import { timeoutError, unreadableError, waitFor, workTimesKey } from '../work/work';
import { BATCH_PACE, taskTimesFor } from '../work/taskTimes';

function batchProtocol(protocol: Protocol): BatchProtocol {
	if (!protocol.batch) throw new Error(`The ${protocol.family} protocol has no batch jobs`);
	return protocol.batch;
}

/** Polls a batch until it holds `expected` jobs and every one has finished, or the deadline passes. */
async function waitForBatch(
	batch: BatchProtocol,
	client: ServiceClient,
	id: string,
	expected: number,
	wait: WaitSettings,
	scope: CallScope,
	/** Set for a batch this run submitted: its checks follow (and teach) the learned batch time of the route. */
	route?: string,
) {
	let last: { works: WorkStatus[]; requestId?: string } = { works: [] };
	const progress = (works: WorkStatus[]) =>
		`${works.filter((work) => work.state !== 'pending').length} of ${Math.max(expected, works.length)} jobs finished`;
	try {
		const waited = await waitFor(
			async (deadline) => {
				last = await batch.check(client, id, { ...scope, deadline });
				const done = last.works.length >= Math.max(1, expected) && last.works.every((work) => work.state !== 'pending');
				return done ? { done: true, value: last } : { done: false, status: progress(last.works) };
			},
			wait,
			scope.signal,
			{
				deadline: packageClock.now() + wait.timeoutMs,
				unreadable: (what) => unreadableError(client, `batch ${id}`, what, scope),
				times: route === undefined ? undefined : taskTimesFor(workTimesKey(client, route, 'batch'), BATCH_PACE),
			},
		);
		return { ...last, timedOut: waited.timedOut, status: waited.timedOut ? waited.status : progress(last.works) };
	} catch (error) {
		throw withContext(error, { batchId: id });
	}
}

function batchTimeout(batch: BatchProtocol, client: ServiceClient, id: string, status: string, wait: WaitSettings, scope: CallScope) {
	const { terms } = batch;
	const resumeWith = `the Get Result operation, Resume By ${terms.idLabel} and ${terms.idLabel} ${id}`;
	return timeoutError(client, { noun: terms.noun, id, status: `running (${status})`, resumeWith }, wait, scope, { batchId: id });
}

/** A prepared item of a batch-mode run: its request and the fields its output carries. */
export interface BatchEntry<R> {
	index: number;
	request: R;
	fields?: IDataObject;
}

/** What one item of a batch job gets back: its finished job (shaped by the runner), a pending item, or its own failure. */
export type JobDelivery =
	| { kind: 'finished'; work: WorkStatus; common: IDataObject }
	| { kind: 'pending'; fields: IDataObject }
	| { kind: 'failed'; error: unknown };

/** What a batch job needs of the run: its client, stop signal, submitted work, wait settings and operation. */
export interface BatchRun {
	client: ServiceClient;
	signal: AbortSignal;
	submitted: SubmittedWork;
	operation: Operation;
	wait: WaitSettings;
	route: string;
}

/**
 * The run phase of batch mode for one group of prepared items (up to the batch size): one batch
 * submission (paced), then (unless Submit Only) the batch polled as a whole; every job goes back to its
 * own item, in the group's order. A failure of the batch itself (its submission, its checks) is thrown
 * for the whole group; a failed job is that item's failure only.
 */
export async function runBatchJob<R>(protocol: Protocol, mode: BatchMode<R>, run: BatchRun, group: Array<BatchEntry<R>>): Promise<JobDelivery[]> {
	const batch = batchProtocol(protocol);
	const { client, route, wait } = run;
	const scope: CallScope = { itemIndex: group[0].index, signal: run.signal };
	let id: string | undefined;
	try {
		const body = mode.body(group.map((entry) => entry.request));
		const paceKey = budgetKey(client.target, `${route} batch submissions`);
		const submitted = await pacedBatchSubmission(paceKey, 1000 / mode.submitsPerSecond, run.signal, async () => await batch.submit(client, route, body, scope));
		id = submitted.id;
		for (const entry of group) run.submitted.add(entry.index, `${batch.terms.noun} ${id}`, { what: `${batch.terms.noun} ${id}`, route: `${route} (batch)` });
		if (run.operation === 'submitOnly') {
			// The job's position in its batch travels with the item, so Get Result can pair it again.
			return group.map((entry, position) => ({
				kind: 'pending',
				fields: { batchId: id, ...entry.fields, batchPosition: position, state: 0, status: 'submitted', requestId: submitted.requestId },
			}));
		}
		const polled = await waitForBatch(batch, client, id, group.length, wait, scope, route);
		const works = batch.match(
			group.map((entry) => mode.key(entry.request)),
			polled.works,
		);
		return group.map((entry, position) => jobDelivery(protocol, mode, run, { entry, work: works[position], batchId: id!, polled }));
	} catch (thrown) {
		// A cancelled wait is the run's to report; any other failure of the batch names it.
		throw thrown instanceof CancelledError ? thrown : withContext(thrown, { batchId: id });
	}
}

/** One item of a polled batch: its result, its own failure, or (timed out) its pending job. */
function jobDelivery<R>(
	protocol: Protocol,
	mode: BatchMode<R>,
	run: BatchRun,
	settle: { entry: BatchEntry<R>; work: WorkStatus | undefined; batchId: string; polled: { timedOut: boolean; status: string } },
): JobDelivery {
	const batch = batchProtocol(protocol);
	const { client, route, wait } = run;
	const { entry, work, batchId, polled } = settle;
	const scope = { itemIndex: entry.index, signal: run.signal };
	const base = { batchId, ...entry.fields };
	if (work && work.state === 'succeeded') {
		const common: IDataObject = { ...protocol.fields({ kind: 'finished', work }, route), ...base };
		delete common.requestId; // the batch's answer, not this job's
		return { kind: 'finished', work, common };
	}
	if (work && work.state === 'failed') {
		return { kind: 'failed', error: withContext(client.fail(protocol.failure(work, route), scope), protocol.context(work.id, route, work)) };
	}
	if (polled.timedOut && wait.onTimeout === 'output') {
		return { kind: 'pending', fields: { ...base, jobId: work?.id, ...(work?.fields ?? { state: 0 }), status: work?.status ?? 'submitted', timedOut: true } };
	}
	if (polled.timedOut) return { kind: 'failed', error: withContext(batchTimeout(batch, client, batchId, polled.status, wait, scope), { jobId: work?.id }) };
	return {
		kind: 'failed',
		error: withContext(client.fail({ code: 'MissingJob', message: `Batch ${batchId} has no job for ${mode.key(entry.request)}` }, scope), { batchId }),
	};
}

/**
 * Which jobs of a resumed batch one Get Result item asks for: the job of one video (its URL), the job
 * at one position of the batch (several items resuming the same batch, each its own), or every job.
 */
export type BatchPick = { key: string } | { position: number } | 'all';

/**
 * Get Result by batch id, the run phase of one item: the batch is checked once per run however many
 * items resume it, and the item gets the jobs it picks (every one still pending when the wait ended
 * comes back as a pending item).
 */
export async function resumeBatchJob(
	protocol: Protocol,
	run: BatchRun & { shared: object },
	resume: { index: number; id: string; pick: BatchPick; includeRaw: boolean },
): Promise<JobDelivery[]> {
	const batch = batchProtocol(protocol);
	const { client, route, wait } = run;
	const { id, pick } = resume;
	const scope: CallScope = { itemIndex: resume.index, signal: run.signal };
	run.submitted.add(resume.index, `${batch.terms.noun} ${id}`);
	const polled = await sharedBatchWait(run.shared, id, () => waitForBatch(batch, client, id, 1, wait, scope));
	const works = pickJobs(polled.works, pick);
	const one = pick !== 'all';
	if (one && works.length === 0 && !polled.timedOut) {
		const which = 'key' in pick ? pick.key : `position ${pick.position} (the batch has ${polled.works.length} jobs)`;
		throw withContext(client.fail({ code: 'MissingJob', message: `Batch ${id} has no job for ${which}` }, scope), { batchId: id });
	}
	if (polled.timedOut && wait.onTimeout === 'error') throw batchTimeout(batch, client, id, polled.status, wait, scope);
	if (one && works[0]?.state === 'failed') {
		throw withContext(client.fail(protocol.failure(works[0], route), scope), protocol.context(works[0].id, route, works[0]));
	}
	if (works.length === 0) {
		return [{ kind: 'pending', fields: { batchId: id, videoUrl: (pick !== 'all' && 'key' in pick && pick.key) || undefined, status: polled.status, timedOut: true } }];
	}
	return works.map((work): JobDelivery => {
		const extra: IDataObject = {
			batchId: id,
			requestId: polled.requestId,
			error: work.state === 'failed' ? protocol.failure(work, route).message : undefined,
			timedOut: work.state === 'pending' || undefined,
		};
		if (work.state === 'succeeded') return { kind: 'finished', work, common: { ...protocol.fields({ kind: 'finished', work }, route), ...extra } };
		const fields = { ...protocol.fields({ kind: 'pending', id: work.id ?? '', status: work.status, fields: work.fields, timedOut: false }, route), ...extra };
		if (resume.includeRaw) fields.raw = work.answer.raw;
		return { kind: 'pending', fields };
	});
}

/** The picked jobs; positions count in the order the batch's jobs were created (their ids). */
function pickJobs(works: WorkStatus[], pick: BatchPick): WorkStatus[] {
	if (pick === 'all') return works;
	if ('key' in pick) return works.filter((work) => work.key === pick.key).slice(0, 1);
	const ordered = [...works].sort((a, b) => Number(a.id) - Number(b.id));
	return ordered.slice(pick.position, pick.position + 1);
}

/**
 * What each Get Result item of a run picks from the batch it resumes: its video's job when it names the
 * video; otherwise, when several items resume the same batch, the job at its position (the one Submit
 * Only put on it, else its place among those items); a lone item gets every job.
 */
export function batchPicks(resumers: Array<{ index: number; id: string; key: string; position?: number }>): Map<number, BatchPick> {
	const picks = new Map<number, BatchPick>();
	const unnamed = new Map<string, Array<{ index: number; position?: number }>>();
	for (const resumer of resumers) {
		if (resumer.key) picks.set(resumer.index, { key: resumer.key });
		else unnamed.set(resumer.id, [...(unnamed.get(resumer.id) ?? []), resumer]);
	}
	for (const items of unnamed.values()) {
		if (items.length === 1) picks.set(items[0].index, 'all');
		else items.forEach((item, place) => picks.set(item.index, { position: item.position ?? place }));
	}
	return picks;
}

const batchWaits = new WeakMap<object, Map<string, Promise<Awaited<ReturnType<typeof waitForBatch>>>>>();

/** One wait per batch id per run (`shared` is the run), however many items resume it. */
function sharedBatchWait(shared: object, id: string, start: () => ReturnType<typeof waitForBatch>) {
	let waits = batchWaits.get(shared);
	if (!waits) batchWaits.set(shared, (waits = new Map()));
	let pending = waits.get(id);
	if (!pending) waits.set(id, (pending = start()));
	return pending;
}
