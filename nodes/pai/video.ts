import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Capability, ItemContext } from '../shared/capability';
import { isHttpUrl } from '../shared/input';
import { forAgents, fromAi, operationProperties, optionsCollection } from '../shared/descriptions';
import { PAI_QPS } from './constants';
import { configureJsonProperty, modelProperties, modelSettings, paiOptions, readBatchSize, readConfigure, readModelName } from './descriptions';
import { pai } from './protocol';

/** VideoQA and ClassifyLabelVideo: one job per video (`/videos`) or one batch job (`/batch_videos`). */
export type VideoAction = 'VideoQA' | 'ClassifyLabelVideo';

const SUBMIT = ['submitAndWait', 'submitOnly'];

export interface VideoRequest {
	video: { url: string; title?: string };
	modelName: string;
	configure: IDataObject;
}

/**
 * Single-video body in the Go/Java SDK form. (The Python SDK also sends `text` = title, a getter bug;
 * the service must accept both, so we send the title once.)
 */
export function videoJobBody(action: VideoAction, video: VideoRequest['video'], modelName: string, configure: IDataObject): IDataObject {
	return { action, video_url: video.url, video_title: video.title ?? '', model_name: modelName, configure };
}

export function batchVideoBody(action: VideoAction, videos: Array<VideoRequest['video']>, modelName: string, configure: IDataObject): IDataObject {
	return { action, videos: videos.map((v) => ({ url: v.url, title: v.title ?? '' })), model_name: modelName, configure };
}

export function videoNodeProperties(capability: { noun: string; resultNoun: string; configureFields: INodeProperties[] }): INodeProperties[] {
	const submitShow = { operation: SUBMIT };
	const properties: INodeProperties[] = [
		...operationProperties({
			work: pai.terms,
			subject: capability.noun,
			resultNoun: capability.resultNoun,
			alsoBatch: true,
			idShow: { resumeBy: ['job'] },
		}),
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
		...forAgents(
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
			fromAi('videoUrl', `Public http(s) URL of the video to analyze for ${capability.noun}`),
		),
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
	if (capability.configureFields.length > 0) properties.push(modelSettings(capability.configureFields, submitShow));
	properties.push(
		configureJsonProperty(submitShow),
		optionsCollection(
			paiOptions({
				defaultQps: PAI_QPS.video,
				pollingShow: { '/operation': ['submitAndWait', 'getResult'] },
				batchShow: { '/mode': ['batch'] },
			}),
		),
	);
	return properties;
}

function readVideo(item: ItemContext): VideoRequest['video'] {
	const url = String(item.param('videoUrl', '')).trim();
	if (!isHttpUrl(url)) {
		throw item.fail(
			url === '' ? 'The video URL is empty' : `"${url.slice(0, 200)}" is not a usable video URL`,
			'Enter a full http:// or https:// URL the service can download.',
		);
	}
	return { url, title: String(item.param('videoTitle', '')) };
}

/**
 * A PAI video capability: one job per item, or (Mode = Batch Job) the items as batch jobs whose
 * jobs come back to their items; Get Result resumes a job or a whole batch.
 */
export function paiVideoCapability(config: { action: VideoAction; normalize: (result: unknown) => IDataObject }): Capability<VideoRequest> {
	return {
		protocol: pai,
		defaultQps: PAI_QPS.video,
		async: true,
		route: () => 'videos',
		prepare(item) {
			const video = readVideo(item);
			const modelName = readModelName(item.ctx, item.index);
			const configure = readConfigure(item.ctx, item.index, item.param<IDataObject>('configure', {}));
			return { request: { video, modelName, configure }, fields: { videoUrl: video.url } };
		},
		body: (request) => videoJobBody(config.action, request.video, request.modelName, request.configure),
		output: (answer, item) => ({ ...config.normalize(answer.data), videoUrl: item.request?.video.url ?? item.work.key }),
		batch: {
			enabled: (first) => first.param<string>('mode', 'single') === 'batch',
			size: (first) => readBatchSize(first.options),
			body: (requests) => batchVideoBody(config.action, requests.map((request) => request.video), requests[0].modelName, requests[0].configure),
			key: (request) => request.video.url,
			resumes: (item) => item.param<string>('resumeBy', 'job') === 'batch',
			resumeKey: (item) => String(item.param('resultVideoUrl', '') ?? '').trim(),
		},
	};
}
