import type { IDataObject } from 'n8n-workflow';

import { num, obj } from '../shared/core/values';

/** Result readers shared by the PAI capabilities: embeddings, scored lists, classifications. */

/** Embeddings come as "0.1,-0.2,..." strings; a vector index wants numbers. Arrays pass through. */
export function parseEmbedding(value: unknown): number[] | undefined {
	if (Array.isArray(value)) {
		const numbers = value.map(num);
		return numbers.every((n) => n !== undefined) ? (numbers as number[]) : undefined;
	}
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const numbers = value.split(',').map((part) => num(part.trim()));
	return numbers.every((n) => n !== undefined) ? (numbers as number[]) : undefined;
}

/** `[{tag|class, score}]` → `[{name, score}]`, in the service's (descending) order. */
export function scoredList(value: unknown, key: 'tag' | 'class'): Array<{ name: string; score?: number }> {
	if (!Array.isArray(value)) return [];
	return value
		.map((entry) => obj(entry))
		.filter((entry) => typeof entry[key] === 'string')
		.map((entry) => ({ name: entry[key] as string, score: num(entry.score) }));
}

/** The classes, tags and embedding of ClassifyLabelVideo and MultiModalClassify results. */
export function normalizeClassification(result: unknown): IDataObject {
	const data = obj(result);
	const embedding = parseEmbedding(data.embedding_result);
	return {
		classes: data.classification_result === undefined ? undefined : scoredList(data.classification_result, 'class'),
		tags: data.tag_result === undefined ? undefined : scoredList(data.tag_result, 'tag'),
		embedding,
		embeddingDimensions: embedding?.length,
		duration: num(data.duration),
		width: num(data.video_width),
		height: num(data.video_height),
	};
}
