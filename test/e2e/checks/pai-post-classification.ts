/** examples/pai-post-classification.json: a post (video + cover image + text) → classes, tags, embedding. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const [item, ...rest] = output('Classify Post');
	expect(rest).toHaveLength(0);
	expect(item).toMatchObject({ state: 2, status: 'succeeded' });
	expect(item.jobId).toMatch(/^\d+$/);
	expect(item.classes).toHaveLength(1);
	expect(item.tags).toHaveLength(5);
	expect(item.embedding.length).toBe(item.embeddingDimensions);
	expect(item.embedding.every((n: unknown) => typeof n === 'number')).toBe(true);
}
