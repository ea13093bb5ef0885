import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AUDIO_FORMATS, VIDEO_FORMATS } from '../aiSearch/media';
import { resolveMediaInput } from '../aiSearch/mediaInput';
import { executeTaskNode, listItems } from '../aiSearch/taskNode';
import type { TimeUnit } from '../aiSearch/transcription';
import { ASR_SERVICE_ID, asrBody, normalizeTranscript, toSrt, toVtt } from '../aiSearch/transcription';
import { textToBinary } from '../shared/binaryOutput';
import { AI_SEARCH_QPS, CREDENTIAL_TYPE } from '../shared/constants';
import { asyncOperationProperties, inputProperties, splitOption, taskOptions } from '../shared/descriptions';
import { itemFor } from '../shared/output';

const withInput = { operation: ['submitAndWait', 'submitOnly'] };
const withResult = { '/operation': ['submitAndWait', 'getResult'] };

export class AlibabaTranscription implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Transcription',
		name: 'alibabaTranscription',
		icon: { light: 'file:alibabaTranscription.svg', dark: 'file:alibabaTranscription.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Transcribe audio and video with Alibaba Cloud AI Search: text, timed sentences, SRT and WebVTT',
		defaults: { name: 'Alibaba Transcription' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			...asyncOperationProperties({ noun: 'transcription', resultNoun: 'transcript' }),
			...inputProperties({ noun: 'audio or video file', types: ['binary', 'url', 'base64'], allowOss: true, show: withInput }),
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
						options: [...AUDIO_FORMATS, ...VIDEO_FORMATS].map((format) => ({ name: format.toUpperCase(), value: format })),
						default: 'mp3',
						description: 'Format of an uploaded file; when set it overrides what the file name or MIME type shows',
						displayOptions: { show: { '/operation': ['submitAndWait', 'submitOnly'], '/inputType': ['binary', 'base64'] } },
					},
					{
						displayName: 'Output OSS Path',
						name: 'outputOss',
						type: 'string',
						default: '',
						placeholder: 'oss://bucket/transcripts/',
						description: 'Also have the service write its result to this OSS path (output type "oss"); empty returns the text only',
						displayOptions: { show: { '/operation': ['submitAndWait', 'submitOnly'] } },
					},
					{
						displayName: 'Sentence Time Unit',
						name: 'timeUnit',
						type: 'options',
						options: [
							{ name: 'Seconds', value: 'seconds' },
							{ name: 'Milliseconds', value: 'milliseconds' },
						],
						default: 'seconds',
						description:
							'Unit of the start/end times the service returns (not documented; seconds observed). Output times are always seconds.',
						displayOptions: { show: withResult },
					},
					{
						displayName: 'Subtitles',
						name: 'subtitles',
						type: 'options',
						options: [
							{ name: 'None', value: 'none' },
							{ name: 'SRT', value: 'srt' },
							{ name: 'WebVTT', value: 'vtt' },
							{ name: 'SRT and WebVTT', value: 'both' },
						],
						default: 'none',
						description: 'Render the timed sentences as subtitles (not with Split Into Items)',
						displayOptions: { show: withResult },
					},
					{
						displayName: 'Subtitles As',
						name: 'subtitlesOutput',
						type: 'options',
						options: [
							{ name: 'Text Fields', value: 'text', description: 'In the srt and vtt fields of the item' },
							{ name: 'Binary Files', value: 'binary', description: 'As the binary properties srt and vtt (.srt / .vtt files)' },
						],
						default: 'text',
						displayOptions: { show: withResult },
					},
					{ ...splitOption({ noun: 'sentence' }), displayOptions: { show: withResult } },
					...taskOptions({ defaultQps: AI_SEARCH_QPS['audio-asr'], pollingShow: withResult }),
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTaskNode(this, {
			serviceType: 'audio-asr',
			serviceId: ASR_SERVICE_ID,
			buildRequest: async (itemIndex, options) => {
				const { input, media } = await resolveMediaInput(this, itemIndex, ['audio', 'video'], options.mediaFormat as string | undefined);
				return { body: asrBody(input, media, (options.outputOss as string | undefined)?.trim()), source: input.source };
			},
			toItems: async (outcome, common, itemIndex, options) => {
				const result: IDataObject = normalizeTranscript(outcome.snapshot, (options.timeUnit as TimeUnit) ?? 'seconds');
				const sentences = result.sentences as Array<{ start: number; end: number; text: string }>;
				if (options.split === true) {
					return listItems(result, sentences, { sentenceCount: sentences.length, duration: result.duration }, common, itemIndex, true);
				}
				const subtitles = (options.subtitles as string | undefined) ?? 'none';
				const rendered: Record<string, string> = {};
				if (subtitles === 'srt' || subtitles === 'both') rendered.srt = toSrt(sentences);
				if (subtitles === 'vtt' || subtitles === 'both') rendered.vtt = toVtt(sentences);
				if (options.subtitlesOutput !== 'binary') return [itemFor({ ...result, ...rendered, ...common }, itemIndex)];

				const item = itemFor({ ...result, ...common }, itemIndex);
				const base = (((common.source as IDataObject | undefined)?.fileName as string | undefined) ?? 'transcript').replace(/\.[^.]*$/, '');
				item.binary = {};
				if (rendered.srt) item.binary.srt = await textToBinary(this, rendered.srt, `${base}.srt`, 'application/x-subrip');
				if (rendered.vtt) item.binary.vtt = await textToBinary(this, rendered.vtt, `${base}.vtt`, 'text/vtt');
				return [item];
			},
		});
	}
}
