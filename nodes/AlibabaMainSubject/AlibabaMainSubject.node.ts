import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { detectionProperties } from '../aiSearch/objectDetection';
import { mainSubject } from '../aiSearch/mainSubject';
import { runCapability } from '../shared/capability/runner';

export class AlibabaMainSubject implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Main Subject',
		name: 'alibabaMainSubject',
		icon: { light: 'file:alibabaMainSubject.svg', dark: 'file:alibabaMainSubject.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["serviceId"] === "ops-object-detect-face-001" ? "Main face" : "Main subject" }}',
		description: 'Identify the main subject of images (upload or URL) with Alibaba Cloud AI Search: top subject and ranked list',
		defaults: { name: 'Alibaba Main Subject' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: detectionProperties({
			serviceLabel: 'Detection Service',
			serviceDescription: 'Main subjects are ranked from the boxes of this detection service',
			confidenceDescription: 'Leave out detections below this confidence (0 to 1) before ranking',
			splitNoun: 'ranked subject',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, mainSubject);
	}
}
