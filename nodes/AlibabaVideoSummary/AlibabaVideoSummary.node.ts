import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { aiSearch } from '../aiSearch/protocol';
import { forAgents, fromAi } from '../shared/ui/agents';
import { binaryPropertyField } from '../shared/ui/inputs';
import { operationProperties, showFor, SUBMIT_OPERATIONS, WAIT_OPERATIONS, waitHints } from '../shared/ui/operations';
import { optionsCollection, splitOption, taskOptions } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';
import { videoSummary } from '../aiSearch/videoSummary';
import { outputOssOption } from '../aiSearch/media';

const withInput = showFor(SUBMIT_OPERATIONS);
const withResult = showFor(WAIT_OPERATIONS, true);

export class AlibabaVideoSummary implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Video Summarization',
		name: 'alibabaVideoSummary',
		icon: { light: 'file:alibabaVideoSummary.svg', dark: 'file:alibabaVideoSummary.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"submitAndWait": "Summarize video", "submitOnly": "Submit summarization", "getResult": "Get summary"}[$parameter["operation"]] }}',
		description: 'Summarize videos with Alibaba Cloud AI Search: title, summary, tags and enhanced transcript per segment',
		defaults: { name: 'Alibaba Video Summarization' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(aiSearch.terms),
		properties: [
			...operationProperties({ work: aiSearch.terms, subject: 'video summarization', resultNoun: 'summary' }),
			{
				displayName: 'Input Type',
				name: 'inputType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'URL or OSS Path', value: 'url', description: 'A video the service can download: http(s) URL or oss:// path' },
					{
						name: 'Binary File',
						value: 'binary',
						description: "A video in a binary property of the input item, staged through the OSS bucket of the credential's staging settings",
					},
					{
						name: 'Segments',
						value: 'segments',
						description: 'Segments from the Alibaba Video Segmentation node (sent as the chunks of the request)',
					},
				],
				default: 'url',
				description: 'The service takes no file upload: a binary goes through your OSS bucket; or pass a link, or segments of an already segmented video',
				displayOptions: { show: withInput },
			},
			binaryPropertyField('video', { ...withInput, inputType: ['binary'] }),
			...forAgents(
				{
					displayName: 'URL or OSS Path',
					name: 'url',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'https://example.com/video.mp4 or oss://bucket/video.mp4',
					description: 'Must be reachable by Alibaba Cloud, not only from your network',
					displayOptions: { show: { ...withInput, inputType: ['url'] } },
				},
				fromAi('url', 'Public http(s) URL or oss:// path of the video to summarize'),
			),
			{
				displayName: 'Segments',
				name: 'segments',
				type: 'json',
				default: '={{ $json.segments }}',
				required: true,
				description:
					'The segments list of a Video Segmentation item ({index, start, end, transcript, snapshots}), or chunks in the API\'s shape (start_time, end_time, transcript, snapshots)',
				displayOptions: { show: { ...withInput, inputType: ['segments'] } },
			},
			{
				displayName: 'Video URL or OSS Path',
				name: 'segmentsVideoUrl',
				type: 'string',
				default: '',
				placeholder: '={{ $json.source.url }}',
				description: 'Optional: the segmented video itself, sent with the segments',
				displayOptions: { show: { ...withInput, inputType: ['segments'] } },
			},
			{
				displayName: 'Rewrite Transcript',
				name: 'rewriteTranscript',
				type: 'boolean',
				default: true,
				description: 'Whether the service returns an enhanced (rewritten) transcript per segment',
				displayOptions: { show: withInput },
			},
			{
				displayName: 'Generate Tags',
				name: 'generateTags',
				type: 'boolean',
				default: true,
				description: 'Whether the service tags the video and each segment',
				displayOptions: { show: withInput },
			},
			{
				displayName: 'Extract Snapshot',
				name: 'extractSnapshot',
				type: 'boolean',
				default: false,
				description: 'Whether the service extracts snapshots for the summary',
				displayOptions: { show: withInput },
			},
			optionsCollection([
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'keynote.mp4',
					description: 'The video file name sent to the service; by default taken from the URL',
					displayOptions: { show: showFor(SUBMIT_OPERATIONS, true) },
				},
				outputOssOption({ placeholder: 'oss://bucket/summaries/', description: 'Also have the service write its result to this OSS path; empty returns it in the response only' }),
				{ ...splitOption({ noun: 'summarized segment (chunk)' }), displayOptions: { show: withResult } },
				...taskOptions({ defaultQps: videoSummary.defaultQps, pollingShow: withResult, work: aiSearch.terms }),
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, videoSummary);
	}
}
