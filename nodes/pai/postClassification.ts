import type { IDataObject } from 'n8n-workflow';

import type { Capability, ItemContext } from '../shared/capability/capability';
import type { PreparedInput } from '../shared/io/input';
import { isHttpUrl } from '../shared/io/input';
import { PAI_QPS } from './constants';
import { readConfigure, readModelName } from './descriptions';
import { normalizeClassification } from './normalize';
import { pai } from './protocol';
import { prepareStagedVideo } from './video';

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

type Post = { videoUrl: string; images: string[]; text: string };

function readPost(item: ItemContext, binaryVideo: boolean): Post {
	const videoUrl = binaryVideo ? '' : String(item.param('videoUrl', '')).trim();
	const images = parseImageUrls(item.param('imageUrls', ''));
	const text = String(item.param('text', ''));
	const bad = [videoUrl, ...images].find((url) => url !== '' && !isHttpUrl(url));
	if (bad !== undefined) throw item.fail(`"${bad.slice(0, 200)}" is not a usable URL`, 'Enter full http:// or https:// URLs the service can download.');
	if (!binaryVideo && !videoUrl && images.length === 0 && text.trim() === '') throw item.fail('The post is empty', 'Give at least one of Video URL, Image URLs and Text.');
	return { videoUrl, images, text };
}

interface PostRequest {
	post: Post;
	/** A binary video, staged through the OSS bucket and sent as a pre-signed URL. */
	video?: PreparedInput;
	modelName: string;
	configure: IDataObject;
}

export const postClassification: Capability<PostRequest> = {
	protocol: pai,
	defaultQps: PAI_QPS.video,
	async: true,
	route: () => 'videos',
	async prepare(item) {
		const binaryVideo = item.param<string>('inputType', 'url') === 'binary';
		const post = readPost(item, binaryVideo);
		const video = binaryVideo ? await prepareStagedVideo(item, 'PAI Post Classification') : undefined;
		const request = {
			post,
			video,
			modelName: readModelName(item.ctx, item.index),
			configure: readConfigure(item.ctx, item.index, item.param<IDataObject>('configure', {})),
		};
		return { request, fields: video ? { source: video.source } : undefined };
	},
	async body(request) {
		const videoUrl = request.video ? ((await request.video.load()).url ?? '') : request.post.videoUrl;
		return postClassificationBody({ ...request.post, videoUrl }, request.modelName, request.configure);
	},
	output: (answer) => normalizeClassification(answer.data),
};
