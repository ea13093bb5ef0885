import type { IDataObject } from 'n8n-workflow';

import { num, obj } from './normalize';

/** ImageQA: a 0–100 quality score plus the image size. */
export function imageQualityBody(image: string, modelName: string, configure: IDataObject): IDataObject {
	return { action: 'ImageQA', image, model_name: modelName, configure };
}

export function normalizeImageQuality(data: unknown): IDataObject {
	const d = obj(data);
	return { score: num(d.iqa_result), width: num(d.image_width), height: num(d.image_height) };
}
