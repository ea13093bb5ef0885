/** examples/image-content-extraction.json: three URLs → VLM extraction → search documents. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const extracted = output('Extract Image Content');
	expect(extracted).toHaveLength(3);
	expect(extracted.map((item) => item.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
	expect(extracted[1]).toMatchObject({
		content: 'Description and text: Text recognized in https://images.example.com/products/kettle.png',
		contentType: 'plain',
		serviceId: 'ops-image-analyze-vlm-001',
		source: { type: 'url', url: 'https://images.example.com/products/kettle.png', fileName: 'kettle.png' },
	});
	expect(new Set(extracted.map((item) => item.taskId)).size).toBe(3);

	const documents = output('Search Document');
	expect(documents.map((doc) => doc.sku)).toEqual(['BL-100', 'KT-200', 'RC-300']);
	expect(documents[2].text).toBe('Description and text: Text recognized in https://images.example.com/receipts/2026-11-25.jpg');
	expect(documents[0].taskId).toBe(extracted[0].taskId);
}
