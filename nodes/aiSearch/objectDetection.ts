import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { ResolvedInput } from '../shared/input';
import type { TaskSnapshot } from './api';
import { arrayOf, numberOrUndefined, objectOf } from './media';

/** Object detection (`image-object-detection`), synchronous: unlabeled boxes with a confidence. */
export const OBJECT_DETECTION_SERVICES: INodePropertyOptions[] = [
	{
		name: 'Objects (Ops-Object-Detect-001)',
		value: 'ops-object-detect-001',
		description: 'Boxes around the objects in the image, each with a confidence',
	},
	{
		name: 'Faces (Ops-Object-Detect-Face-001)',
		value: 'ops-object-detect-face-001',
		description: 'Boxes around the faces in the image, each with a confidence',
	},
];

export interface Box extends IDataObject {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface DetectedObject extends IDataObject {
	confidence: number;
	box: Box;
}

/** The service takes an image URL or bare base64 content; it has no OSS field. */
export function objectDetectionBody(input: ResolvedInput): IDataObject {
	return { image: input.url ? { url: input.url } : { content: input.base64 } };
}

/**
 * The API's objects use upper-case `location.X/Y` and type confidence as a string in the SDK but a number
 * in the docs: both are accepted. Entries without a usable box are dropped rather than guessed.
 */
export function parseObjects(data: unknown): DetectedObject[] {
	const objects: DetectedObject[] = [];
	for (const entry of arrayOf(objectOf(data).objects)) {
		const object = objectOf(entry);
		const location = objectOf(object.location);
		const x = numberOrUndefined(location.X ?? location.x);
		const y = numberOrUndefined(location.Y ?? location.y);
		const width = numberOrUndefined(location.width ?? location.Width);
		const height = numberOrUndefined(location.height ?? location.Height);
		if (x === undefined || y === undefined || width === undefined || height === undefined) continue;
		objects.push({ confidence: numberOrUndefined(object.confidence) ?? 0, box: { x, y, width, height } });
	}
	return objects;
}

export function normalizeDetection(snapshot: TaskSnapshot, minConfidence = 0) {
	// The contract puts the list straight in `result.objects` (no `data` wrapper, unlike the task services).
	const result = objectOf(snapshot.raw.result);
	const detected = parseObjects(result.objects !== undefined ? result : snapshot.data);
	const objects = detected.filter((object) => object.confidence >= minConfidence);
	return {
		objects,
		objectCount: objects.length,
		filteredOut: detected.length - objects.length || undefined,
		usage: { image: numberOrUndefined(snapshot.usage.image) },
	};
}
