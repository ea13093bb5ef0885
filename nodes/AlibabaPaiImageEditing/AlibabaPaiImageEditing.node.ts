import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { configureJsonProperty, paiOptions } from '../pai/descriptions';
import { imageEditing } from '../pai/imageEditing';
import { imageInputProperties } from '../pai/image';
import { optionsCollection } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';

export class AlibabaPaiImageEditing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba PAI Image Editing',
		name: 'alibabaPaiImageEditing',
		icon: { light: 'file:alibabaPaiImageEditing.svg', dark: 'file:alibabaPaiImageEditing.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "removeWatermark" ? "Remove watermark" : "Reshape figure" }}',
		description: 'Reshape the figure in a portrait or remove watermarks with Alibaba Cloud PAI; the edited image is a binary output',
		defaults: { name: 'Alibaba PAI Image Editing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Reshape Figure',
						value: 'reshapeFigure',
						action: 'Reshape the figure in a portrait',
						description: 'Slim (degree above 0) or enlarge (degree below 0) the figure (model body_reshaping)',
					},
					{
						name: 'Remove Watermark',
						value: 'removeWatermark',
						action: 'Remove watermarks from an image',
						description: 'Remove watermarks (model watermark_remover)',
					},
				],
				default: 'reshapeFigure',
			},
			...imageInputProperties(),
			{
				displayName: 'Degree',
				name: 'degree',
				type: 'number',
				typeOptions: { numberPrecision: 1 },
				default: 1,
				description: 'Above 0 slims the figure; to enlarge it, -2.5 to -1.5 is recommended',
				displayOptions: { show: { operation: ['reshapeFigure'] } },
			},
			configureJsonProperty(),
			optionsCollection([
				{
					displayName: 'Custom Model Name',
					name: 'modelName',
					type: 'string',
					default: '',
					description: 'Use a model PAI deployed for your AppID instead of body_reshaping or watermark_remover',
				},
				{
					displayName: 'Output Binary Property',
					name: 'outputBinaryPropertyName',
					type: 'string',
					default: 'data',
					description: 'Name of the binary property the edited image is written to',
				},
				...paiOptions({ defaultQps: imageEditing.defaultQps }),
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, imageEditing);
	}
}
