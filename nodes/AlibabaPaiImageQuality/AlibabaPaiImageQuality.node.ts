import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { configureJsonProperty, modelProperties, paiOptions } from '../pai/descriptions';
import { imageInputProperties } from '../pai/image';
import { imageQuality } from '../pai/imageQuality';
import { optionsCollection } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';

export class AlibabaPaiImageQuality implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Image Quality',
		name: 'alibabaPaiImageQuality',
		icon: { light: 'file:alibabaPaiImageQuality.svg', dark: 'file:alibabaPaiImageQuality.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Score image quality',
		description: 'Score the quality of images from 0 to 100 with Alibaba Cloud PAI multimedia analysis',
		defaults: { name: 'Alibaba PAI Image Quality' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			...imageInputProperties(),
			...modelProperties({
				presets: [{ name: 'General Model', value: '', description: 'The general image quality model' }],
				default: '',
			}),
			configureJsonProperty(),
			optionsCollection(paiOptions({ defaultQps: imageQuality.defaultQps })),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, imageQuality);
	}
}
