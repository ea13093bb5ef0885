import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { detectionProperties, objectDetection } from '../aiSearch/objectDetection';
import { runCapability } from '../shared/capability/runner';

export class AlibabaObjectDetection implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Object Detection',
		name: 'alibabaObjectDetection',
		icon: { light: 'file:alibabaObjectDetection.svg', dark: 'file:alibabaObjectDetection.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["serviceId"] === "ops-object-detect-face-001" ? "Detect faces" : "Detect objects" }}',
		description: 'Find objects or faces in images (upload or URL) with Alibaba Cloud AI Search: boxes with confidence',
		defaults: { name: 'Alibaba Object Detection' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: detectionProperties({
			serviceLabel: 'Service',
			confidenceDescription: 'Leave out detections below this confidence (0 to 1)',
			splitNoun: 'detected object',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, objectDetection);
	}
}
