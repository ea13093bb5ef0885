/** examples/pai-video-quality.json: three video URLs → one batch job → one scored item per video, in order. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const scored = output('Score Video Quality');
	expect(scored).toHaveLength(3);
	expect(scored.map((item) => item.videoUrl)).toEqual([
		'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241115/cqqkru/1.mp4',
		'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241210/cwjmsz/1.mp4',
		'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250704/viwndw/%E5%8E%9F%E8%A7%86%E9%A2%91.mp4',
	]);
	expect(new Set(scored.map((item) => item.batchId)).size).toBe(1);
	expect(new Set(scored.map((item) => item.jobId)).size).toBe(3);
	for (const item of scored) {
		expect(item).toMatchObject({ state: 2, status: 'succeeded' });
		expect(item.score).toBeGreaterThanOrEqual(0);
		expect(item.score).toBeLessThanOrEqual(100);
		expect(item.fps).toBeGreaterThan(0);
		expect(item.duration).toBeGreaterThan(0);
		expect(item.staticImageRatio).toBeGreaterThanOrEqual(0);
		expect(item.staticImageRatio).toBeLessThanOrEqual(1);
	}
}
