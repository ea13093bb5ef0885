import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { BatchEntry, BatchPick, JobDelivery } from './batchMode';
import { batchPicks, resumeBatchJob, runBatchJob } from './batchMode';
import type { Capability, ItemContext, Prepared } from './capability';
import { itemContext, readResumeId, shapeOutput } from './capability';
import { inFlightLimit } from './inFlight';
import { itemFor } from '../io/output';
import { RunState, runItems } from './pipeline';
import { SubmittedWork } from '../work/submittedWork';
import type { WaitSettings } from '../work/poll';
import { readWaitSettings } from '../work/poll';
import { reportUndelivered } from './stopReport';
import { summarizeRun } from './runSummary';
import { NOTHING_SENT, sentences, toItemError } from '../core/errors';
import { readClientOptions } from '../transport/options';
import type { ClientSettings, ServiceClient } from '../transport/request';
import { createServiceClient } from '../transport/request';
import { capitalize } from '../core/values';
import { isToolCall } from '../core/toolMode';
import { CancelledError } from '../core/time';
import { assertLoadedN8nWorkflow } from '../core/floor';
import type { Operation } from '../work/work';
import { runWork } from '../work/work';

// Every node imports the runner, so this runs when n8n loads a node file, before the node's description reads
// NodeConnectionTypes.Main: on an n8n too old for the package, the load fails with the floor named.
assertLoadedN8nWorkflow();

/**
 * The one runner, told in the order a run happens:
 *   the run       its operation, item 0 (context and route, built once) and the throughput it asks for;
 *   prepare       every item's request checked and planned (parameters, URLs, binaries by metadata, ids),
 *                 reading no file bytes; with an invalid item and Continue On Fail off nothing is sent;
 *   admit         the run joins the request budget of its account and service;
 *   run           the items pipelined under that budget, or in batch mode as batch jobs, file bytes read
 *                 only when an item's turn comes;
 *   shape         each item's finished work becomes its output items as it ends, in input order;
 *   report        a stopped or failed run names the work it did not deliver; the run's one-line summary.
 */
export async function runCapability<R>(ctx: IExecuteFunctions, capability: Capability<R>): Promise<INodeExecutionData[][]> {
	const { protocol } = capability;

	// The run.
	const operation: Operation = capability.async ? (ctx.getNodeParameter('operation', 0) as Operation) : 'sync';
	const first = itemContext(ctx, 0, operation);
	const settings = readRunSettings(ctx, capability, first);
	const firstRoute = routeOf(capability, first);
	const batched = operation !== 'getResult' && capability.batch?.enabled(first) === true;
	const trail = { logger: ctx.logger, executionId: String(ctx.getExecutionId?.() ?? ''), node: ctx.getNode().name, family: protocol.family };
	const run = new RunState(ctx, new SubmittedWork({ plural: capitalize(batched ? 'batches' : `${protocol.terms.noun}s`) }, trail));

	// Prepare every item.
	const ready: Array<ReadyItem<R>> = [];
	for (let index = 0; index < run.results.length; index++) {
		try {
			const item = index === 0 ? first : itemContext(ctx, index, operation);
			ready.push(await prepareItem(capability, item, index === 0 ? firstRoute : undefined));
		} catch (error) {
			run.failures.record(index, error);
		}
	}
	run.failures.throwFirst(NOTHING_SENT);
	pickResumedJobs(ready);

	// Admit: one budget per account and service (AI Search's service type, PAI's images or videos).
	const client = await createServiceClient(ctx, protocol.family, settings, protocol.readErrorBody, firstRoute.route.split('/')[0] || protocol.family);
	try {
		// Run, and shape each item's output as its work ends.
		if (batched) {
			await runBatches(capability, client, run, ready, operation, firstRoute.route);
		} else {
			const byIndex = new Map(ready.map((entry) => [entry.item.index, entry]));
			await runItems(
				run,
				ready.map((entry) => entry.item.index),
				async (index, signal) => await shape(capability, byIndex.get(index)!, await runOne(capability, client, run, byIndex.get(index)!, signal)),
				inFlightLimit(client, firstRoute.route, settings.maxConcurrentRequests),
			);
		}
	} finally {
		client.leave();
	}

	// Report.
	const resumeWith = batched ? 'the Get Result operation and Resume By Batch ID' : 'the Get Result operation';
	if (run.cancelled) {
		reportUndelivered(ctx, run.submitted, 'stopped', resumeWith);
		throw new CancelledError();
	}
	if (run.failures.count > 0) run.failures.throwFirst(reportUndelivered(ctx, run.submitted, 'failed', resumeWith));
	const output = run.output();
	summarizeRun(ctx, output, operation, protocol.terms.idLabel);
	return [output];
}

/** An item after the prepare phase: everything its run needs. */
interface ReadyItem<R> {
	item: ItemContext;
	route: string;
	wait: WaitSettings;
	/** Get Result: the task or job it resumes. */
	id?: string;
	/** Get Result by batch id: the batch, and which of its jobs this item gets (decided once every item is ready). */
	resume?: { id: string; key: string; position?: number; pick?: BatchPick };
	prepared?: Prepared<R>;
}

/** The throughput settings the run asks for, from item 0's options (a wrong value is item 0's error). */
function readRunSettings<R>(ctx: IExecuteFunctions, capability: Capability<R>, first: ItemContext): ClientSettings {
	try {
		return readClientOptions(first.options, capability.defaultQps);
	} catch (error) {
		const refused = toItemError(ctx.getNode(), error, 0);
		refused.description = sentences(refused.description, NOTHING_SENT);
		throw refused;
	}
}

/** Item 0's route, computed once: the budget and the in-flight limit follow it. '' when its parameters are wrong. */
function routeOf<R>(capability: Capability<R>, first: ItemContext): { route: string; problem?: unknown } {
	try {
		return { route: capability.route(first) };
	} catch (problem) {
		return { route: '', problem };
	}
}

async function prepareItem<R>(capability: Capability<R>, item: ItemContext, known?: { route: string; problem?: unknown }): Promise<ReadyItem<R>> {
	const { protocol } = capability;
	const { terms } = protocol;
	if (known?.problem !== undefined) throw known.problem;
	const tool = isToolCall(item.ctx);
	const ready: ReadyItem<R> = { item, route: known?.route ?? capability.route(item), wait: readWaitSettings(item.options, terms, { tool }) };
	capability.check?.(item);
	if (item.operation === 'getResult') {
		const mode = capability.batch;
		if (mode?.resumes(item) && protocol.batch) {
			const batch = protocol.batch;
			const id = readResumeId(item, batch.terms.idLabel, batch.terms.idParameter, batch.idProblem);
			ready.resume = { id, key: mode.resumeKey(item), position: mode.resumePosition(item) };
		} else {
			ready.id = readResumeId(item, terms.idLabel, terms.idParameter, protocol.idProblem);
		}
	} else {
		item.staging.coverWait(ready.wait.timeoutMs);
		ready.prepared = await capability.prepare(item);
	}
	return ready;
}

/** Items that resume a batch learn which of its jobs are theirs, from every item of the run at once. */
function pickResumedJobs<R>(ready: Array<ReadyItem<R>>): void {
	const resumers = ready.filter((entry) => entry.resume !== undefined);
	const picks = batchPicks(resumers.map((entry) => ({ index: entry.item.index, ...entry.resume! })));
	for (const entry of resumers) entry.resume!.pick = picks.get(entry.item.index);
}

/** The run phase of one item: its work through the work layer (or its jobs of a resumed batch). */
async function runOne<R>(capability: Capability<R>, client: ServiceClient, run: RunState, ready: ReadyItem<R>, signal: AbortSignal): Promise<JobDelivery[]> {
	const { protocol } = capability;
	const { item, route, prepared, resume } = ready;
	if (resume) {
		const batchRun = { client, signal, submitted: run.submitted, operation: item.operation, wait: ready.wait, route, shared: run };
		return await resumeBatchJob(protocol, batchRun, { index: item.index, id: resume.id, pick: resume.pick ?? 'all', includeRaw: item.options.includeRaw === true });
	}
	const scope = { itemIndex: item.index, signal };
	// The item's staged files are deleted once its work has ended, however it ended (see ItemStaging.settle).
	let outcome: Awaited<ReturnType<typeof runWork>> | undefined;
	let failure: unknown;
	try {
		outcome = await runWork(
			protocol,
			client,
			item.operation,
			{ route, id: ready.id, body: prepared ? async () => await capability.body(prepared.request, item) : undefined },
			ready.wait,
			scope,
			run.submitted,
		);
	} catch (error) {
		failure = error;
	}
	if (outcome === undefined) {
		await item.staging.settle({ kind: 'failed', error: failure });
		throw failure;
	}
	await item.staging.settle(outcome.kind === 'pending' ? { kind: 'pending', timedOut: outcome.timedOut } : { kind: 'finished' });
	const common = { ...protocol.fields(outcome, route), ...prepared?.fields };
	return [outcome.kind === 'pending' ? { kind: 'pending', fields: common } : { kind: 'finished', work: outcome.work, common }];
}

/** Batch mode's run phase: the ready items in groups of the batch size, each group one batch job. */
async function runBatches<R>(capability: Capability<R>, client: ServiceClient, run: RunState, ready: Array<ReadyItem<R>>, operation: Operation, route: string): Promise<void> {
	const mode = capability.batch!;
	if (ready.length === 0) return;
	const first = ready[0];
	let size: number;
	try {
		size = mode.size(first.item);
	} catch (error) {
		run.failures.record(first.item.index, error);
		run.failures.throwFirst(NOTHING_SENT);
		return;
	}
	const batchRun = { client, signal: run.signal, submitted: run.submitted, operation, wait: first.wait, route };
	const groups: Array<Array<ReadyItem<R>>> = [];
	for (let i = 0; i < ready.length; i += size) groups.push(ready.slice(i, i + size));
	const entryOf = (entry: ReadyItem<R>): BatchEntry<R> => ({ index: entry.item.index, request: entry.prepared!.request, fields: entry.prepared!.fields });

	await Promise.all(
		groups.map(async (group) => {
			if (run.signal.aborted) return;
			let deliveries: JobDelivery[];
			try {
				deliveries = await runBatchJob(capability.protocol, mode, batchRun, group.map(entryOf));
			} catch (thrown) {
				if (thrown instanceof CancelledError) return;
				for (const entry of group) run.failures.record(entry.item.index, thrown);
				return;
			}
			for (const [position, entry] of group.entries()) {
				const index = entry.item.index;
				try {
					run.results[index] = await shape(capability, entry, [deliveries[position]]);
					run.submitted.settle(index, 'finished');
				} catch (error) {
					run.submitted.settle(index, 'failed');
					run.failures.record(index, error);
				}
			}
		}),
	);
}

/** The shape phase of one item: its finished work through the capability's output, pending work as it stands. */
async function shape<R>(capability: Capability<R>, ready: ReadyItem<R>, deliveries: JobDelivery[]): Promise<INodeExecutionData[]> {
	const { item } = ready;
	const output: INodeExecutionData[] = [];
	for (const delivery of deliveries) {
		if (delivery.kind === 'failed') throw delivery.error;
		if (delivery.kind === 'pending') output.push(itemFor(delivery.fields, item.index));
		else output.push(...(await shapeOutput(capability, delivery.work, { ...item, request: ready.prepared?.request, common: delivery.common })));
	}
	return output;
}
