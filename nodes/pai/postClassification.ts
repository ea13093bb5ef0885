import type { IDataObject } from 'n8n-workflow';

/** MultiModalClassify: a post's video, images and text → async job → classes, tags, embedding. */
export function postClassificationBody(
	post: { videoUrl: string; images: string[]; text: string },
	modelName: string,
	configure: IDataObject,
): IDataObject {
	return {
		action: 'MultiModalClassify',
		video_url: post.videoUrl,
		images: post.images,
		text: post.text,
		model_name: modelName,
		configure,
	};
}

/** Image URLs from a list, a JSON array string, or text with commas or new lines. */
export function parseImageUrls(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter((v) => v !== '');
	if (typeof value !== 'string') return [];
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parseImageUrls(parsed);
		} catch {
			// not JSON: read it as a list
		}
	}
	return text
		.split(/[\n,]+/)
		.map((v) => v.trim())
		.filter((v) => v !== '');
}
