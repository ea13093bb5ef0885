/** examples/document-parsing.json: a public PDF by URL → Markdown, one item per page (the emulator reads a URL's PDF as two pages). */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const pages = output('Parse Document');
	expect(pages.length).toBeGreaterThanOrEqual(1);
	expect(pages.map((item) => item.page)).toEqual(pages.map((_, index) => index + 1));
	for (const item of pages) {
		expect(item).toMatchObject({ contentType: 'markdown', status: 'SUCCESS', serviceId: 'ops-document-analyze-001', pageCount: pages.length });
		expect(item.source).toMatchObject({ type: 'url', fileName: 'dummy.pdf' });
		expect(typeof item.content).toBe('string');
		expect(item.content.length).toBeGreaterThan(0);
		expect(typeof item.taskId).toBe('string');
	}
}
