import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { aiSearch } from '../aiSearch/protocol';
import { inputProperties } from '../shared/ui/inputs';
import { operationProperties, showFor, SUBMIT_OPERATIONS, WAIT_OPERATIONS, waitHints } from '../shared/ui/operations';
import { optionsCollection, splitOption, taskOptions } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';
import { videoSegmentation } from '../aiSearch/videoSegmentation';
import { outputOssOption } from '../aiSearch/media';

const withInput = showFor(SUBMIT_OPERATIONS);
const withResult = showFor(WAIT_OPERATIONS, true);

export class AlibabaVideoSegmentation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Video Segmentation',
		name: 'alibabaVideoSegmentation',
		icon: { light: 'file:alibabaVideoSegmentation.svg', dark: 'file:alibabaVideoSegmentation.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"submitAndWait": "Segment video", "submitOnly": "Submit segmentation", "getResult": "Get segments"}[$parameter["operation"]] }}',
		description: 'Split videos into segments with transcript and keyframes with Alibaba Cloud AI Search (URL or OSS input)',
		defaults: { name: 'Alibaba Video Segmentation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(aiSearch.terms),
		properties: [
			...operationProperties({ work: aiSearch.terms, subject: 'video segmentation', resultNoun: 'segments' }),
			// The service has no content field: videos are passed by URL or OSS path only.
			...inputProperties({ noun: 'video', types: ['url', 'binary'], allowOss: true, show: withInput }),
			optionsCollection([
				outputOssOption({ placeholder: 'oss://bucket/segments/', description: 'Where the service stores the segment keyframes; empty lets the service choose' }),
				{ ...splitOption({ noun: 'segment' }), displayOptions: { show: withResult } },
				...taskOptions({ defaultQps: videoSegmentation.defaultQps, pollingShow: withResult, work: aiSearch.terms }),
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, videoSegmentation);
	}
}
