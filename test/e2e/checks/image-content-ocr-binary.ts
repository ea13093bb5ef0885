/** examples/image-content-ocr-binary.json: a binary PNG from a Code node → OCR (the emulator echoes the bytes' md5). */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const [item] = output('OCR');
	expect(item).toMatchObject({
		status: 'SUCCESS',
		serviceId: 'ops-image-analyze-ocr-001',
		content: 'Text recognized in invoice-0042.png (608 bytes, md5 77aad79fa6629d11b6f283e87e594d32)',
		usage: { pvCount: 1 },
		source: { type: 'binary', fileName: 'invoice-0042.png', mimeType: 'image/png', sizeBytes: 608, binaryProperty: 'data' },
	});
}
