import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { normalizeVideoQuality } from '../pai/video';
import type { VideoCapability } from '../pai/videoNode';
import { executeVideoNode, videoNodeProperties } from '../pai/videoNode';
import { CREDENTIAL_TYPE } from '../shared/constants';

const VIDEO_QUALITY: VideoCapability = {
	action: 'VideoQA',
	noun: 'video quality',
	resultNoun: 'video quality score',
	configureFields: [],
	normalize: normalizeVideoQuality,
};

export class AlibabaPaiVideoQuality implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Video Quality',
		name: 'alibabaPaiVideoQuality',
		icon: { light: 'file:alibabaPaiVideoQuality.svg', dark: 'file:alibabaPaiVideoQuality.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ($parameter["mode"] === "batch" ? " (batch)" : "") }}',
		description: 'Score the quality of videos from 0 to 100 with Alibaba Cloud PAI, one job per video or as a batch',
		defaults: { name: 'Alibaba PAI Video Quality' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: videoNodeProperties(VIDEO_QUALITY),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await executeVideoNode(this, VIDEO_QUALITY)];
	}
}
