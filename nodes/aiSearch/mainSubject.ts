import type { IDataObject } from 'n8n-workflow';

import type { Capability } from '../shared/capability/capability';
import { readImageSize } from '../shared/io/imageSize';
import { listItems } from '../shared/io/output';
import type { Box, DetectedObject, DetectionRequest } from './objectDetection';
import { detectionBase, detectionRoute, normalizeDetection, objectDetectionBody } from './objectDetection';

/**
 * Main subject ranking. The service returns unlabeled boxes; the main subject is the one a viewer
 * notices first: confident, large and central.
 *
 *   score = 0.5 × confidence + 0.3 × √(box area ÷ frame area) + 0.2 × (1 − centre distance ÷ half diagonal)
 *
 * The frame is the image (its size read from the PNG/JPEG header) or, when the size is unknown (URL
 * input), the smallest frame from (0, 0) that holds every detection. Ties go to the higher confidence,
 * then the larger box, then the service's order.
 */
export const RANKING_WEIGHTS = { confidence: 0.5, area: 0.3, centrality: 0.2 } as const;

export interface Frame {
	width: number;
	height: number;
}

export interface RankedSubject extends IDataObject {
	rank: number;
	score: number;
	confidence: number;
	box: Box;
	/** Box in fractions of the image (0–1), only when the image size is known. */
	relativeBox?: Box;
	areaRatio: number;
	centrality: number;
	/** Position of the box in the service's answer. */
	detectionIndex: number;
}

/** Bytes of an upload read for its size: enough to pass the JPEG segments (EXIF, thumbnails) before the frame header. */
const IMAGE_SIZE_HEAD_BYTES = 768 * 1024;

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

export function detectionsFrame(objects: DetectedObject[]): Frame | undefined {
	const width = Math.max(0, ...objects.map((o) => o.box.x + o.box.width));
	const height = Math.max(0, ...objects.map((o) => o.box.y + o.box.height));
	return width > 0 && height > 0 ? { width, height } : undefined;
}

export function rankSubjects(objects: DetectedObject[], imageSize?: Frame): RankedSubject[] {
	const frame = imageSize ?? detectionsFrame(objects);
	if (!frame) return [];
	const halfDiagonal = Math.hypot(frame.width, frame.height) / 2;
	const scored = objects.map((object, detectionIndex) => {
		const { box } = object;
		const areaRatio = Math.min(1, Math.max(0, (box.width * box.height) / (frame.width * frame.height)));
		const distance = Math.hypot(box.x + box.width / 2 - frame.width / 2, box.y + box.height / 2 - frame.height / 2);
		const centrality = Math.max(0, 1 - distance / halfDiagonal);
		const confidence = Math.min(1, Math.max(0, object.confidence));
		const score =
			RANKING_WEIGHTS.confidence * confidence + RANKING_WEIGHTS.area * Math.sqrt(areaRatio) + RANKING_WEIGHTS.centrality * centrality;
		const relativeBox = imageSize
			? {
					x: round(box.x / imageSize.width),
					y: round(box.y / imageSize.height),
					width: round(box.width / imageSize.width),
					height: round(box.height / imageSize.height),
				}
			: undefined;
		return { object, detectionIndex, score, areaRatio, centrality, relativeBox };
	});
	scored.sort(
		(a, b) =>
			b.score - a.score ||
			b.object.confidence - a.object.confidence ||
			b.areaRatio - a.areaRatio ||
			a.detectionIndex - b.detectionIndex,
	);
	return scored.map((entry, index) => ({
		rank: index + 1,
		score: round(entry.score),
		confidence: entry.object.confidence,
		box: entry.object.box,
		relativeBox: entry.relativeBox,
		areaRatio: round(entry.areaRatio),
		centrality: round(entry.centrality),
		detectionIndex: entry.detectionIndex,
	}));
}

/** Main subject: object detection, then the boxes ranked (billed as object detection). */
export const mainSubject: Capability<DetectionRequest> = {
	...detectionBase,
	route: detectionRoute('Detection Service'),
	async body(request) {
		const input = await request.input.load();
		// Uploaded images carry their size in the header; URL inputs rank within the detections' extent.
		if (input.content) request.imageSize = readImageSize(input.content.head(IMAGE_SIZE_HEAD_BYTES));
		return objectDetectionBody(input);
	},
	output(answer, item) {
		const detection = normalizeDetection(answer, item.request?.minConfidence);
		const imageSize = item.request?.imageSize;
		const subjects = rankSubjects(detection.objects, imageSize);
		const result: IDataObject = {
			mainSubject: subjects[0] ?? null,
			subjects,
			subjectCount: subjects.length,
			imageSize: imageSize as IDataObject | undefined,
			rankingFrame: imageSize ? 'image' : 'detections',
			usage: detection.usage,
		};
		const shared = { subjectCount: subjects.length, imageSize: result.imageSize, rankingFrame: result.rankingFrame, usage: detection.usage };
		return listItems(result, subjects, shared, item.common, item.index, item.options.split === true);
	},
};
