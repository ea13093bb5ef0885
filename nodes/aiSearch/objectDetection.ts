import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Capability, ItemContext } from '../shared/capability/capability';
import { inputProperties } from '../shared/ui/inputs';
import { optionsCollection, requestOptions, splitOption } from '../shared/ui/options';
import type { PreparedInput, ResolvedInput } from '../shared/io/input';
import { DOCUMENTED_IMAGE_TYPES } from '../shared/io/imageTypes';
import { prepareInput, readInputSpec } from '../shared/io/input';
import { listItems } from '../shared/io/output';
import { list, num, obj, optionNumber } from '../shared/core/values';
import type { Answer } from '../shared/work/work';
import { AI_SEARCH_QPS, AI_SEARCH_SERVICE_IDS } from './constants';
import { aiSearch } from './protocol';
import { readServiceId, serviceIdProperties } from './serviceId';

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
	return { image: input.url ? { url: input.url } : { content: input.content } };
}

/**
 * The API's objects use upper-case `location.X/Y` and type confidence as a string in the SDK but a number
 * in the docs: both are accepted. Entries without a usable box are dropped rather than guessed.
 */
export function parseObjects(data: unknown): DetectedObject[] {
	const objects: DetectedObject[] = [];
	for (const entry of list(obj(data).objects)) {
		const object = obj(entry);
		const location = obj(object.location);
		const x = num(location.X ?? location.x);
		const y = num(location.Y ?? location.y);
		const width = num(location.width ?? location.Width);
		const height = num(location.height ?? location.Height);
		if (x === undefined || y === undefined || width === undefined || height === undefined) continue;
		objects.push({ confidence: num(object.confidence) ?? 0, box: { x, y, width, height } });
	}
	return objects;
}

export function normalizeDetection(answer: Answer, minConfidence = 0) {
	// The contract puts the list straight in `result.objects` (no `data` wrapper, unlike the task services).
	const result = obj(answer.raw.result);
	const detected = parseObjects(result.objects !== undefined ? result : answer.data);
	const objects = detected.filter((object) => object.confidence >= minConfidence);
	return {
		objects,
		objectCount: objects.length,
		filteredOut: detected.length - objects.length || undefined,
		usage: { image: num(answer.usage.image) },
	};
}

/** The parameters of the detection nodes: service, image input, confidence filter, split and request options. */
export function detectionProperties(config: {
	serviceLabel: string;
	serviceDescription?: string;
	confidenceDescription: string;
	splitNoun: string;
}): INodeProperties[] {
	return [
		...serviceIdProperties({ label: config.serviceLabel, services: OBJECT_DETECTION_SERVICES, description: config.serviceDescription }),
		...inputProperties({ noun: 'image', types: ['binary', 'url', 'base64'] }),
		optionsCollection([
			{
				displayName: 'Minimum Confidence',
				name: 'minConfidence',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0,
				description: config.confidenceDescription,
			},
			splitOption({ noun: config.splitNoun }),
			...requestOptions({ defaultQps: detectionBase.defaultQps }),
		]),
	];
}

export interface DetectionRequest {
	input: PreparedInput;
	/** Read in phase one, so an out-of-range value is refused before the image is sent. */
	minConfidence: number;
	/** Read from the image header when the bytes are loaded (Main Subject ranks within the image). */
	imageSize?: { width: number; height: number; format: string };
}

/** The route of a detection item; `label` is the node's name for its Service parameter. */
export function detectionRoute(label: string) {
	return (item: ItemContext) => `image-object-detection/${readServiceId(item, 'image-object-detection', AI_SEARCH_SERVICE_IDS['image-object-detection'], label)}`;
}

/** What both detection capabilities share: one synchronous request per image, no task. */
export const detectionBase = {
	protocol: aiSearch,
	defaultQps: AI_SEARCH_QPS['image-object-detection'],
	async: false,
	route: detectionRoute('Service'),
	async prepare(item: ItemContext) {
		const input = await prepareInput(item.ctx, item.index, readInputSpec(item.ctx, item.index), {
			imageTypes: DOCUMENTED_IMAGE_TYPES,
			// No OSS field: a staged image goes as a pre-signed URL.
			staging: { staging: item.staging, pass: 'url', inline: true, service: 'Object detection' },
		});
		const request: DetectionRequest = { input, minConfidence: minConfidence(item.options) };
		return { request, fields: { source: input.source } };
	},
};

const minConfidence = (options: IDataObject) => optionNumber(options.minConfidence, { label: 'Minimum Confidence', fallback: 0, min: 0, max: 1 });

export const objectDetection: Capability<DetectionRequest> = {
	...detectionBase,
	body: async (request) => objectDetectionBody(await request.input.load()),
	output(answer, item) {
		const result = normalizeDetection(answer, item.request?.minConfidence);
		const shared = { objectCount: result.objectCount, usage: result.usage };
		return listItems(result, result.objects, shared, item.common, item.index, item.options.split === true);
	},
};
