import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Capability, ItemContext, OutputContext } from '../shared/capability/capability';
import { inputProperties } from '../shared/ui/inputs';
import type { PreparedInput } from '../shared/io/input';
import { COMMON_IMAGE_TYPES } from '../shared/io/imageTypes';
import { prepareInput, readInputSpec } from '../shared/io/input';
import type { Base64Content } from '../shared/transport/base64Content';
import type { Answer } from '../shared/work/work';
import { PAI_QPS } from './constants';
import { readConfigure, readModelName } from './descriptions';
import { pai } from './protocol';

/** URL (the documented input) or a binary property, sent as base64 in the same `image` field. */
export function imageInputProperties(show?: Record<string, string[]>): INodeProperties[] {
	return inputProperties({ noun: 'image', types: ['url', 'binary'], show });
}

export type PaiImageAction = 'ImageQA' | 'FaceAttrImage' | 'MultiLabelImageV2';

/** The one /api/v1/images body: an action, the image (URL or base64 content), a model and its configure object. */
export function paiImageBody(action: PaiImageAction, image: string | Base64Content, modelName: string, configure: IDataObject): IDataObject {
	return { action, image, model_name: modelName, configure };
}

export interface PaiImageRequest {
	input: PreparedInput;
	modelName: string;
	configure: IDataObject;
}

/**
 * A synchronous PAI image capability: one call per image. `model` reads the model name (default: the
 * node's Model parameter), `typed` the node's typed configure fields; `output` shapes the answer.
 */
export function paiImageCapability(config: {
	action: PaiImageAction;
	model?: (item: ItemContext) => string;
	typed?: (item: ItemContext) => IDataObject;
	output: (answer: Answer, item: OutputContext<PaiImageRequest>) => Promise<IDataObject | INodeExecutionData[]> | IDataObject | INodeExecutionData[];
	raw?: (answer: Answer) => IDataObject;
}): Capability<PaiImageRequest> {
	return {
		protocol: pai,
		defaultQps: PAI_QPS.image,
		async: false,
		route: () => 'images',
		async prepare(item) {
			const input = await prepareInput(item.ctx, item.index, readInputSpec(item.ctx, item.index), {
				imageTypes: COMMON_IMAGE_TYPES,
				// Images over about 6 MB go through the OSS bucket as a pre-signed URL.
				staging: { staging: item.staging, pass: 'url', inline: true, service: 'PAI image analysis' },
			});
			const modelName = config.model ? config.model(item) : readModelName(item.ctx, item.index);
			const configure = readConfigure(item.ctx, item.index, config.typed?.(item) ?? {});
			return { request: { input, modelName, configure }, fields: { source: input.source } };
		},
		async body(request) {
			const input = await request.input.load();
			return paiImageBody(config.action, input.url ?? input.content ?? '', request.modelName, request.configure);
		},
		output: config.output,
		raw: config.raw,
	};
}
