import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createPaiApi } from '../pai/api';
import { PAI_QPS } from '../pai/constants';
import {
	classificationConfigureFields,
	configureJsonProperty,
	modelProperties,
	paiOptions,
	readConfigure,
	readModelName,
} from '../pai/descriptions';
import type { JobOperation } from '../pai/jobs';
import { jobFields, readWaitSettings, runJob } from '../pai/jobs';
import { normalizeClassification } from '../pai/normalize';
import { parseImageUrls, postClassificationBody } from '../pai/postClassification';
import { CREDENTIAL_TYPE, DEFAULT_MAX_ITEMS_IN_FLIGHT } from '../shared/constants';
import { itemFor } from '../shared/output';
import { runItems } from '../shared/pipeline';
import { operationError } from '../shared/transport/errors';
import { readClientOptions } from '../shared/transport/options';

const submitShow = { operation: ['submitAndWait', 'submitOnly'] };
const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/i;

export class AlibabaPaiPostClassification implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Post Classification',
		name: 'alibabaPaiPostClassification',
		icon: { light: 'file:alibabaPaiPostClassification.svg', dark: 'file:alibabaPaiPostClassification.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Classify and tag multimodal posts (video, images and text) with Alibaba Cloud PAI and get an embedding',
		defaults: { name: 'Alibaba PAI Post Classification' },
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
						action: 'Classify a post and wait for the result',
						description: 'Submit a job and poll it until the classes, tags and embedding are ready',
					},
					{ name: 'Submit Only', value: 'submitOnly', action: 'Submit a post classification job', description: 'Submit a job and return its job ID at once' },
					{ name: 'Get Result', value: 'getResult', action: 'Get the result of a post classification job', description: 'Resume a submitted job by its ID and wait for its result' },
				],
				default: 'submitAndWait',
			},
			{
				displayName: 'Video URL',
				name: 'videoUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/post.mp4',
				description: "The post's video, if any (a URL Alibaba Cloud can download)",
				displayOptions: { show: submitShow },
			},
			{
				displayName: 'Image URLs',
				name: 'imageUrls',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/a.jpg, https://example.com/b.jpg',
				description: "The post's images: URLs separated by commas or new lines, or an array expression",
				displayOptions: { show: submitShow },
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: "The post's title and introduction",
				displayOptions: { show: submitShow },
			},
			{
				displayName: 'Job ID',
				name: 'jobId',
				type: 'string',
				default: '={{ $json.jobId }}',
				required: true,
				description: 'The job ID returned by Submit Only, or named in a timeout error',
				displayOptions: { show: { operation: ['getResult'] } },
			},
			...modelProperties({
				presets: [
					{ name: 'General Model', value: '', description: 'The general model of the app' },
					{ name: 'Multi-Modal Tag', value: 'multi_modal_tag', description: 'The post tagging model of the documentation sample (enabled per AppID)' },
				],
				default: '',
				show: submitShow,
			}),
			{
				displayName: 'Model Settings',
				name: 'configure',
				type: 'collection',
				placeholder: 'Add Setting',
				default: {},
				description: "Keys of the request's configure object; unset keys use the service's defaults",
				options: classificationConfigureFields(),
				displayOptions: { show: submitShow },
			},
			configureJsonProperty(submitShow),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: paiOptions({ defaultQps: PAI_QPS.video, pollingShow: { '/operation': ['submitAndWait', 'getResult'] } }),
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as JobOperation;
		const firstOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
		const api = await createPaiApi(this, readClientOptions(firstOptions, PAI_QPS.video));

		const readPost = (itemIndex: number) => {
			const videoUrl = String(this.getNodeParameter('videoUrl', itemIndex, '')).trim();
			const images = parseImageUrls(this.getNodeParameter('imageUrls', itemIndex, ''));
			const text = String(this.getNodeParameter('text', itemIndex, ''));
			const bad = [videoUrl, ...images].find((url) => url !== '' && !HTTP_URL.test(url));
			if (bad !== undefined) {
				throw operationError(this.getNode(), `"${bad.slice(0, 200)}" is not a usable URL`, itemIndex, 'Enter full http:// or https:// URLs the service can download.');
			}
			if (!videoUrl && images.length === 0 && text.trim() === '') {
				throw operationError(this.getNode(), 'The post is empty', itemIndex, 'Give at least one of Video URL, Image URLs and Text.');
			}
			return { videoUrl, images, text };
		};

		const items = await runItems(
			this,
			async (itemIndex, signal, tasks) => {
				const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
				let body: IDataObject | undefined;
				if (operation !== 'getResult') {
					const typed = this.getNodeParameter('configure', itemIndex, {}) as IDataObject;
					body = postClassificationBody(readPost(itemIndex), readModelName(this, itemIndex), readConfigure(this, itemIndex, typed));
				}
				const jobId = operation === 'getResult' ? String(this.getNodeParameter('jobId', itemIndex, '')) : undefined;
				const outcome = await runJob(api, operation, { body, jobId }, readWaitSettings(options), { itemIndex, signal }, tasks);
				const result = outcome.kind === 'finished' ? normalizeClassification(outcome.job.result) : {};
				return [
					itemFor(
						{
							...result,
							...jobFields(outcome),
							createTime: outcome.kind === 'finished' ? outcome.job.createTime : undefined,
							raw: options.includeRaw && outcome.kind === 'finished' ? outcome.job.raw : undefined,
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
