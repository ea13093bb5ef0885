import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { PAI_QPS } from '../pai/constants';
import { configureJsonProperty, modelProperties, paiOptions, readConfigure, readModelName } from '../pai/descriptions';
import { FACE_MODELS, faceAnalysisBody, normalizeAge, normalizeFaces } from '../pai/faceAnalysis';
import { imageInputProperties, runImageNode } from '../pai/image';
import { obj } from '../pai/normalize';
import { CREDENTIAL_TYPE } from '../shared/constants';
import { itemFor } from '../shared/output';

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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Split Into Items',
						name: 'split',
						type: 'boolean',
						default: true,
						description: 'Whether to output one item per face (an image without faces still gives one item, with faceCount 0) instead of one item with a faces list',
					},
					...paiOptions({ defaultQps: PAI_QPS.image }),
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = await runImageNode(this, {
			body: (itemIndex, image) => faceAnalysisBody(image, readModelName(this, itemIndex), readConfigure(this, itemIndex, {})),
			items: (answer, itemIndex, source, options: IDataObject) => {
				const shared = { requestId: answer.requestId, source: { ...source }, raw: options.includeRaw ? answer.raw : undefined };
				const data = obj(answer.data);
				if (data.attr === undefined) {
					// The age model (or a custom model without per-face attributes).
					const age = normalizeAge(data);
					return [itemFor(age.ageRange === undefined ? { result: answer.data as IDataObject, ...shared } : { ...age, ...shared }, itemIndex)];
				}
				const faces = normalizeFaces(data);
				if (options.split === false || faces.length === 0) {
					return [itemFor({ faceCount: faces.length, faces, ...shared }, itemIndex)];
				}
				return faces.map((face) => itemFor({ faceCount: faces.length, ...face, ...shared }, itemIndex));
			},
		});
		return [items];
	}
}
