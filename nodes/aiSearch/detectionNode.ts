import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { AI_SEARCH_QPS, DEFAULT_MAX_ITEMS_IN_FLIGHT } from '../shared/constants';
import { inputProperties, requestOptions, splitOption } from '../shared/descriptions';
import type { ResolvedInput } from '../shared/input';
import { readInputSpec, resolveInput } from '../shared/input';
import { runItems } from '../shared/pipeline';
import { readClientOptions } from '../shared/transport/options';
import type { TaskSnapshot } from './api';
import { createAiSearchApi } from './api';
import { OBJECT_DETECTION_SERVICES, objectDetectionBody } from './objectDetection';
import { callSync } from './task';

/** The parameters of the detection nodes: service, image input, confidence filter, split and request options. */
export function detectionProperties(config: {
	serviceLabel: string;
	serviceDescription?: string;
	confidenceDescription: string;
	splitNoun: string;
}): INodeProperties[] {
	const service: INodeProperties = {
		displayName: 'Service',
		name: 'serviceId',
		type: 'options',
		options: OBJECT_DETECTION_SERVICES,
		default: 'ops-object-detect-001',
		description: config.serviceDescription,
	};
	service.displayName = config.serviceLabel;
	return [
		service,
		...inputProperties({ noun: 'image', types: ['binary', 'url', 'base64'] }),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Minimum Confidence',
					name: 'minConfidence',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
					default: 0,
					description: config.confidenceDescription,
				},
				splitOption({ noun: config.splitNoun }),
				...requestOptions({ defaultQps: AI_SEARCH_QPS['image-object-detection'] }),
			],
		},
	];
}

/**
 * The execute() of the synchronous detection nodes (Object Detection, Main Subject): one request per
 * item to `image-object-detection/{serviceId}`, no task; `toItems` shapes the answer.
 */
export async function executeDetectionNode(
	ctx: IExecuteFunctions,
	toItems: (
		snapshot: TaskSnapshot,
		input: ResolvedInput,
		common: IDataObject,
		itemIndex: number,
		options: IDataObject,
	) => INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const firstOptions = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const api = await createAiSearchApi(
		ctx,
		'image-object-detection',
		readClientOptions(firstOptions, AI_SEARCH_QPS['image-object-detection']),
	);
	const items = await runItems(
		ctx,
		async (itemIndex, signal) => {
			const serviceId = ctx.getNodeParameter('serviceId', itemIndex) as string;
			const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const input = await resolveInput(ctx, itemIndex, readInputSpec(ctx, itemIndex));
			const snapshot = await callSync(api, serviceId, '', objectDetectionBody(input), { itemIndex, signal });
			const common: IDataObject = {
				serviceId,
				requestId: snapshot.requestId,
				source: { ...input.source },
				raw: options.includeRaw ? snapshot.raw : undefined,
			};
			return toItems(snapshot, input, common, itemIndex, options);
		},
		DEFAULT_MAX_ITEMS_IN_FLIGHT,
	);
	return [items];
}
