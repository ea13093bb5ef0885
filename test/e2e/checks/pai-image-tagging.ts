/** examples/pai-image-tagging.json: one image → top 5 tags with scores and a 512-number embedding. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const [item, ...rest] = output('Tag Image');
	expect(rest).toHaveLength(0);
	expect(item.tags).toHaveLength(5);
	for (const tag of item.tags) {
		expect(typeof tag.tag).toBe('string');
		expect(typeof tag.score).toBe('number');
	}
	expect(item.embeddingDimensions).toBe(512);
	expect(item.embedding).toHaveLength(512);
	expect(item.embedding.every((n: unknown) => typeof n === 'number')).toBe(true);
	expect(item.source.url).toBe('https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241022/emyrja/dog_and_girl.jpeg');
}
