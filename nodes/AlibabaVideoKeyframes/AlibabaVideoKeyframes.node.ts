import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { VIDEO_FORMATS } from '../aiSearch/media';
import { resolveMediaInput } from '../aiSearch/mediaInput';
import { executeTaskNode, listItems } from '../aiSearch/taskNode';
import type { SnapshotSettings } from '../aiSearch/videoSnapshot';
import { frameFileName, parseFrames, SNAPSHOT_SERVICE_ID, snapshotBody } from '../aiSearch/videoSnapshot';
import { bareBase64, sniffImage, toBinary } from '../shared/binaryOutput';
import { AI_SEARCH_QPS, CREDENTIAL_TYPE } from '../shared/constants';
import { asyncOperationProperties, inputProperties, splitOption, taskOptions } from '../shared/descriptions';
import { itemFor } from '../shared/output';
import { operationError } from '../shared/transport/errors';

const withInput = { operation: ['submitAndWait', 'submitOnly'] };
const withResult = { '/operation': ['submitAndWait', 'getResult'] };

export class AlibabaVideoKeyframes implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Video Keyframes',
		name: 'alibabaVideoKeyframes',
		icon: { light: 'file:alibabaVideoKeyframes.svg', dark: 'file:alibabaVideoKeyframes.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Capture frames from videos at an interval with Alibaba Cloud AI Search, as images or OSS paths',
		defaults: { name: 'Alibaba Video Keyframes' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			...asyncOperationProperties({ noun: 'keyframe extraction', resultNoun: 'frames' }),
			...inputProperties({ noun: 'video', types: ['binary', 'url', 'base64'], allowOss: true, show: withInput }),
			{
				displayName: 'Interval (Seconds)',
				name: 'intervalSeconds',
				type: 'number',
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				default: 5,
				description: 'Time between captured frames',
				displayOptions: { show: withInput },
			},
			{
				displayName: 'Image Format',
				name: 'imageFormat',
				type: 'options',
				options: [
					{ name: 'JPG', value: 'jpg' },
					{ name: 'PNG', value: 'png' },
				],
				default: 'jpg',
				displayOptions: { show: withInput },
			},
			{
				displayName: 'Frames Output',
				name: 'framesOutput',
				type: 'options',
				options: [
					{ name: 'Binary Images', value: 'base64', description: 'The service returns the frames, the node outputs them as binary data' },
					{ name: 'OSS Paths', value: 'oss', description: 'The service writes the frames to OSS; the node outputs their paths' },
				],
				default: 'base64',
				description: 'For Get Result, frames come back in the form chosen at submission',
				displayOptions: { show: withInput },
			},
			{
				displayName: 'Output OSS Path',
				name: 'outputOss',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'oss://bucket/frames/',
				displayOptions: { show: { ...withInput, framesOutput: ['oss'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Media Format',
						name: 'mediaFormat',
						type: 'options',
						options: VIDEO_FORMATS.map((format) => ({ name: format.toUpperCase(), value: format })),
						default: 'mp4',
						description: 'Format of an uploaded video; when set it overrides what the file name or MIME type shows',
						displayOptions: { show: { '/operation': ['submitAndWait', 'submitOnly'], '/inputType': ['binary', 'base64'] } },
					},
					{
						displayName: 'Binary Property Prefix',
						name: 'binaryPrefix',
						type: 'string',
						default: 'frame_',
						description: 'Frames become binary properties frame_0, frame_1, … (with Split Into Items, each item\'s frame is in "data")',
						displayOptions: { show: withResult },
					},
					{ ...splitOption({ noun: 'frame' }), displayOptions: { show: withResult } },
					...taskOptions({ defaultQps: AI_SEARCH_QPS['video-snapshot'], pollingShow: withResult }),
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTaskNode(this, {
			serviceType: 'video-snapshot',
			serviceId: SNAPSHOT_SERVICE_ID,
			buildRequest: async (itemIndex, options) => {
				const settings: SnapshotSettings = {
					intervalSeconds: this.getNodeParameter('intervalSeconds', itemIndex) as number,
					format: this.getNodeParameter('imageFormat', itemIndex) as SnapshotSettings['format'],
					outputType: this.getNodeParameter('framesOutput', itemIndex) as SnapshotSettings['outputType'],
				};
				if (settings.outputType === 'oss') {
					settings.outputOss = (this.getNodeParameter('outputOss', itemIndex) as string).trim();
					if (!/^oss:\/\/[^\s/]+\//i.test(settings.outputOss)) {
						throw operationError(this.getNode(), 'The Output OSS Path is not an OSS path', itemIndex, 'Enter a path such as oss://bucket/frames/.');
					}
				}
				const { input, media } = await resolveMediaInput(this, itemIndex, ['video'], options.mediaFormat as string | undefined);
				return { body: snapshotBody(input, media, settings), source: input.source };
			},
			toItems: async (outcome, common, itemIndex, options) => {
				const frames = parseFrames(outcome.snapshot);
				const split = options.split === true;
				const prefix = (options.binaryPrefix as string | undefined) || 'frame_';
				const sourceName = (common.source as IDataObject | undefined)?.fileName as string | undefined;
				const usage = { imageCount: outcome.snapshot.usage.image_count as number | undefined };
				// OSS output: the paths are the result. Base64 output: the bytes become n8n binary data.
				const isOss = frames.length > 0 && frames.every((frame) => /^oss:\/\//i.test(frame.path));
				if (isOss || frames.length === 0) {
					const entries = frames.map((frame, index) => ({ index, frameIndex: frame.frameIndex, time: frame.time, path: frame.path }));
					return listItems({ frames: entries, frameCount: frames.length, usage }, entries, { frameCount: frames.length, usage }, common, itemIndex, split);
				}
				const images = await Promise.all(
					frames.map(async (frame, index) => {
						const bytes = Buffer.from(bareBase64(frame.path), 'base64');
						const { mimeType, extension } = sniffImage(bytes) ?? { mimeType: 'image/jpeg', extension: 'jpg' };
						const fileName = frameFileName(sourceName, index, frame.time, extension);
						return { index, frame, fileName, mimeType, binary: await toBinary(this, bytes, fileName, mimeType) };
					}),
				);
				if (split) {
					return images.map(({ index, frame, fileName, mimeType, binary }) => ({
						...itemFor({ ...common, index, frameIndex: frame.frameIndex, time: frame.time, fileName, mimeType, frameCount: frames.length, usage }, itemIndex),
						binary: { data: binary },
					}));
				}
				const binary: IBinaryKeyData = {};
				const entries = images.map(({ index, frame, fileName, mimeType, binary: data }) => {
					binary[`${prefix}${index}`] = data;
					return { index, frameIndex: frame.frameIndex, time: frame.time, binaryProperty: `${prefix}${index}`, fileName, mimeType };
				});
				return [{ ...itemFor({ frames: entries, frameCount: frames.length, usage, ...common }, itemIndex), binary }];
			},
		});
	}
}
