import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { FACE_MODELS, faceAnalysis } from '../pai/faceAnalysis';
import { configureJsonProperty, modelProperties, paiOptions } from '../pai/descriptions';
import { imageInputProperties } from '../pai/image';
import { optionsCollection } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';

export class AlibabaPaiFaceAnalysis implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Face Analysis',
		name: 'alibabaPaiFaceAnalysis',
		icon: { light: 'file:alibabaPaiFaceAnalysis.svg', dark: 'file:alibabaPaiFaceAnalysis.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] === "fairface" ? "Estimate age" : "Face attributes" }}',
		description: 'Detect faces and their attributes (face shape, hair style and colour) or estimate age with Alibaba Cloud PAI',
		defaults: { name: 'Alibaba PAI Face Analysis' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			...imageInputProperties(),
			...modelProperties({
				presets: [
					{ name: 'Face Attributes (General Model)', value: FACE_MODELS.general, description: 'Per face: box, face shape, hair style and colour' },
					{ name: 'Age (Fairface)', value: FACE_MODELS.age, description: 'Age range of the main face (a model PAI enables per AppID)' },
				],
				default: FACE_MODELS.general,
			}),
			configureJsonProperty(),
			optionsCollection([
				{
					displayName: 'Split Into Items',
					name: 'split',
					type: 'boolean',
					default: true,
					description: 'Whether to output one item per face (an image without faces still gives one item, with faceCount 0) instead of one item with a faces list',
				},
				...paiOptions({ defaultQps: faceAnalysis.defaultQps }),
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, faceAnalysis);
	}
}
