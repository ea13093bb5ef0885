/** examples/folder-to-table.json: the files of a folder → OCR text and VLM description → one table row per file. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const ocr = output('Read Text (OCR)');
	const vlm = output('Describe (VLM)');
	expect(ocr.map((item) => item.serviceId)).toEqual(Array(3).fill('ops-image-analyze-ocr-001'));
	expect(vlm.map((item) => item.serviceId)).toEqual(Array(3).fill('ops-image-analyze-vlm-001'));
	expect(ocr.map((item) => item.usage)).toEqual(Array(3).fill({ pvCount: 1 }));

	const rows = output('Table Row');
	expect(rows.map((row) => row.file)).toEqual(['p756843.png', 'biaozhun.jpg', 'dog_and_girl.jpeg']);
	// Each row pairs the OCR and the VLM answer of the same file, through n8n's item pairing.
	rows.forEach((row, index) => {
		expect(row.text).toBe(ocr[index].content);
		expect(row.description).toBe(vlm[index].content);
		expect(row.url).toBe(vlm[index].source.url);
		expect(row.vlmTokens).toBe(vlm[index].usage.tokenCount);
		expect(row.text).toContain(row.url);
	});
}
