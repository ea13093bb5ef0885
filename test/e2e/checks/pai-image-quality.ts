/** examples/pai-image-quality.json: three photo URLs → PAI ImageQA → score, width, height per photo. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const scored = output('Score Image Quality');
	expect(scored).toHaveLength(3);
	for (const [i, item] of scored.entries()) {
		expect(item.score).toBeGreaterThanOrEqual(0);
		expect(item.score).toBeLessThanOrEqual(100);
		expect(item.width).toBeGreaterThan(0);
		expect(item.height).toBeGreaterThan(0);
		expect(item.source).toMatchObject({ type: 'url', url: ['https://help-static-aliyun-doc.aliyuncs.com/assets/img/zh-CN/6802494071/p756843.png', 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241108/ctdzex/biaozhun.jpg', 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241022/emyrja/dog_and_girl.jpeg'][i] });
		expect(item.error).toBeUndefined();
	}
}
