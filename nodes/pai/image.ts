import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_ITEMS_IN_FLIGHT } from '../shared/constants';
import { inputProperties } from '../shared/descriptions';
import type { SourceInfo } from '../shared/input';
import { readInputSpec, resolveInput } from '../shared/input';
import { runItems } from '../shared/pipeline';
import { readClientOptions } from '../shared/transport/options';
import type { PaiAnswer } from './api';
import { createPaiApi } from './api';
import { PAI_QPS } from './constants';

/** URL (the documented input) or a binary property, sent as base64 in the same `image` field. */
export function imageInputProperties(show?: Record<string, string[]>): INodeProperties[] {
	return inputProperties({ noun: 'image', types: ['url', 'binary'], show });
}

export interface ImageCall {
	/** The /api/v1/images body for this item's image (a URL or base64). */
	body(itemIndex: number, image: string): IDataObject;
	/** Output items for this item's answer, each paired with the item. */
	items(answer: PaiAnswer, itemIndex: number, source: SourceInfo, options: IDataObject): Promise<INodeExecutionData[]> | INodeExecutionData[];
}

/** Runs a synchronous PAI image action for every input item (concurrently, under the QPS budget). */
export async function runImageNode(ctx: IExecuteFunctions, call: ImageCall): Promise<INodeExecutionData[]> {
	const firstOptions = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const api = await createPaiApi(ctx, readClientOptions(firstOptions, PAI_QPS.image));
	return await runItems(
		ctx,
		async (itemIndex, signal) => {
			const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const input = await resolveInput(ctx, itemIndex, readInputSpec(ctx, itemIndex));
			const answer = await api.image(call.body(itemIndex, input.url ?? input.base64 ?? ''), { itemIndex, signal });
			return await call.items(answer, itemIndex, input.source, options);
		},
		DEFAULT_MAX_ITEMS_IN_FLIGHT,
	);
}
