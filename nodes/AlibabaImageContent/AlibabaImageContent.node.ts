import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createAiSearchApi } from '../aiSearch/api';
import { IMAGE_ANALYZE_SERVICES, IMAGE_FILE_TYPES, imageAnalyzeBody, normalizeImageAnalysis } from '../aiSearch/imageAnalyze';
import type { TaskOperation } from '../aiSearch/task';
import { readWaitSettings, runTask, taskFields } from '../aiSearch/task';
import { AI_SEARCH_QPS, CREDENTIAL_TYPE, DEFAULT_MAX_ITEMS_IN_FLIGHT } from '../shared/constants';
import { inputProperties, taskOptions } from '../shared/descriptions';
import { readInputSpec, resolveInput } from '../shared/input';
import { itemFor } from '../shared/output';
import { runItems } from '../shared/pipeline';
import { readClientOptions } from '../shared/transport/options';

const withInput = { operation: ['submitAndWait', 'submitOnly', 'sync'] };

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
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Submit and Wait',
						value: 'submitAndWait',
						action: 'Extract image content and wait for the result',
						description: 'Submit a task and poll it until the text and description are ready',
					},
					{
						name: 'Submit Only',
						value: 'submitOnly',
						action: 'Submit an image content extraction task',
						description: 'Submit a task and return its task ID at once',
					},
					{
						name: 'Get Result',
						value: 'getResult',
						action: 'Get the result of an extraction task',
						description: 'Resume a submitted task by its ID and wait for its result',
					},
					{
						name: 'Synchronous',
						value: 'sync',
						action: 'Extract image content in one request',
						description: 'One request that returns the result (the /sync route); no polling',
					},
				],
				default: 'submitAndWait',
			},
			{
				displayName: 'Service',
				name: 'serviceId',
				type: 'options',
				options: IMAGE_ANALYZE_SERVICES,
				default: 'ops-image-analyze-vlm-001',
				description: 'For Get Result, choose the service the task was submitted to',
			},
			...inputProperties({ noun: 'image', types: ['binary', 'url', 'base64'], show: withInput }),
			{
				displayName: 'Task ID',
				name: 'taskId',
				type: 'string',
				default: '={{ $json.taskId }}',
				required: true,
				description: 'The task ID returned by Submit Only, or named in a timeout error',
				displayOptions: { show: { operation: ['getResult'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'File Type',
						name: 'fileType',
						type: 'options',
						options: IMAGE_FILE_TYPES.map((type) => ({ name: type.toUpperCase(), value: type })),
						default: 'jpg',
						description: 'Tell the service the image type when the file name or MIME type does not show it',
						displayOptions: { show: { '/operation': ['submitAndWait', 'submitOnly', 'sync'] } },
					},
					...taskOptions({
						defaultQps: AI_SEARCH_QPS['image-analyze'],
						pollingShow: { '/operation': ['submitAndWait', 'getResult'] },
					}),
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as TaskOperation;
		const firstOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
		const api = await createAiSearchApi(this, 'image-analyze', readClientOptions(firstOptions, AI_SEARCH_QPS['image-analyze']));

		const items = await runItems(
			this,
			async (itemIndex, signal, tasks) => {
				const serviceId = this.getNodeParameter('serviceId', itemIndex) as string;
				const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
				const scope = { itemIndex, signal };
				const input = operation === 'getResult' ? undefined : await resolveInput(this, itemIndex, readInputSpec(this, itemIndex));
				const outcome = await runTask(
					api,
					operation,
					serviceId,
					{
						body: input ? imageAnalyzeBody(input, options.fileType as string | undefined) : undefined,
						taskId: operation === 'getResult' ? (this.getNodeParameter('taskId', itemIndex) as string) : undefined,
					},
					readWaitSettings(options),
					scope,
					tasks,
				);
				const result = outcome.kind === 'finished' ? normalizeImageAnalysis(outcome.snapshot) : {};
				return [
					itemFor(
						{
							...result,
							...taskFields(outcome, serviceId),
							source: input?.source as IDataObject | undefined,
							raw: options.includeRaw && outcome.kind === 'finished' ? outcome.snapshot.raw : undefined,
						},
						itemIndex,
					),
				];
			},
			DEFAULT_MAX_ITEMS_IN_FLIGHT,
		);
		return [items];
	}
}
