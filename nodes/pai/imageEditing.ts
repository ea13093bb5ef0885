import type { IDataObject } from 'n8n-workflow';

import { bareBase64, sniffImage as sniffImageType } from '../shared/binaryOutput';

/** Figure reshaping and watermark removal: MultiLabelImageV2 with an editing model; `data` is the image as base64. */
export const EDITING_MODELS = { reshapeFigure: 'body_reshaping', removeWatermark: 'watermark_remover' } as const;

export type EditingOperation = keyof typeof EDITING_MODELS;

export function imageEditingBody(image: string, modelName: string, configure: IDataObject): IDataObject {
	return { action: 'MultiLabelImageV2', image, model_name: modelName, configure };
}

/** The service does not say what format it returns; the magic bytes do. */
export function sniffImage(buffer: Buffer): { mimeType: string; extension: string } {
	return sniffImageType(buffer) ?? { mimeType: 'application/octet-stream', extension: 'bin' };
}

/** `data` may be bare base64 or a data: URI; anything else is not an image. */
export function decodeEditedImage(data: unknown): Buffer | undefined {
	if (typeof data !== 'string') return undefined;
	const cleaned = bareBase64(data);
	if (cleaned === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(cleaned)) return undefined;
	const buffer = Buffer.from(cleaned, 'base64');
	return buffer.length > 0 ? buffer : undefined;
}
