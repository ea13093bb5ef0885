/** examples/pai-image-quality.json: three photo URLs → PAI ImageQA → score, width, height per photo. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const scored = output('Score Image Quality');
	expect(scored).toHaveLength(3);
	for (const [i, item] of scored.entries()) {
		expect(item.score).toBeGreaterThanOrEqual(0);
		expect(item.score).toBeLessThanOrEqual(100);
		expect(item.width).toBeGreaterThan(0);
		expect(item.height).toBeGreaterThan(0);
		expect(item.source).toMatchObject({ type: 'url', url: ['https://images.example.com/catalog/blender.jpg', 'https://images.example.com/catalog/kettle.png', 'https://images.example.com/catalog/toaster.jpg'][i] });
		expect(item.error).toBeUndefined();
	}
}
