import type { IDataObject } from 'n8n-workflow';

import { num, obj } from '../shared/core/values';
import { paiImageCapability } from './image';

/** ImageQA: a 0–100 quality score plus the image size. */

export function normalizeImageQuality(data: unknown): IDataObject {
	const d = obj(data);
	return { score: num(d.iqa_result), width: num(d.image_width), height: num(d.image_height) };
}

export const imageQuality = paiImageCapability({
	action: 'ImageQA',
	output: (answer) => normalizeImageQuality(answer.data),
});
