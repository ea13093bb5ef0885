import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeDetectionNode } from '../aiSearch/detectionNode';
import { normalizeDetection, OBJECT_DETECTION_SERVICES } from '../aiSearch/objectDetection';
import { listItems } from '../aiSearch/taskNode';
import { AI_SEARCH_QPS, CREDENTIAL_TYPE } from '../shared/constants';
import { inputProperties, requestOptions, splitOption } from '../shared/descriptions';

export class AlibabaObjectDetection implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Object Detection',
		name: 'alibabaObjectDetection',
		icon: { light: 'file:alibabaObjectDetection.svg', dark: 'file:alibabaObjectDetection.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["serviceId"] }}',
		description: 'Find objects or faces in images (upload or URL) with Alibaba Cloud AI Search: boxes with confidence',
		defaults: { name: 'Alibaba Object Detection' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Service',
				name: 'serviceId',
				type: 'options',
				options: OBJECT_DETECTION_SERVICES,
				default: 'ops-object-detect-001',
			},
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
						description: 'Leave out detections below this confidence (0 to 1)',
					},
					splitOption({ noun: 'detected object' }),
					...requestOptions({ defaultQps: AI_SEARCH_QPS['image-object-detection'] }),
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeDetectionNode(this, (snapshot, _input, common, itemIndex, options) => {
			const result = normalizeDetection(snapshot, Number(options.minConfidence ?? 0) || 0);
			const shared = { objectCount: result.objectCount, usage: result.usage };
			return listItems(result, result.objects, shared, common, itemIndex, options.split === true);
		});
	}
}
