import type { ItemContext } from '../shared/capability/capability';
import { bareBase64, sniffImage as sniffImageType, toBinary } from '../shared/io/binaryData';
import { fileNameFromUrl } from '../shared/io/input';
import { itemFor } from '../shared/io/output';
import { str } from '../shared/core/values';
import { paiImageCapability } from './image';

/** Figure reshaping and watermark removal: MultiLabelImageV2 with an editing model; `data` is the image as base64. */
export const EDITING_MODELS = { reshapeFigure: 'body_reshaping', removeWatermark: 'watermark_remover' } as const;

export type EditingOperation = keyof typeof EDITING_MODELS;

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

const editing = (item: ItemContext) => item.param<EditingOperation>('operation');

export const imageEditing = paiImageCapability({
	action: 'MultiLabelImageV2',
	model: (item) => String(item.options.modelName ?? '').trim() || EDITING_MODELS[editing(item)],
	typed: (item) => (editing(item) === 'reshapeFigure' ? { degree: item.param<number>('degree') } : {}),
	async output(answer, item) {
		const { common, index, options, request } = item;
		const buffer = decodeEditedImage(answer.data);
		if (!buffer) throw item.fail('The service answered OK but returned no base64 image', 'Check that the model name is an image editing model.');
		const { mimeType, extension } = sniffImage(buffer);
		const source = request?.input.source;
		const baseName = (source?.fileName ?? (source?.url ? fileNameFromUrl(source.url) : undefined) ?? 'image').replace(/\.[^.]*$/, '');
		const property = str(String(options.outputBinaryPropertyName ?? '').trim()) ?? 'data';
		const operation = editing(item);
		const binary = await toBinary(item.ctx, buffer, `${baseName}-${operation === 'reshapeFigure' ? 'reshaped' : 'clean'}.${extension}`, mimeType);
		if (common.raw) common.raw = { ...(common.raw as object), data: `(${buffer.length} bytes, in binary property ${property})` };
		const output = itemFor({ operation, model: request?.modelName, mimeType, fileSize: buffer.length, binaryProperty: property, ...common }, index);
		output.binary = { [property]: binary };
		return [output];
	},
});
