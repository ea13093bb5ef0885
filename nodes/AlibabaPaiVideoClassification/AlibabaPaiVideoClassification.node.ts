import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { classificationConfigureFields } from '../pai/descriptions';
import { normalizeVideoClassification } from '../pai/video';
import type { VideoCapability } from '../pai/videoNode';
import { executeVideoNode, videoNodeProperties } from '../pai/videoNode';
import { CREDENTIAL_TYPE } from '../shared/constants';

const VIDEO_CLASSIFICATION: VideoCapability = {
	action: 'ClassifyLabelVideo',
	noun: 'video classification',
	resultNoun: 'classes, tags and embedding',
	configureFields: classificationConfigureFields(),
	normalize: normalizeVideoClassification,
};

export class AlibabaPaiVideoClassification implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Video Classification',
		name: 'alibabaPaiVideoClassification',
		icon: { light: 'file:alibabaPaiVideoClassification.svg', dark: 'file:alibabaPaiVideoClassification.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ($parameter["mode"] === "batch" ? " (batch)" : "") }}',
		description: 'Classify and tag short videos with Alibaba Cloud PAI and get a video embedding, one job per video or as a batch',
		defaults: { name: 'Alibaba PAI Video Classification' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: videoNodeProperties(VIDEO_CLASSIFICATION),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await executeVideoNode(this, VIDEO_CLASSIFICATION)];
	}
}
