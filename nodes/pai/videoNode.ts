import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_ITEMS_IN_FLIGHT } from '../shared/constants';
import { itemFor } from '../shared/output';
import { runItems } from '../shared/pipeline';
import { operationError, withContext } from '../shared/transport/errors';
import { readClientOptions } from '../shared/transport/options';
import type { CallScope } from '../shared/transport/request';
import type { PaiApi, PaiJob } from './api';
import { createPaiApi } from './api';
import type { BatchVideo } from './batch';
import { batchTimeout, runBatchItems, waitForBatch } from './batch';
import { PAI_QPS } from './constants';
import { configureJsonProperty, modelProperties, paiOptions, readBatchSize, readConfigure, readModelName } from './descriptions';
import type { JobOperation, WaitSettings } from './jobs';
import { jobFailure, jobFields, readWaitSettings, runJob } from './jobs';
import type { VideoAction } from './video';
import { batchVideoBody, videoJobBody } from './video';

const SUBMIT = ['submitAndWait', 'submitOnly'];

/** What distinguishes Video Quality from Video Classification. */
export interface VideoCapability {
	action: VideoAction;
	noun: string;
	resultNoun: string;
	/** Typed `configure` fields (a collection named `configure`), shown for the submit operations. */
	configureFields: INodeProperties[];
	normalize(result: unknown): IDataObject;
}

export function videoNodeProperties(capability: VideoCapability): INodeProperties[] {
	const submitShow = { operation: SUBMIT };
	const properties: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Submit and Wait',
					value: 'submitAndWait',
					action: `Get ${capability.resultNoun} and wait for the result`,
					description: `Submit a job (or a batch job) and poll it until the ${capability.resultNoun} is ready`,
				},
				{
					name: 'Submit Only',
					value: 'submitOnly',
					action: `Submit a ${capability.noun} job`,
					description: 'Submit the job (or batch) and return its ID at once',
				},
				{
					name: 'Get Result',
					value: 'getResult',
					action: `Get the result of a ${capability.noun} job`,
					description: 'Resume a submitted job or batch by its ID and wait for its result',
				},
			],
			default: 'submitAndWait',
		},
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'One Job per Item', value: 'single', description: 'Each input item becomes its own job, polled on its own' },
				{
					name: 'Batch Job',
					value: 'batch',
					description: 'All input items (up to the Batch Size option per batch) are sent as one batch job; each result returns to its item',
				},
			],
			default: 'single',
			displayOptions: { show: submitShow },
		},
		{
			displayName: 'Video URL',
			name: 'videoUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/video.mp4',
			description: 'A public or pre-signed http(s) URL Alibaba Cloud can download (up to 100 MB, at least 320×240 recommended)',
			displayOptions: { show: submitShow },
		},
		{
			displayName: 'Video Title',
			name: 'videoTitle',
			type: 'string',
			default: '',
			description: 'Optional title sent with the video',
			displayOptions: { show: submitShow },
		},
		{
			displayName: 'Resume By',
			name: 'resumeBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Job ID', value: 'job', description: 'A job of One Job per Item mode' },
				{ name: 'Batch ID', value: 'batch', description: 'A batch job of Batch Job mode' },
			],
			default: 'job',
			displayOptions: { show: { operation: ['getResult'] } },
		},
		{
			displayName: 'Job ID',
			name: 'jobId',
			type: 'string',
			default: '={{ $json.jobId }}',
			required: true,
			description: 'The job ID returned by Submit Only, or named in a timeout error',
			displayOptions: { show: { operation: ['getResult'], resumeBy: ['job'] } },
		},
		{
			displayName: 'Batch ID',
			name: 'batchId',
			type: 'string',
			default: '={{ $json.batchId }}',
			required: true,
			description: 'The batch ID returned by Submit Only in Batch Job mode, or named in a timeout error',
			displayOptions: { show: { operation: ['getResult'], resumeBy: ['batch'] } },
		},
		{
			displayName: 'Only Video URL',
			name: 'resultVideoUrl',
			type: 'string',
			default: '={{ $json.videoUrl }}',
			description: "Return only this video's job from the batch (one output item per input item); leave empty to output every job of the batch",
			displayOptions: { show: { operation: ['getResult'], resumeBy: ['batch'] } },
		},
		...modelProperties({
			presets: [{ name: 'General Model', value: '', description: `The general ${capability.noun} model` }],
			default: '',
			show: submitShow,
		}),
	];
	if (capability.configureFields.length > 0) {
		properties.push({
			displayName: 'Model Settings',
			name: 'configure',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			description: "Keys of the request's configure object; unset keys use the service's defaults",
			options: capability.configureFields,
			displayOptions: { show: submitShow },
		});
	}
	properties.push(configureJsonProperty(submitShow), {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: paiOptions({
			defaultQps: PAI_QPS.video,
			pollingShow: { '/operation': ['submitAndWait', 'getResult'] },
			batchShow: { '/mode': ['batch'] },
		}),
	});
	return properties;
}

function readVideo(ctx: IExecuteFunctions, itemIndex: number): BatchVideo {
	const url = String(ctx.getNodeParameter('videoUrl', itemIndex, '')).trim();
	if (!/^https?:\/\/[^\s/]+\S*$/i.test(url)) {
		throw operationError(
			ctx.getNode(),
			url === '' ? 'The video URL is empty' : `"${url.slice(0, 200)}" is not a usable video URL`,
			itemIndex,
			'Enter a full http:// or https:// URL the service can download.',
		);
	}
	return { url, title: String(ctx.getNodeParameter('videoTitle', itemIndex, '')) };
}

function requestParts(ctx: IExecuteFunctions, itemIndex: number) {
	const typed = ctx.getNodeParameter('configure', itemIndex, {}) as IDataObject;
	return { modelName: readModelName(ctx, itemIndex), configure: readConfigure(ctx, itemIndex, typed) };
}

function jobItem(capability: VideoCapability, job: PaiJob, itemIndex: number, includeRaw: boolean, extra: IDataObject = {}) {
	return itemFor(
		{
			...(job.state === 2 ? capability.normalize(job.result) : {}),
			jobId: job.jobId,
			batchId: job.batchId,
			videoUrl: job.object,
			state: job.state,
			status: job.status,
			createTime: job.createTime,
			...extra,
			raw: includeRaw ? job.raw : undefined,
		},
		itemIndex,
	);
}

/** Get Result by batch ID: one item for the named video, or one item per job of the batch. */
async function batchResult(
	api: PaiApi,
	capability: VideoCapability,
	request: { batchId: string; videoUrl: string },
	wait: WaitSettings,
	includeRaw: boolean,
	scope: CallScope,
): Promise<INodeExecutionData[]> {
	const { batchId, videoUrl } = request;
	if (!/^\d+$/.test(batchId)) throw api.client.fail({ code: 'InvalidBatchId', message: `"${batchId}" is not a PAI batch ID (a whole number)` }, scope);
	const polled = await waitForBatch(api, batchId, 1, wait, scope);
	const jobs = videoUrl ? polled.jobs.filter((job) => job.object === videoUrl).slice(0, 1) : polled.jobs;
	if (videoUrl && jobs.length === 0 && !polled.timedOut) {
		throw withContext(api.client.fail({ code: 'MissingJob', message: `Batch ${batchId} has no job for ${videoUrl}` }, scope), { batchId });
	}
	if (polled.timedOut && wait.onTimeout === 'error') throw batchTimeout(api, batchId, polled.status, wait, scope);
	if (videoUrl && jobs[0]?.state === 3) throw jobFailure(api, jobs[0], scope);
	if (jobs.length === 0) return [itemFor({ batchId, videoUrl: videoUrl || undefined, status: polled.status, timedOut: true }, scope.itemIndex)];
	return jobs.map((job) =>
		jobItem(capability, job, scope.itemIndex, includeRaw, {
			batchId,
			requestId: polled.requestId,
			error: job.state === 3 ? `PAI job ${job.jobId} failed: ${job.message ?? 'the service gave no reason'}` : undefined,
			timedOut: job.state < 2 || undefined,
		}),
	);
}

export async function executeVideoNode(ctx: IExecuteFunctions, capability: VideoCapability): Promise<INodeExecutionData[]> {
	const operation = ctx.getNodeParameter('operation', 0) as JobOperation;
	const firstOptions = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const api = await createPaiApi(ctx, readClientOptions(firstOptions, PAI_QPS.video));
	const mode = operation === 'getResult' ? 'single' : (ctx.getNodeParameter('mode', 0) as string);

	if (mode === 'batch') {
		return await runBatchItems(ctx, {
			api,
			readVideo: (itemIndex) => readVideo(ctx, itemIndex),
			body: (videos, firstItemIndex) => {
				const { modelName, configure } = requestParts(ctx, firstItemIndex);
				return batchVideoBody(capability.action, videos, modelName, configure);
			},
			output: (job) => ({
				...capability.normalize(job.result),
				createTime: job.createTime,
				raw: firstOptions.includeRaw ? job.raw : undefined,
			}),
			batchSize: readBatchSize(firstOptions),
			wait: readWaitSettings(firstOptions),
			submitOnly: operation === 'submitOnly',
		});
	}

	return await runItems(
		ctx,
		async (itemIndex, signal, tasks) => {
			const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const wait = readWaitSettings(options);
			const scope = { itemIndex, signal };
			const includeRaw = options.includeRaw === true;
			if (operation === 'getResult' && ctx.getNodeParameter('resumeBy', itemIndex) === 'batch') {
				const batchId = String(ctx.getNodeParameter('batchId', itemIndex, '')).trim();
				tasks.add(itemIndex, `batch ${batchId}`);
				const videoUrl = String(ctx.getNodeParameter('resultVideoUrl', itemIndex, '') ?? '').trim();
				return await batchResult(api, capability, { batchId, videoUrl }, wait, includeRaw, scope);
			}
			let body: IDataObject | undefined;
			let videoUrl: string | undefined;
			if (operation !== 'getResult') {
				const video = readVideo(ctx, itemIndex);
				const { modelName, configure } = requestParts(ctx, itemIndex);
				body = videoJobBody(capability.action, video, modelName, configure);
				videoUrl = video.url;
			}
			const jobId = operation === 'getResult' ? String(ctx.getNodeParameter('jobId', itemIndex, '')) : undefined;
			const outcome = await runJob(api, operation, { body, jobId }, wait, scope, tasks);
			if (outcome.kind === 'finished') {
				return [jobItem(capability, outcome.job, itemIndex, includeRaw, { videoUrl: videoUrl ?? outcome.job.object, requestId: outcome.requestId })];
			}
			return [itemFor({ ...jobFields(outcome), videoUrl }, itemIndex)];
		},
		DEFAULT_MAX_ITEMS_IN_FLIGHT,
	);
}
