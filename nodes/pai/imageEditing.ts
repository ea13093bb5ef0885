import type { IDataObject } from 'n8n-workflow';

/** Figure reshaping and watermark removal: MultiLabelImageV2 with an editing model; `data` is the image as base64. */
export const EDITING_MODELS = { reshapeFigure: 'body_reshaping', removeWatermark: 'watermark_remover' } as const;

export type EditingOperation = keyof typeof EDITING_MODELS;

export function imageEditingBody(image: string, modelName: string, configure: IDataObject): IDataObject {
	return { action: 'MultiLabelImageV2', image, model_name: modelName, configure };
}

const SIGNATURES: Array<{ bytes: number[]; mimeType: string; extension: string }> = [
	{ bytes: [0x89, 0x50, 0x4e, 0x47], mimeType: 'image/png', extension: 'png' },
	{ bytes: [0xff, 0xd8, 0xff], mimeType: 'image/jpeg', extension: 'jpg' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], mimeType: 'image/gif', extension: 'gif' },
	{ bytes: [0x42, 0x4d], mimeType: 'image/bmp', extension: 'bmp' },
];

/** The service does not say what format it returns; the magic bytes do. */
export function sniffImage(buffer: Buffer): { mimeType: string; extension: string } {
	const match = SIGNATURES.find((s) => s.bytes.every((byte, i) => buffer[i] === byte));
	if (match) return match;
	if (buffer.subarray(0, 4).toString('latin1') === 'RIFF' && buffer.subarray(8, 12).toString('latin1') === 'WEBP') {
		return { mimeType: 'image/webp', extension: 'webp' };
	}
	return { mimeType: 'application/octet-stream', extension: 'bin' };
}

/** `data` may be bare base64 or a data: URI; anything else is not an image. */
export function decodeEditedImage(data: unknown): Buffer | undefined {
	if (typeof data !== 'string') return undefined;
	const cleaned = data.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '');
	if (cleaned === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(cleaned)) return undefined;
	const buffer = Buffer.from(cleaned, 'base64');
	return buffer.length > 0 ? buffer : undefined;
}
