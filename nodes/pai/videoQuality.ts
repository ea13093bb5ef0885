import type { IDataObject } from 'n8n-workflow';

import { num, obj } from '../shared/core/values';
import { paiVideoCapability } from './video';

/** VideoQA Result: score 0–100, fps, duration, size and the static-image ratio (`single_img`). */
export function normalizeVideoQuality(result: unknown): IDataObject {
	const r = obj(result);
	return {
		score: num(r.video_score),
		fps: num(r.avg_fps),
		duration: num(r.duration),
		width: num(r.width),
		height: num(r.height),
		staticImageRatio: num(r.single_img),
	};
}

export const videoQuality = paiVideoCapability({ action: 'VideoQA', service: 'PAI Video Quality', normalize: normalizeVideoQuality });
