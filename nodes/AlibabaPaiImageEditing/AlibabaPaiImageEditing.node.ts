import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toBinary } from '../shared/binaryOutput';
import { PAI_QPS } from '../pai/constants';
import { configureJsonProperty, paiOptions, readConfigure } from '../pai/descriptions';
import type { EditingOperation } from '../pai/imageEditing';
import { EDITING_MODELS, decodeEditedImage, imageEditingBody, sniffImage } from '../pai/imageEditing';
import { imageInputProperties, runImageNode } from '../pai/image';
import { CREDENTIAL_TYPE } from '../shared/constants';
import { fileNameFromUrl } from '../shared/input';
import { itemFor } from '../shared/output';
import { operationError } from '../shared/transport/errors';

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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
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
					...paiOptions({ defaultQps: PAI_QPS.image }),
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as EditingOperation;
		const modelFor = (itemIndex: number) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return String(options.modelName ?? '').trim() || EDITING_MODELS[operation];
		};
		const items = await runImageNode(this, {
			body: (itemIndex, image) => {
				const typed = operation === 'reshapeFigure' ? { degree: this.getNodeParameter('degree', itemIndex) as number } : {};
				return imageEditingBody(image, modelFor(itemIndex), readConfigure(this, itemIndex, typed));
			},
			items: async (answer, itemIndex, source, options: IDataObject) => {
				const buffer = decodeEditedImage(answer.data);
				if (!buffer) {
					throw operationError(this.getNode(), 'The service answered OK but returned no base64 image', itemIndex, 'Check that the model name is an image editing model.');
				}
				const { mimeType, extension } = sniffImage(buffer);
				const baseName = (source.fileName ?? (source.url ? fileNameFromUrl(source.url) : undefined) ?? 'image').replace(/\.[^.]*$/, '');
				const property = String(options.outputBinaryPropertyName ?? '').trim() || 'data';
				const binary = await toBinary(this, buffer, `${baseName}-${operation === 'reshapeFigure' ? 'reshaped' : 'clean'}.${extension}`, mimeType);
				const item = itemFor(
					{
						operation,
						model: modelFor(itemIndex),
						mimeType,
						fileSize: buffer.length,
						binaryProperty: property,
						requestId: answer.requestId,
						source: { ...source },
						raw: options.includeRaw ? { ...answer.raw, data: `(${buffer.length} bytes, in binary property ${property})` } : undefined,
					},
					itemIndex,
				);
				item.binary = { [property]: binary };
				return [item];
			},
		});
		return [items];
	}
}
