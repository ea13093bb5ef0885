import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { mediaFormatOption } from '../aiSearch/media';
import { aiSearch } from '../aiSearch/protocol';
import { inputProperties } from '../shared/ui/inputs';
import { operationProperties, showFor, SUBMIT_OPERATIONS, WAIT_OPERATIONS, waitHints } from '../shared/ui/operations';
import { optionsCollection, splitOption, taskOptions } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';
import { videoKeyframes } from '../aiSearch/videoSnapshot';

const withInput = showFor(SUBMIT_OPERATIONS);
const withResult = showFor(WAIT_OPERATIONS, true);

export class AlibabaVideoKeyframes implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Video Keyframes',
		name: 'alibabaVideoKeyframes',
		icon: { light: 'file:alibabaVideoKeyframes.svg', dark: 'file:alibabaVideoKeyframes.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"submitAndWait": "Capture keyframes", "submitOnly": "Submit keyframe capture", "getResult": "Get keyframes"}[$parameter["operation"]] }}',
		description: 'Capture frames from videos at an interval with Alibaba Cloud AI Search, as images or OSS paths',
		defaults: { name: 'Alibaba Video Keyframes' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(aiSearch.terms),
		properties: [
			...operationProperties({ work: aiSearch.terms, subject: 'keyframe extraction', resultNoun: 'frames' }),
			...inputProperties({ noun: 'video', types: ['binary', 'url', 'base64'], allowOss: true, show: withInput }),
			{
				displayName: 'Interval (Seconds)',
				name: 'intervalSeconds',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 5,
				description: 'Whole seconds between captured frames (the service takes whole seconds)',
				displayOptions: { show: withInput },
			},
			{
				displayName: 'Image Format',
				name: 'imageFormat',
				type: 'options',
				options: [
					{ name: 'JPG', value: 'jpg' },
					{ name: 'PNG', value: 'png' },
				],
				default: 'jpg',
				displayOptions: { show: withInput },
			},
			{
				displayName: 'Frames Output',
				name: 'framesOutput',
				type: 'options',
				options: [
					{ name: 'Binary Images', value: 'base64', description: 'The service returns the frames, the node outputs them as binary data' },
					{ name: 'OSS Paths', value: 'oss', description: 'The service writes the frames to OSS; the node outputs their paths' },
				],
				default: 'base64',
				description: 'For Get Result, frames come back in the form chosen at submission',
				displayOptions: { show: withInput },
			},
			{
				displayName: 'Output OSS Path',
				name: 'outputOss',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'oss://bucket/frames/',
				displayOptions: { show: { ...withInput, framesOutput: ['oss'] } },
			},
			optionsCollection([
				mediaFormatOption(['video']),
				{
					displayName: 'Binary Property Prefix',
					name: 'binaryPrefix',
					type: 'string',
					default: 'frame_',
					description: 'Frames become binary properties frame_0, frame_1, … (with Split Into Items, each item\'s frame is in "data")',
					displayOptions: { show: withResult },
				},
				{ ...splitOption({ noun: 'frame' }), displayOptions: { show: withResult } },
				...taskOptions({ defaultQps: videoKeyframes.defaultQps, pollingShow: withResult, work: aiSearch.terms }),
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, videoKeyframes);
	}
}
