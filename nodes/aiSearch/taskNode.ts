import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AiSearchServiceType } from '../shared/constants';
import { AI_SEARCH_QPS, DEFAULT_MAX_ITEMS_IN_FLIGHT } from '../shared/constants';
import type { SourceInfo } from '../shared/input';
import { itemFor, splitIntoItems } from '../shared/output';
import { readWaitSettings } from '../shared/poll';
import { runItems } from '../shared/pipeline';
import { readClientOptions } from '../shared/transport/options';
import { createAiSearchApi } from './api';
import type { TaskOperation, TaskOutcome } from './task';
import { runTask, taskFields } from './task';

export interface TaskRequest {
	body: IDataObject;
	source?: SourceInfo | IDataObject;
}

export interface TaskNodeConfig {
	serviceType: AiSearchServiceType;
	/** The service id, or a reader of it per item when the node lets the user choose. */
	serviceId: string | ((itemIndex: number) => string);
	/** Builds one item's request body (Submit and Wait, Submit Only). */
	buildRequest(itemIndex: number, options: IDataObject): Promise<TaskRequest>;
	/** Turns one finished task into the item's output; `common` holds the task fields and source. */
	toItems(
		outcome: Extract<TaskOutcome, { kind: 'finished' }>,
		common: IDataObject,
		itemIndex: number,
		options: IDataObject,
	): Promise<INodeExecutionData[]> | INodeExecutionData[];
}

/**
 * The execute() of an asynchronous AI Search node: Submit and Wait / Submit Only / Get Result (and
 * Synchronous where the service has a /sync route) for
 * every item, pipelined under the service's budget. Pending tasks (Submit Only, a timeout with
 * "Output the Pending Task") become one item with the task fields, ready for Get Result.
 */
export async function executeTaskNode(ctx: IExecuteFunctions, config: TaskNodeConfig): Promise<INodeExecutionData[][]> {
	const operation = ctx.getNodeParameter('operation', 0) as TaskOperation;
	const firstOptions = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const defaultQps = AI_SEARCH_QPS[config.serviceType];
	const api = await createAiSearchApi(ctx, config.serviceType, readClientOptions(firstOptions, defaultQps));

	const items = await runItems(
		ctx,
		async (itemIndex, signal, tasks) => {
			const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const serviceId = typeof config.serviceId === 'string' ? config.serviceId : config.serviceId(itemIndex);
			const request = operation === 'getResult' ? undefined : await config.buildRequest(itemIndex, options);
			const outcome = await runTask(
				api,
				operation,
				serviceId,
				{
					body: request?.body,
					taskId: operation === 'getResult' ? (ctx.getNodeParameter('taskId', itemIndex) as string) : undefined,
				},
				readWaitSettings(options),
				{ itemIndex, signal },
				tasks,
			);
			const common: IDataObject = {
				...taskFields(outcome, serviceId),
				source: request?.source ? { ...request.source } : undefined,
			};
			if (outcome.kind === 'pending') return [itemFor(common, itemIndex)];
			if (options.includeRaw) common.raw = outcome.snapshot.raw;
			return await config.toItems(outcome, common, itemIndex, options);
		},
		DEFAULT_MAX_ITEMS_IN_FLIGHT,
	);
	return [items];
}

/** One item with the whole result, or (split) one item per list entry; an empty list stays one item. */
export function listItems(
	result: IDataObject,
	entries: IDataObject[],
	shared: IDataObject,
	common: IDataObject,
	itemIndex: number,
	split: boolean,
): INodeExecutionData[] {
	if (split && entries.length > 0) return splitIntoItems(entries, { ...shared, ...common }, itemIndex);
	return [itemFor({ ...result, ...common }, itemIndex)];
}
