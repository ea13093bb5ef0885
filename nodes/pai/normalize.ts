import type { IDataObject } from 'n8n-workflow';

/** Small readers shared by the PAI result normalizers. */

export function num(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

export function str(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function obj(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

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
