/** examples/pai-image-editing.json: one stamped photo → watermark removal → the edited image as binary "data". */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const [item, ...rest] = output('Remove Watermark');
	expect(rest).toHaveLength(0);
	expect(item).toMatchObject({
		operation: 'removeWatermark',
		model: 'watermark_remover',
		mimeType: 'image/png',
		binaryProperty: 'data',
	});
	expect(item.fileSize).toBeGreaterThan(8);
	expect(item.error).toBeUndefined();
}
