import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { waitHints } from '../shared/ui/operations';
import { pai } from '../pai/protocol';
import { runCapability } from '../shared/capability/runner';
import { videoNodeProperties } from '../pai/video';
import { videoQuality } from '../pai/videoQuality';

export class AlibabaPaiVideoQuality implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Video Quality',
		name: 'alibabaPaiVideoQuality',
		icon: { light: 'file:alibabaPaiVideoQuality.svg', dark: 'file:alibabaPaiVideoQuality.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({"submitAndWait": "Score video quality", "submitOnly": "Submit quality job", "getResult": "Get quality result"})[$parameter["operation"]] + ($parameter["mode"] === "batch" ? " (batch)" : "") }}',
		description: 'Score the quality of videos from 0 to 100 with Alibaba Cloud PAI, one job per video or as a batch',
		defaults: { name: 'Alibaba PAI Video Quality' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(pai.terms),
		properties: videoNodeProperties({ defaultQps: videoQuality.defaultQps, noun: 'video quality', resultNoun: 'video quality score', configureFields: [] }),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, videoQuality);
	}
}
