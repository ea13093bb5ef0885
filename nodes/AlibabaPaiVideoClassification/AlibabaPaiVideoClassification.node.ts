import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { classificationConfigureFields } from '../pai/descriptions';
import { waitHints } from '../shared/ui/operations';
import { pai } from '../pai/protocol';
import { runCapability } from '../shared/capability/runner';
import { videoClassification } from '../pai/videoClassification';
import { videoNodeProperties } from '../pai/video';

export class AlibabaPaiVideoClassification implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Video Classification',
		name: 'alibabaPaiVideoClassification',
		icon: { light: 'file:alibabaPaiVideoClassification.svg', dark: 'file:alibabaPaiVideoClassification.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({"submitAndWait": "Classify video", "submitOnly": "Submit classification job", "getResult": "Get classification result"})[$parameter["operation"]] + ($parameter["mode"] === "batch" ? " (batch)" : "") }}',
		description: 'Classify and tag short videos with Alibaba Cloud PAI and get a video embedding, one job per video or as a batch',
		defaults: { name: 'Alibaba PAI Video Classification' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(pai.terms),
		properties: videoNodeProperties({ defaultQps: videoClassification.defaultQps,
			noun: 'video classification',
			resultNoun: 'classes, tags and embedding',
			configureFields: classificationConfigureFields(),
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, videoClassification);
	}
}
