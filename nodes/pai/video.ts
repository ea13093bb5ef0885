import type { IDataObject } from 'n8n-workflow';

import type { BatchVideo } from './batch';
import { normalizeClassification, num, obj } from './normalize';

/** VideoQA and ClassifyLabelVideo: one job per video (`/videos`) or one batch job (`/batch_videos`). */
export type VideoAction = 'VideoQA' | 'ClassifyLabelVideo';

/**
 * Single-video body in the Go/Java SDK form. (The Python SDK also sends `text` = title, a getter bug;
 * the service must accept both, so we send the title once.)
 */
export function videoJobBody(action: VideoAction, video: BatchVideo, modelName: string, configure: IDataObject): IDataObject {
	return { action, video_url: video.url, video_title: video.title ?? '', model_name: modelName, configure };
}

export function batchVideoBody(action: VideoAction, videos: BatchVideo[], modelName: string, configure: IDataObject): IDataObject {
	return { action, videos: videos.map((v) => ({ url: v.url, title: v.title ?? '' })), model_name: modelName, configure };
}

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

export function normalizeVideoClassification(result: unknown): IDataObject {
	return normalizeClassification(result);
}
