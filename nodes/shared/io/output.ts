import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { contextOf } from '../core/errors';

/** Drops undefined fields so items stay compact and stable for the next node (and for AI agents). */
export function compact<T extends IDataObject>(value: T): T {
	const result: IDataObject = {};
	for (const [key, field] of Object.entries(value)) {
		if (field === undefined) continue;
		result[key] =
			field && typeof field === 'object' && !Array.isArray(field) && !Buffer.isBuffer(field)
				? compact(field as IDataObject)
				: field;
	}
	return result as T;
}

export function itemFor(json: IDataObject, itemIndex: number): INodeExecutionData {
	return { json: compact(json), pairedItem: { item: itemIndex } };
}

/** The Continue On Fail item: the error in words plus everything needed to retry or resume. */
export function errorItem(error: Error & { description?: string | null }, itemIndex: number, extra: IDataObject = {}): INodeExecutionData {
	const context = contextOf(error);
	return itemFor(
		{
			error: error.message,
			errorDescription: error.description ?? undefined,
			errorCode: context.errorCode,
			httpCode: context.httpCode,
			requestId: context.requestId,
			taskId: context.taskId,
			status: context.status,
			serviceId: context.serviceId,
			jobId: context.jobId,
			batchId: context.batchId,
			...extra,
		},
		itemIndex,
	);
}

/** One item per list entry when the user asks to split, each still paired with its input item. */
export function splitIntoItems(entries: IDataObject[], shared: IDataObject, itemIndex: number): INodeExecutionData[] {
	return entries.map((entry, index) => itemFor({ ...shared, index, ...entry }, itemIndex));
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
