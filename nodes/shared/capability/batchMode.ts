import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { pacedBatchSubmission } from '../scheduler/batchPacing';
import { budgetKey } from '../scheduler/budgetRegistry';
import type { Capability, ItemContext, Prepared } from './capability';
import { itemContext, readResumeId, shapeOutput } from './capability';
import { itemFor } from '../io/output';
import { NOTHING_SENT } from './pipeline';
import type { RunState } from './pipeline';
import type { WaitSettings } from '../work/poll';
import { readWaitSettings } from '../work/poll';
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

interface Entry<R> {
	item: ItemContext;
	prepared: Prepared<R>;
}

/**
 * Batch mode: every item is prepared first (nothing is sent while an item is invalid and Continue
 * On Fail is off), then the items go out as batches of up to the batch size, each polled as a whole;
 * every job comes back to its own item. A failed job is that item's error only.
 */
export async function runBatches<R>(capability: Capability<R>, client: ServiceClient, run: RunState, operation: Operation): Promise<void> {
	const { protocol } = capability;
	const mode = capability.batch!;
	const batch = batchProtocol(protocol);
	const count = run.results.length;
	const entries: Array<Entry<R>> = [];
	for (let index = 0; index < count; index++) {
		const item = itemContext(run.ctx, index, operation);
		try {
			entries.push({ item, prepared: await capability.prepare(item) });
		} catch (error) {
			run.failures.record(index, error);
		}
	}
	run.failures.throwFirst(NOTHING_SENT);
	if (entries.length === 0) return;
	const first = entries[0].item;
	let size: number;
	let wait: WaitSettings;
	try {
		size = mode.size(first);
		wait = readWaitSettings(first.options, protocol.terms);
	} catch (error) {
		run.failures.record(first.index, error);
		run.failures.throwFirst(NOTHING_SENT);
		return;
	}
	const route = capability.route(first);
	const groups: Array<Array<Entry<R>>> = [];
	for (let i = 0; i < entries.length; i += size) groups.push(entries.slice(i, i + size));

	const runGroup = async (group: Array<Entry<R>>) => {
		if (run.signal.aborted) return;
		const scope: CallScope = { itemIndex: group[0].item.index, signal: run.signal };
		let id: string | undefined;
		try {
			const body = mode.body(
				group.map((entry) => entry.prepared.request),
				group[0].item,
			);
			const paceKey = budgetKey(client.target, `${route} batch submissions`);
			const submitted = await pacedBatchSubmission(paceKey, 1000 / mode.submitsPerSecond, run.signal, async () => await batch.submit(client, route, body, scope));
			id = submitted.id;
			for (const entry of group) run.submitted.add(entry.item.index, `${batch.terms.noun} ${id}`);
			if (operation === 'submitOnly') {
				for (const entry of group) {
					run.results[entry.item.index] = [
						itemFor({ batchId: id, ...entry.prepared.fields, state: 0, status: 'submitted', requestId: submitted.requestId }, entry.item.index),
					];
					run.submitted.settle(entry.item.index, 'finished');
				}
				return;
			}
			const polled = await waitForBatch(batch, client, id, group.length, wait, scope, route);
			const works = batch.match(
				group.map((entry) => mode.key(entry.prepared.request)),
				polled.works,
			);
			for (const [position, entry] of group.entries()) {
				await settleBatchItem(capability, client, run, { entry, work: works[position], batchId: id, polled, wait, scope });
			}
		} catch (thrown) {
			if (thrown instanceof CancelledError) return;
			for (const entry of group) {
				if (run.results[entry.item.index] === undefined) run.failures.record(entry.item.index, withContext(thrown, { batchId: id }));
			}
		}
	};
	await Promise.all(groups.map(runGroup));
}

/** One item of a polled batch: its result, its own failure, or (timed out) its pending job. */
async function settleBatchItem<R>(
	capability: Capability<R>,
	client: ServiceClient,
	run: RunState,
	settle: {
		entry: Entry<R>;
		work: WorkStatus | undefined;
		batchId: string;
		polled: { timedOut: boolean; status: string; requestId?: string };
		wait: WaitSettings;
		scope: CallScope;
	},
) {
	const { protocol } = capability;
	const batch = batchProtocol(protocol);
	const { entry, work, batchId, polled, wait } = settle;
	const { item, prepared } = entry;
	const scope = { ...settle.scope, itemIndex: item.index };
	const base = { batchId, ...prepared.fields };
	try {
		if (work && work.state === 'succeeded') {
			const common: IDataObject = { ...protocol.fields({ kind: 'finished', work }, capability.route(item)), ...base };
			delete common.requestId; // the batch's answer, not this job's
			run.results[item.index] = await shapeOutput(capability, work, { ...item, request: prepared.request, common });
		} else if (work && work.state === 'failed') {
			throw withContext(client.fail(protocol.failure(work, capability.route(item)), scope), protocol.context(work.id, capability.route(item), work));
		} else if (polled.timedOut && wait.onTimeout === 'output') {
			run.results[item.index] = [
				itemFor({ ...base, jobId: work?.id, ...(work?.fields ?? { state: 0 }), status: work?.status ?? 'submitted', timedOut: true }, item.index),
			];
		} else if (polled.timedOut) {
			throw withContext(batchTimeout(batch, client, batchId, polled.status, wait, scope), { jobId: work?.id });
		} else {
			throw withContext(client.fail({ code: 'MissingJob', message: `Batch ${batchId} has no job for ${capability.batch!.key(prepared.request)}` }, scope), {
				batchId,
			});
		}
		run.submitted.settle(item.index, 'finished');
	} catch (error) {
		run.submitted.settle(item.index, 'failed');
		run.failures.record(item.index, error);
	}
}

/**
 * Get Result by batch id: one item for the named key (the item's video), or one item per job of the
 * batch. Items that name the same batch share its status checks.
 */
export async function resumeBatch<R>(
	capability: Capability<R>,
	client: ServiceClient,
	run: RunState,
	item: ItemContext,
	wait: WaitSettings,
	scope: CallScope,
): Promise<INodeExecutionData[]> {
	const { protocol } = capability;
	const batch = batchProtocol(protocol);
	const mode = capability.batch!;
	const id = readResumeId(item, batch.terms.idLabel, batch.terms.idParameter, batch.idProblem);
	const key = mode.resumeKey(item);
	run.submitted.add(item.index, `${batch.terms.noun} ${id}`);
	const polled = await sharedBatchWait(run, id, () => waitForBatch(batch, client, id, 1, wait, scope));
	const works = key ? polled.works.filter((work) => work.key === key).slice(0, 1) : polled.works;
	// Several items resuming the whole of one batch: its jobs are output once, by the first of them.
	const firstItem = firstResumer(capability, run, id, key, item.index);
	if (firstItem !== item.index) {
		return [itemFor({ batchId: id, status: polled.status, jobCount: works.length, sameBatchAsItem: firstItem }, item.index)];
	}
	if (key && works.length === 0 && !polled.timedOut) {
		throw withContext(client.fail({ code: 'MissingJob', message: `Batch ${id} has no job for ${key}` }, scope), { batchId: id });
	}
	if (polled.timedOut && wait.onTimeout === 'error') throw batchTimeout(batch, client, id, polled.status, wait, scope);
	const route = capability.route(item);
	if (key && works[0]?.state === 'failed') {
		throw withContext(client.fail(protocol.failure(works[0], route), scope), protocol.context(works[0].id, route, works[0]));
	}
	if (works.length === 0) return [itemFor({ batchId: id, videoUrl: key || undefined, status: polled.status, timedOut: true }, item.index)];
	const items: INodeExecutionData[] = [];
	for (const work of works) {
		const extra: IDataObject = {
			batchId: id,
			requestId: polled.requestId,
			error: work.state === 'failed' ? protocol.failure(work, route).message : undefined,
			timedOut: work.state === 'pending' || undefined,
		};
		if (work.state === 'succeeded') {
			const common = { ...protocol.fields({ kind: 'finished', work }, route), ...extra };
			items.push(...(await shapeOutput(capability, work, { ...item, common })));
		} else {
			const common = { ...protocol.fields({ kind: 'pending', id: work.id ?? '', status: work.status, fields: work.fields, timedOut: false }, route), ...extra };
			if (item.options.includeRaw === true) common.raw = work.answer.raw;
			items.push(itemFor(common, item.index));
		}
	}
	return items;
}

const batchResumers = new WeakMap<RunState, Map<string, number>>();

/**
 * The lowest item that resumes the whole of this batch (no key), found once per run over every
 * item's parameters so concurrent items agree; items with a key output their own job.
 */
function firstResumer<R>(capability: Capability<R>, run: RunState, id: string, key: string, index: number): number {
	if (key) return index;
	let firsts = batchResumers.get(run);
	if (!firsts) {
		firsts = new Map();
		const batch = batchProtocol(capability.protocol);
		for (let other = 0; other < run.results.length; other++) {
			const item = itemContext(run.ctx, other, 'getResult');
			if (!capability.batch!.resumes(item) || capability.batch!.resumeKey(item)) continue;
			const otherId = String(item.param(batch.terms.idParameter, '') ?? '').trim();
			if (!firsts.has(otherId)) firsts.set(otherId, other);
		}
		batchResumers.set(run, firsts);
	}
	return firsts.get(id) ?? index;
}

const batchWaits = new WeakMap<RunState, Map<string, Promise<Awaited<ReturnType<typeof waitForBatch>>>>>();

/** One wait per batch id per run, however many items resume it. */
function sharedBatchWait(run: RunState, id: string, start: () => ReturnType<typeof waitForBatch>) {
	let waits = batchWaits.get(run);
	if (!waits) batchWaits.set(run, (waits = new Map()));
	let pending = waits.get(id);
	if (!pending) waits.set(id, (pending = start()));
	return pending;
}
