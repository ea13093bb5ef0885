import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { mediaFormatOption, outputOssOption } from '../aiSearch/media';
import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { aiSearch } from '../aiSearch/protocol';
import { inputProperties } from '../shared/ui/inputs';
import { operationProperties, showFor, SUBMIT_OPERATIONS, WAIT_OPERATIONS, waitHints } from '../shared/ui/operations';
import { optionsCollection, splitOption, taskOptions } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';
import { transcription } from '../aiSearch/transcription';

const withInput = showFor(SUBMIT_OPERATIONS);
const withResult = showFor(WAIT_OPERATIONS, true);

export class AlibabaTranscription implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Transcription',
		name: 'alibabaTranscription',
		icon: { light: 'file:alibabaTranscription.svg', dark: 'file:alibabaTranscription.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"submitAndWait": "Transcribe", "submitOnly": "Submit transcription", "getResult": "Get transcript"}[$parameter["operation"]] }}',
		description: 'Transcribe audio and video with Alibaba Cloud AI Search: text, timed sentences, SRT and WebVTT',
		defaults: { name: 'Alibaba Transcription' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(aiSearch.terms),
		properties: [
			...operationProperties({ work: aiSearch.terms, subject: 'transcription', resultNoun: 'transcript' }),
			...inputProperties({ noun: 'audio or video file', types: ['binary', 'url', 'base64'], allowOss: true, show: withInput }),
			optionsCollection([
				mediaFormatOption(['audio', 'video']),
				outputOssOption({ placeholder: 'oss://bucket/transcripts/', description: 'Also have the service write its result to this OSS path (output type "oss"); empty returns the text only' }),
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
				...taskOptions({ defaultQps: transcription.defaultQps, pollingShow: withResult, work: aiSearch.terms }),
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, transcription);
	}
}
