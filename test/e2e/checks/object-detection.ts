/** examples/object-detection.json: two photo URLs → object detection (min confidence 0.6, split) → one row per box. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const boxes = output('Detect Objects');
	// The emulator finds 2 objects in aisle-3 (0.82, "0.81") and 3 in aisle-4 (0.59, "0.75", 0.52): 3 pass 0.6.
	expect(boxes).toHaveLength(3);
	expect(boxes[0]).toMatchObject({
		index: 0,
		confidence: 0.82,
		box: { x: 426, y: 176, width: 286, height: 59 },
		objectCount: 2,
		serviceId: 'ops-object-detect-001',
		usage: { image: 1 },
		source: { type: 'url', url: 'https://images.example.com/shelf/aisle-3.jpg', fileName: 'aisle-3.jpg' },
	});
	// A confidence the service sends as a string arrives as a number.
	expect(boxes[1]).toMatchObject({ index: 1, confidence: 0.81, box: { x: 54, y: 202, width: 180, height: 255 } });
	expect(boxes[2]).toMatchObject({ index: 0, confidence: 0.75, box: { x: 308, y: 242, width: 171, height: 197 }, objectCount: 1 });

	const rows = output('Box Rows');
	expect(rows.map((row) => row.shelf)).toEqual(['A3', 'A3', 'A4']);
	expect(rows[2]).toMatchObject({ confidence: 0.75, box: '308,242,171,197' });
}
