import type { IDataObject } from 'n8n-workflow';

import { num, obj, str } from '../shared/core/values';
import { paiImageCapability } from './image';
import { parseEmbedding, scoredList } from './normalize';

/** MultiLabelImageV2: general tagging (top K + optional 512-d embedding) or the AI-painting tagger. */
export const TAGGING_MODELS = { general: '', tagger: 'tagger' } as const;

export { TAGGER_TYPES } from './constants';

export function normalizeTags(data: unknown): IDataObject {
	const d = obj(data);
	const embedding = parseEmbedding(d.embedding_result);
	return {
		tags: scoredList(d.tag_result, 'tag').map(({ name, score }) => ({ tag: name, score })),
		embedding,
		embeddingDimensions: embedding?.length,
		width: num(d.image_width),
		height: num(d.image_height),
	};
}

/** The tagger's caption is its kept tags joined by ", "; `probs` (one per vocabulary entry) is only in raw. */
export function normalizeTaggerCaption(data: unknown): IDataObject {
	const caption = str(obj(data).caption) ?? '';
	return {
		caption,
		tags: caption
			.split(',')
			.map((tag) => tag.trim())
			.filter((tag) => tag !== ''),
	};
}

export const imageTagging = paiImageCapability({
	action: 'MultiLabelImageV2',
	typed: (item) => item.param<IDataObject>('configure', {}),
	output(answer) {
		const data = obj(answer.data);
		return data.caption !== undefined ? normalizeTaggerCaption(data) : normalizeTags(data);
	},
});
