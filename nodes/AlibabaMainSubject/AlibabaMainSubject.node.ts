import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { detectionProperties, executeDetectionNode } from '../aiSearch/detectionNode';
import { rankSubjects } from '../aiSearch/mainSubject';
import { normalizeDetection } from '../aiSearch/objectDetection';
import { listItems } from '../aiSearch/taskNode';
import { CREDENTIAL_TYPE } from '../shared/constants';
import { readImageSize } from '../shared/imageSize';

export class AlibabaMainSubject implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Main Subject',
		name: 'alibabaMainSubject',
		icon: { light: 'file:alibabaMainSubject.svg', dark: 'file:alibabaMainSubject.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["serviceId"] }}',
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
		return await executeDetectionNode(this, (snapshot, input, common, itemIndex, options) => {
			const detection = normalizeDetection(snapshot, Number(options.minConfidence ?? 0) || 0);
			// Uploaded images carry their size in the header; URL inputs rank within the detections' extent.
			const imageSize = input.base64 ? readImageSize(Buffer.from(input.base64.slice(0, 1 << 20), 'base64')) : undefined;
			const subjects = rankSubjects(detection.objects, imageSize);
			const result: IDataObject = {
				mainSubject: subjects[0] ?? null,
				subjects,
				subjectCount: subjects.length,
				imageSize: imageSize as IDataObject | undefined,
				rankingFrame: imageSize ? 'image' : 'detections',
				usage: detection.usage,
			};
			const shared = { subjectCount: subjects.length, imageSize: result.imageSize, rankingFrame: result.rankingFrame, usage: detection.usage };
			return listItems(result, subjects, shared, common, itemIndex, options.split === true);
		});
	}
}
