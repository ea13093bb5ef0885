/** examples/object-detection.json: two photo URLs → object detection (min confidence 0.6, split) → one row per box. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const boxes = output('Detect Objects');
	// The emulator finds 3 objects in Alibaba's sample (0.7, "0.93", 0.82) and 2 in the dog photo (0.67, "0.63"): all pass 0.6.
	expect(boxes).toHaveLength(5);
	expect(boxes[0]).toMatchObject({
		index: 0,
		confidence: 0.7,
		box: { x: 98, y: 494, width: 70, height: 102 },
		objectCount: 3,
		serviceId: 'ops-object-detect-001',
		usage: { image: 1 },
		source: { type: 'url', url: 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250408/syuvxh/%E7%89%A9%E4%BD%93%E5%AE%9A%E4%BD%8D.png', fileName: '物体定位.png' },
	});
	// A confidence the service sends as a string arrives as a number.
	expect(boxes[1]).toMatchObject({ index: 1, confidence: 0.93, box: { x: 6, y: 442, width: 65, height: 198 } });
	expect(boxes[4]).toMatchObject({ index: 1, confidence: 0.63, box: { x: 72, y: 72, width: 173, height: 179 }, objectCount: 2 });

	const rows = output('Box Rows');
	expect(rows.map((row) => row.shelf)).toEqual(['A3', 'A3', 'A3', 'A4', 'A4']);
	expect(rows[4]).toMatchObject({ confidence: 0.63, box: '72,72,173,179' });
}
