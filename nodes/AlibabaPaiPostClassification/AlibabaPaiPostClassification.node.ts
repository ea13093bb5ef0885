import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { classificationConfigureFields, configureJsonProperty, modelProperties, modelSettings, paiOptions } from '../pai/descriptions';
import { forAgents, fromAi } from '../shared/ui/agents';
import { operationProperties, showFor, SUBMIT_OPERATIONS, WAIT_OPERATIONS, waitHints } from '../shared/ui/operations';
import { optionsCollection } from '../shared/ui/options';
import { pai } from '../pai/protocol';
import { postClassification } from '../pai/postClassification';
import { videoInputProperties } from '../pai/video';
import { runCapability } from '../shared/capability/runner';

const submitShow = showFor(SUBMIT_OPERATIONS);

export class AlibabaPaiPostClassification implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Post Classification',
		name: 'alibabaPaiPostClassification',
		icon: { light: 'file:alibabaPaiPostClassification.svg', dark: 'file:alibabaPaiPostClassification.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"submitAndWait": "Classify post", "submitOnly": "Submit post classification", "getResult": "Get classification result"}[$parameter["operation"]] }}',
		description: 'Classify and tag multimodal posts (video, images and text) with Alibaba Cloud PAI and get an embedding',
		defaults: { name: 'Alibaba PAI Post Classification' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(pai.terms),
		properties: [
			...operationProperties({ work: pai.terms, subject: 'post classification', resultNoun: 'classes, tags and embedding' }),
			...videoInputProperties(submitShow, 'post'),
			...forAgents(
				{
					displayName: 'Image URLs',
					name: 'imageUrls',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/a.jpg, https://example.com/b.jpg',
					description: "The post's images: URLs separated by commas or new lines, or an array expression",
					displayOptions: { show: submitShow },
				},
				fromAi('imageUrls', 'Public http(s) URLs of the images of the post, separated by commas, if it has any', true),
			),
			...forAgents(
				{
					displayName: 'Text',
					name: 'text',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					description: "The post's title and introduction",
					displayOptions: { show: submitShow },
				},
				fromAi('text', 'Title and text of the post', true),
			),
			...modelProperties({
				presets: [
					{ name: 'General Model', value: '', description: 'The general model of the app' },
					{ name: 'Multi-Modal Tag', value: 'multi_modal_tag', description: 'The post tagging model of the documentation sample (enabled per AppID)' },
				],
				default: '',
				show: submitShow,
			}),
			modelSettings(classificationConfigureFields(), submitShow),
			configureJsonProperty(submitShow),
			optionsCollection(paiOptions({ defaultQps: postClassification.defaultQps, pollingShow: showFor(WAIT_OPERATIONS, true) })),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, postClassification);
	}
}
