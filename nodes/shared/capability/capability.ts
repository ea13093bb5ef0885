import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { itemFor } from '../io/output';
import { ItemStaging } from '../staging/itemStaging';
import { stagerFor } from '../staging/stager';
import { operationError } from '../core/errors';
import { isToolCall } from '../core/toolMode';
import type { Answer, Operation, Protocol, WorkStatus } from '../work/work';

/**
 * A capability is everything that makes one node different from the others: its service route,
 * whether it is asynchronous, its default request rate, how one item becomes a request and how an
 * answer becomes the item's output. One runner (runCapability) does the rest for every node.
 */
export interface Capability<R = unknown> {
	/** The service family's protocol: how it submits, checks and calls. */
	protocol: Protocol;
	/** Documented (or conservative) requests per second: the Max Requests per Second default. */
	defaultQps: number;
	/** Whether the node has the Submit and Wait / Submit Only / Get Result operations; otherwise every item is one call. */
	async: boolean;
	/** The service route of an item: AI Search `{service type}/{service id}`, PAI `images` or `videos`. */
	route(item: ItemContext): string;
	/**
	 * Phase one, every operation (Get Result included): checks the parameters that shape the output, so a
	 * wrong one is refused before anything is sent rather than after the work was paid for.
	 */
	check?(item: ItemContext): void;
	/** Phase one: reads and checks everything the request needs, without reading file bytes. */
	prepare(item: ItemContext): Promise<Prepared<R>> | Prepared<R>;
	/** Phase two, when the item's turn comes: the request body (this is where file bytes are read). */
	body(request: R, item: ItemContext): Promise<IDataObject> | IDataObject;
	/** The item's result fields (one output item), or its output items (split lists, binaries). */
	output(answer: Answer, item: OutputContext<R>): Promise<IDataObject | INodeExecutionData[]> | IDataObject | INodeExecutionData[];
	/** What Include Raw Response shows, when it is not the answer as received. */
	raw?(answer: Answer): IDataObject;
	/** Many items as one piece of work (PAI batch jobs). */
	batch?: BatchMode<R>;
}

/** One input item, as a capability sees it. */
export interface ItemContext {
	readonly ctx: IExecuteFunctions;
	readonly index: number;
	readonly operation: Operation;
	/** The item's Options collection. */
	readonly options: IDataObject;
	param<T = unknown>(name: string, fallback?: T): T;
	/** An item error naming the problem and the fix. */
	fail(message: string, fix: string): NodeOperationError;
	/** Files this item stages through the user's OSS bucket (large binaries, services without uploads). */
	readonly staging: ItemStaging;
	/**
	 * Called by an AI agent (see core/toolMode): the answer is JSON a model reads. n8n drops binary data
	 * from tool answers, so capabilities that produce files say what they are and, where they can, link them.
	 */
	readonly tool: boolean;
}

export interface Prepared<R> {
	request: R;
	/** Fields every output item of this input carries (source, video URL). */
	fields?: IDataObject;
}

export interface OutputContext<R> extends ItemContext {
	/** The prepared request (absent for Get Result). */
	request?: R;
	/** The bookkeeping fields the runner adds to every output item (ids, status, source, raw). */
	common: IDataObject;
	work: WorkStatus;
}

export function itemContext(ctx: IExecuteFunctions, index: number, operation: Operation): ItemContext {
	const options = ctx.getNodeParameter('options', index, {}) as IDataObject;
	return {
		ctx,
		index,
		operation,
		options,
		staging: new ItemStaging(stagerFor(ctx), index, options.keepStagedFiles === true),
		tool: isToolCall(ctx),
		param: <T>(name: string, fallback?: T) => ctx.getNodeParameter(name, index, fallback as never) as T,
		fail: (message: string, fix: string) => operationError(ctx.getNode(), message, index, fix),
	};
}

/** The id a Get Result item resumes: present and well-formed, or an error that says so. */
export function readResumeId(item: ItemContext, label: string, parameter: string, problem: (id: string) => string | undefined): string {
	const id = String(item.param(parameter, '') ?? '').trim();
	if (id === '') {
		throw item.fail(`The ${label} is empty`, `Map the ${label} of a Submit Only output (for example {{ $json.${parameter} }}), or paste it from the error that named it.`);
	}
	const issue = problem(id);
	if (issue) throw item.fail(issue, `Check that the ${label} comes from this node's service.`);
	return id;
}

/** The output items of finished work: the capability's result with the runner's bookkeeping fields. */
export async function shapeOutput<R>(
	capability: Capability<R>,
	work: WorkStatus,
	context: Omit<OutputContext<R>, 'work'>,
): Promise<INodeExecutionData[]> {
	const { answer } = work;
	if (context.options.includeRaw === true) context.common.raw = capability.raw?.(answer) ?? answer.raw;
	const result = await capability.output(answer, { ...context, work });
	const items = Array.isArray(result) ? result : [itemFor({ ...result, ...context.common }, context.index)];
	// A binary never reaches a model (n8n omits it from tool answers); the capabilities answer in JSON instead.
	if (context.tool) for (const item of items) delete item.binary;
	return items;
}

/** Batch mode of a capability: many items sent as one piece of work, each result back to its item. */
export interface BatchMode<R> {
	/** Whether this run sends its items as batches (read from the first item). */
	enabled(first: ItemContext): boolean;
	/** Most items per batch. */
	size(first: ItemContext): number;
	/**
	 * Most batch submissions per second. One submission creates many jobs, so the batch endpoint allows
	 * fewer than the node's request budget; the budget still applies to every request.
	 */
	submitsPerSecond: number;
	/** The batch request body for these items' requests. */
	body(requests: R[]): IDataObject;
	/** What the service echoes per job, telling which item it belongs to (the video URL). */
	key(request: R): string;
	/** Whether a Get Result item resumes a whole batch rather than one job. */
	resumes(item: ItemContext): boolean;
	/** The only key to output from a resumed batch; '' outputs every job of the batch (or, several items resuming it, one each). */
	resumeKey(item: ItemContext): string;
	/** The job's position in its batch that Submit Only put on the item (`batchPosition`), if it carries one. */
	resumePosition(item: ItemContext): number | undefined;
}
