import type { Answer } from '../../../nodes/shared/work/work';
import { normalizeDetection, objectDetectionBody, parseObjects } from '../../../nodes/aiSearch/objectDetection';
import { Base64Content } from '../../../nodes/shared/transport/base64Content';
import { jsonBytes } from '../../../nodes/shared/transport/jsonBytes';

const snapshot = (result: Record<string, unknown>, usage = {}): Answer =>
	({ data: undefined, usage, raw: { result, usage } });

describe('object detection', () => {
	it('maps upper-case location.X/Y to a lower-case box and reads confidence as a number or a numeric string', () => {
		expect(
			parseObjects({
				objects: [
					{ confidence: 0.91, location: { X: 120, Y: 40, width: 300, height: 260 } },
					{ confidence: '0.5', location: { X: '1', Y: 2, width: 3, height: 4 } },
					{ confidence: 'n/a', location: { X: 0, Y: 0, width: 1, height: 1 } },
					{ confidence: 0.9, location: { X: 1 } },
					'garbage',
				],
			}),
		).toEqual([
			{ confidence: 0.91, box: { x: 120, y: 40, width: 300, height: 260 } },
			{ confidence: 0.5, box: { x: 1, y: 2, width: 3, height: 4 } },
			{ confidence: 0, box: { x: 0, y: 0, width: 1, height: 1 } },
		]);
	});

	it('reads result.objects (no data wrapper) and filters by minimum confidence', () => {
		const result = normalizeDetection(
			snapshot(
				{
					objects: [
						{ confidence: 0.9, location: { X: 0, Y: 0, width: 10, height: 10 } },
						{ confidence: '0.4', location: { X: 5, Y: 5, width: 10, height: 10 } },
					],
				},
				{ image: 1 },
			),
			0.5,
		);
		expect(result).toEqual({
			objects: [{ confidence: 0.9, box: { x: 0, y: 0, width: 10, height: 10 } }],
			objectCount: 1,
			filteredOut: 1,
			usage: { image: 1 },
		});
	});

	it('sends a URL or bare base64 content', () => {
		expect(objectDetectionBody({ url: 'https://x/a.jpg', source: { type: 'url' } })).toEqual({ image: { url: 'https://x/a.jpg' } });
		const body = objectDetectionBody({ content: Base64Content.ofBytes(Buffer.from('hi')), source: { type: 'binary' } });
		expect(jsonBytes(body).toString()).toBe('{"image":{"content":"aGk="}}');
	});
});
