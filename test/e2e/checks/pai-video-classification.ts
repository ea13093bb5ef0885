/** examples/pai-video-classification.json: two videos → one job each → top 2 classes, top 3 tags, 64-d embedding. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const classified = output('Classify Videos');
	expect(classified).toHaveLength(2);
	expect(classified.map((item) => item.videoUrl)).toEqual([
		'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241115/cqqkru/1.mp4',
		'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241210/cwjmsz/1.mp4',
	]);
	for (const item of classified) {
		expect(item).toMatchObject({ state: 2, status: 'succeeded', embeddingDimensions: 64 });
		expect(item.classes).toHaveLength(2);
		expect(item.tags).toHaveLength(3);
		expect(item.embedding).toHaveLength(64);
	}
}
