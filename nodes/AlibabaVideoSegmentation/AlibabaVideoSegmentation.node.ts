import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeTaskNode, listItems } from '../aiSearch/taskNode';
import { normalizeSegments, SEGMENTATION_SERVICE_ID, segmentationBody } from '../aiSearch/videoSegmentation';
import { AI_SEARCH_QPS, CREDENTIAL_TYPE } from '../shared/constants';
import { asyncOperationProperties, inputProperties, splitOption, taskOptions } from '../shared/descriptions';
import { readInputSpec, resolveInput } from '../shared/input';

const withInput = { operation: ['submitAndWait', 'submitOnly'] };
const withResult = { '/operation': ['submitAndWait', 'getResult'] };

export class AlibabaVideoSegmentation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Video Segmentation',
		name: 'alibabaVideoSegmentation',
		icon: { light: 'file:alibabaVideoSegmentation.svg', dark: 'file:alibabaVideoSegmentation.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Split videos into segments with transcript and keyframes with Alibaba Cloud AI Search (URL or OSS input)',
		defaults: { name: 'Alibaba Video Segmentation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			...asyncOperationProperties({ noun: 'video segmentation', resultNoun: 'segments' }),
			// The service has no content field: videos are passed by URL or OSS path only.
			...inputProperties({ noun: 'video', types: ['url'], allowOss: true, show: withInput }),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Output OSS Path',
						name: 'outputOss',
						type: 'string',
						default: '',
						placeholder: 'oss://bucket/segments/',
						description: 'Where the service stores the segment keyframes; empty lets the service choose',
						displayOptions: { show: { '/operation': ['submitAndWait', 'submitOnly'] } },
					},
					{ ...splitOption({ noun: 'segment' }), displayOptions: { show: withResult } },
					...taskOptions({ defaultQps: AI_SEARCH_QPS['video-segmentation'], pollingShow: withResult }),
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTaskNode(this, {
			serviceType: 'video-segmentation',
			serviceId: SEGMENTATION_SERVICE_ID,
			buildRequest: async (itemIndex, options) => {
				const input = await resolveInput(this, itemIndex, readInputSpec(this, itemIndex), { allowOss: true });
				return { body: segmentationBody(input, (options.outputOss as string | undefined)?.trim()), source: input.source };
			},
			toItems: (outcome, common, itemIndex, options) => {
				const result = normalizeSegments(outcome.snapshot);
				const shared = { segmentCount: result.segmentCount, usage: result.usage };
				return listItems(result, result.segments, shared, common, itemIndex, options.split === true);
			},
		});
	}
}
