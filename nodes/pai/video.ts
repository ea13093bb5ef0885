import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Capability, ItemContext } from '../shared/capability/capability';
import type { PreparedInput } from '../shared/io/input';
import { isHttpUrl, prepareInput } from '../shared/io/input';
import { forAgents, fromAi } from '../shared/ui/agents';
import { binaryPropertyField } from '../shared/ui/inputs';
import { operationProperties, showFor, SUBMIT_OPERATIONS, WAIT_OPERATIONS } from '../shared/ui/operations';
import { optionsCollection } from '../shared/ui/options';
import { PAI_BATCH_SUBMITS_PER_SECOND, PAI_QPS } from './constants';
import { configureJsonProperty, modelProperties, modelSettings, paiOptions, readBatchSize, readConfigure, readModelName } from './descriptions';
import { pai } from './protocol';

/** VideoQA and ClassifyLabelVideo: one job per video (`/videos`) or one batch job (`/batch_videos`). */
export type VideoAction = 'VideoQA' | 'ClassifyLabelVideo';


export interface VideoRequest {
	/** `url` is empty for a staged binary: its pre-signed URL exists only inside the request body. */
	video: { url: string; title?: string };
	/** A binary video, staged through the OSS bucket when the item's turn comes. */
	staged?: PreparedInput;
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

export function videoNodeProperties(capability: { noun: string; resultNoun: string; configureFields: INodeProperties[]; defaultQps: number }): INodeProperties[] {
	const submitShow = showFor(SUBMIT_OPERATIONS);
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
		...videoInputProperties(submitShow),
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
			displayOptions: { show: showFor(['getResult']) },
		},
		{
			displayName: 'Batch ID',
			name: 'batchId',
			type: 'string',
			default: '={{ $json.batchId }}',
			required: true,
			description: 'The batch ID returned by Submit Only in Batch Job mode, or named in a timeout error',
			displayOptions: { show: { ...showFor(['getResult']), resumeBy: ['batch'] } },
		},
		{
			displayName: 'Only Video URL',
			name: 'resultVideoUrl',
			type: 'string',
			default: '={{ $json.videoUrl }}',
			description:
				"Return only this video's job from the batch (one output item per input item). Left empty, a lone item gets every job of the batch, and several items resuming the same batch each get their own job (by the batchPosition Submit Only put on them, else in their order).",
			displayOptions: { show: { ...showFor(['getResult']), resumeBy: ['batch'] } },
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
				defaultQps: capability.defaultQps,
				pollingShow: showFor(WAIT_OPERATIONS, true),
				batchShow: { '/mode': ['batch'] },
			}),
		),
	);
	return properties;
}

/** The words of a video input: a video node's (the video is the input) or Post Classification's (the video is optional). */
const VIDEO_INPUT = {
	video: {
		urlOption: 'A public or pre-signed http(s) URL the service can download',
		placeholder: 'https://example.com/video.mp4',
		description: 'A public or pre-signed http(s) URL Alibaba Cloud can download (up to 100 MB, at least 320×240 recommended)',
		agent: 'Public http(s) URL of the video to analyze',
		binaryNoun: 'video',
	},
	post: {
		urlOption: 'A URL Alibaba Cloud can download (or none: the video is optional)',
		placeholder: 'https://example.com/post.mp4',
		description: "The post's video, if any (a URL Alibaba Cloud can download)",
		agent: 'Public http(s) URL of the video of the post, if it has one',
		binaryNoun: "post's video",
	},
};

/**
 * Where the video comes from: a URL (the service's only input), or a binary the node stages through the
 * credential's OSS bucket and passes as a pre-signed URL. `post`: the video of a post, which may be left out.
 */
export function videoInputProperties(show: Record<string, string[]>, kind: keyof typeof VIDEO_INPUT = 'video'): INodeProperties[] {
	const words = VIDEO_INPUT[kind];
	const optional = kind === 'post';
	const url: INodeProperties = {
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: words.placeholder,
		description: words.description,
		displayOptions: { show: { ...show, inputType: ['url'] } },
	};
	if (optional) delete url.required;
	return [
		{
			displayName: 'Video Input',
			name: 'inputType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'URL', value: 'url', description: words.urlOption },
				{
					name: 'Binary File',
					value: 'binary',
					description: "A video in a binary property of the input item, staged through the OSS bucket of the credential's staging settings",
				},
			],
			default: 'url',
			displayOptions: { show },
		},
		...forAgents(url, fromAi('videoUrl', words.agent, optional)),
		binaryPropertyField(words.binaryNoun, { ...show, inputType: ['binary'] }),
	];
}

/** A binary video: planned for staging now (settings checked, nothing read), uploaded when the item's turn comes. */
export async function prepareStagedVideo(item: ItemContext, service: string): Promise<PreparedInput> {
	const binaryPropertyName = item.param<string>('binaryPropertyName', 'data');
	const staging = { staging: item.staging, pass: 'url' as const, inline: false, service };
	return await prepareInput(item.ctx, item.index, { type: 'binary', binaryPropertyName }, { staging });
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
export function paiVideoCapability(config: { action: VideoAction; service: string; normalize: (result: unknown) => IDataObject }): Capability<VideoRequest> {
	return {
		protocol: pai,
		defaultQps: PAI_QPS.video,
		async: true,
		route: () => 'videos',
		async prepare(item) {
			const modelName = readModelName(item.ctx, item.index);
			const configure = readConfigure(item.ctx, item.index, item.param<IDataObject>('configure', {}));
			if (item.param<string>('inputType', 'url') === 'binary') {
				if (item.param<string>('mode', 'single') === 'batch') {
					throw item.fail('Batch Job mode takes video URLs only', 'Set Mode to One Job per Item for binary videos (each is staged and sent as its own job), or set Video Input to URL.');
				}
				const staged = await prepareStagedVideo(item, config.service);
				const video = { url: '', title: String(item.param('videoTitle', '')) };
				return { request: { video, staged, modelName, configure }, fields: { source: staged.source } };
			}
			const video = readVideo(item);
			return { request: { video, modelName, configure }, fields: { videoUrl: video.url } };
		},
		async body(request) {
			const url = request.staged ? ((await request.staged.load()).url ?? '') : request.video.url;
			return videoJobBody(config.action, { ...request.video, url }, request.modelName, request.configure);
		},
		// A staged video's pre-signed URL stays out of the output: its source names the bucket and key.
		output: (answer, item) => ({ ...config.normalize(answer.data), ...(item.request?.staged ? {} : { videoUrl: item.request?.video.url ?? item.work.key }) }),
		batch: {
			enabled: (first) => first.param<string>('mode', 'single') === 'batch',
			size: (first) => readBatchSize(first.options),
			submitsPerSecond: PAI_BATCH_SUBMITS_PER_SECOND,
			body: (requests) => batchVideoBody(config.action, requests.map((request) => request.video), requests[0].modelName, requests[0].configure),
			key: (request) => request.video.url,
			resumes: (item) => item.param<string>('resumeBy', 'job') === 'batch',
			resumeKey: (item) => String(item.param('resultVideoUrl', '') ?? '').trim(),
			resumePosition: (item) => {
				const position = item.ctx.getInputData()[item.index]?.json.batchPosition;
				return typeof position === 'number' && Number.isInteger(position) && position >= 0 ? position : undefined;
			},
		},
	};
}
