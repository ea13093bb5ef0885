import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { IMAGE_ANALYZE_SERVICES, IMAGE_FILE_TYPES, imageContent } from '../aiSearch/imageAnalyze';
import { aiSearch } from '../aiSearch/protocol';
import { serviceIdProperties } from '../aiSearch/serviceId';
import { inputProperties } from '../shared/ui/inputs';
import { operationProperties, showFor, SUBMIT_OPERATIONS, WAIT_OPERATIONS, waitHints } from '../shared/ui/operations';
import { optionsCollection, taskOptions } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';

const withInput = showFor([...SUBMIT_OPERATIONS, 'sync']);

export class AlibabaImageContent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Image Content Extraction',
		name: 'alibabaImageContent',
		icon: { light: 'file:alibabaImageContent.svg', dark: 'file:alibabaImageContent.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({ submitAndWait: "Extract", submitOnly: "Submit", getResult: "Get result", sync: "Extract (sync)" })[$parameter["operation"]] + ": " + ($parameter["serviceId"] === "ops-image-analyze-ocr-001" ? "OCR" : "understanding + OCR") }}',
		description: 'Extract text and a description from images with Alibaba Cloud AI Search (VLM or OCR)',
		defaults: { name: 'Alibaba Image Content Extraction' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(aiSearch.terms),
		properties: [
			...operationProperties({
				work: aiSearch.terms,
				subject: 'content extraction',
				resultNoun: 'text and description',
				extraOperations: [
					{
						name: 'Synchronous',
						value: 'sync',
						action: 'Extract image content in one request',
						description: 'One request that returns the result (the /sync route); no polling',
					},
				],
			}),
			...serviceIdProperties({
				label: 'Service',
				services: IMAGE_ANALYZE_SERVICES,
				description: 'For Get Result, choose the service the task was submitted to',
			}),
			...inputProperties({ noun: 'image', types: ['binary', 'url', 'base64'], show: withInput }),
			optionsCollection([
				{
					displayName: 'File Type',
					name: 'fileType',
					type: 'options',
					options: IMAGE_FILE_TYPES.map((type) => ({ name: type.toUpperCase(), value: type })),
					default: 'jpg',
					description: 'Tell the service the image type when the file name or MIME type does not show it',
					displayOptions: { show: showFor([...SUBMIT_OPERATIONS, 'sync'], true) },
				},
				...taskOptions({
					defaultQps: imageContent.defaultQps,
					pollingShow: showFor(WAIT_OPERATIONS, true),
					work: aiSearch.terms,
				}),
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, imageContent);
	}
}
