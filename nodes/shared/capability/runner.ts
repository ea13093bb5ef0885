import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resumeBatch, runBatches } from './batchMode';
import type { Capability, ItemContext, Prepared } from './capability';
import { itemContext, readResumeId, shapeOutput } from './capability';
import { inFlightLimit } from './inFlight';
import { itemFor } from '../io/output';
import { NOTHING_SENT, RunState, runItems } from './pipeline';
import { SubmittedWork } from '../work/submittedWork';
import type { WaitSettings } from '../work/poll';
import { readWaitSettings } from '../work/poll';
import { reportUndelivered } from './stopReport';
import { summarizeRun } from './runSummary';
import { toItemError } from '../core/errors';
import { readClientOptions } from '../transport/options';
import type { ServiceClient } from '../transport/request';
import { createServiceClient } from '../transport/request';
import { capitalize } from '../core/values';
import { CancelledError } from '../core/time';
import { assertLoadedN8nWorkflow } from '../core/floor';
import type { Operation } from '../work/work';
import { runWork } from '../work/work';

// Every node imports the runner, so this runs when n8n loads a node file, before the node's description reads
// NodeConnectionTypes.Main: on an n8n too old for the package, the load fails with the floor named.
assertLoadedN8nWorkflow();

/** An item ready for phase two. */
interface ReadyItem<R> {
	item: ItemContext;
	route: string;
	wait: WaitSettings;
	id?: string;
	prepared?: Prepared<R>;
}

async function prepareItem<R>(capability: Capability<R>, item: ItemContext): Promise<ReadyItem<R>> {
	const { terms } = capability.protocol;
	// isToolExecution exists from n8n-workflow 2.x on; on 1.x (n8n 1.123) the context has no such member.
	const tool = 'isToolExecution' in item.ctx && typeof item.ctx.isToolExecution === 'function' && item.ctx.isToolExecution() === true;
	const ready: ReadyItem<R> = { item, route: capability.route(item), wait: readWaitSettings(item.options, terms, { tool }) };
	if (item.operation === 'getResult') {
		if (!capability.batch?.resumes(item)) ready.id = readResumeId(item, terms.idLabel, terms.idParameter, capability.protocol.idProblem);
	} else {
		item.staging.coverWait(ready.wait.timeoutMs);
		ready.prepared = await capability.prepare(item);
	}
	return ready;
}

/** Runs one ready item through the work layer and shapes its output. */
async function runOne<R>(capability: Capability<R>, client: ServiceClient, run: RunState, ready: ReadyItem<R>, signal: AbortSignal) {
	const { protocol } = capability;
	const { item, route, prepared } = ready;
	const scope = { itemIndex: item.index, signal };
	if (item.operation === 'getResult' && capability.batch?.resumes(item)) {
		return await resumeBatch(capability, client, run, item, ready.wait, scope);
	}
	const request = prepared?.request;
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
	const common: IDataObject = { ...protocol.fields(outcome, route), ...prepared?.fields };
	if (outcome.kind === 'pending') return [itemFor(common, item.index)];
	return await shapeOutput(capability, outcome.work, { ...item, request, common });
}

/** The first item's route, or '' when its parameters are wrong (its preparation reports that). */
function routeOf<R>(capability: Capability<R>, first: ItemContext): string {
	try {
		return capability.route(first);
	} catch {
		return '';
	}
}

/**
 * The one runner. Phase one prepares every item's request (parameters, URLs, binaries by metadata,
 * base64, ids); with an invalid item and Continue On Fail off nothing is sent. Phase two runs the
 * items pipelined under the service's request budget (or as batches), reading file bytes only when
 * an item's turn comes. Output keeps input order and pairing.
 */
export async function runCapability<R>(ctx: IExecuteFunctions, capability: Capability<R>): Promise<INodeExecutionData[][]> {
	const { protocol } = capability;
	const count = ctx.getInputData().length;
	const operation: Operation = capability.async ? (ctx.getNodeParameter('operation', 0) as Operation) : 'sync';
	const first = itemContext(ctx, 0, operation);
	let settings: ReturnType<typeof readClientOptions>;
	try {
		settings = readClientOptions(first.options, capability.defaultQps);
	} catch (error) {
		throw toItemError(ctx.getNode(), error, 0);
	}
	const firstRoute = routeOf(capability, first);
	// One budget per account and service: AI Search's service type, PAI's images or videos.
	const client = await createServiceClient(ctx, protocol.family, settings, protocol.readErrorBody, firstRoute.split('/')[0] || protocol.family);
	const batched = operation !== 'getResult' && capability.batch?.enabled(first) === true;
	const noun = batched ? 'batches' : `${protocol.terms.noun}s`;
	const run = new RunState(ctx, new SubmittedWork({ plural: capitalize(noun) }));

	try {
		if (batched) {
			await runBatches(capability, client, run, operation);
		} else {
			const ready: Array<ReadyItem<R>> = [];
			for (let index = 0; index < count; index++) {
				try {
					ready.push(await prepareItem(capability, itemContext(ctx, index, operation)));
				} catch (error) {
					run.failures.record(index, error);
				}
			}
			run.failures.throwFirst(NOTHING_SENT);
			const byIndex = new Map(ready.map((entry) => [entry.item.index, entry]));
			await runItems(
				run,
				ready.map((entry) => entry.item.index),
				async (index, signal) => await runOne(capability, client, run, byIndex.get(index)!, signal),
				inFlightLimit(client, firstRoute, settings.maxConcurrentRequests),
			);
		}
	} finally {
		client.leave();
	}
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
