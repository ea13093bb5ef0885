import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { TAGGER_TYPES, TAGGING_MODELS, imageTagging } from '../pai/imageTagging';
import { configureJsonProperty, modelProperties, modelSettings, paiOptions } from '../pai/descriptions';
import { imageInputProperties } from '../pai/image';
import { optionsCollection } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';

export class AlibabaPaiImageTagging implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Image Tagging',
		name: 'alibabaPaiImageTagging',
		icon: { light: 'file:alibabaPaiImageTagging.svg', dark: 'file:alibabaPaiImageTagging.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] === "tagger" ? "AI painting tagger" : "Tag images" }}',
		description: 'Tag images with scored labels and an optional 512-dimension embedding, or caption AI paintings, with Alibaba Cloud PAI',
		defaults: { name: 'Alibaba PAI Image Tagging' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			...imageInputProperties(),
			...modelProperties({
				presets: [
					{ name: 'Multi-Label Tagging (General Model)', value: TAGGING_MODELS.general, description: 'Top K tags with scores, optional embedding' },
					{ name: 'AI Painting Tagger', value: TAGGING_MODELS.tagger, description: 'Caption and tags for Stable Diffusion training images (a model PAI enables per AppID)' },
				],
				default: TAGGING_MODELS.general,
			}),
			modelSettings([
				{
					displayName: 'Output Embedding',
					name: 'output_embedding',
					type: 'boolean',
					default: false,
					description: 'Whether to return the 512-dimension image embedding (as a number array, ready for a vector index)',
					displayOptions: { show: { '/model': [TAGGING_MODELS.general, 'custom'] } },
				},
				{
					displayName: 'Tag Top K',
					name: 'tag_top_k',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 10 },
					default: 10,
					description: 'How many tags to return (1–10)',
					displayOptions: { show: { '/model': [TAGGING_MODELS.general, 'custom'] } },
				},
				{
					displayName: 'Tagger Type',
					name: 'tagger_type',
					type: 'options',
					options: TAGGER_TYPES.map((type) => ({ name: type, value: type })),
					default: 'SmilingWolf/wd-v1-4-convnextv2-tagger-v2',
					displayOptions: { show: { '/model': [TAGGING_MODELS.tagger, 'custom'] } },
				},
				{
					displayName: 'Threshold',
					name: 'threshold',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
					default: 0.5,
					description: 'Lowest probability for a tag to enter the caption',
					displayOptions: { show: { '/model': [TAGGING_MODELS.tagger, 'custom'] } },
				},
			]),
			configureJsonProperty(),
			optionsCollection(paiOptions({ defaultQps: imageTagging.defaultQps })),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, imageTagging);
	}
}
