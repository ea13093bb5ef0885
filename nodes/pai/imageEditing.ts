import type { ItemContext, OutputContext } from '../shared/capability/capability';
import { readImageSize } from '../shared/io/imageSize';
import { shareResult } from '../shared/staging/resultLinks';
import { bareBase64, sniffImage as sniffImageType, toBinary } from '../shared/io/binaryData';
import { fileNameFromUrl } from '../shared/io/input';
import { itemFor } from '../shared/io/output';
import { str } from '../shared/core/values';
import type { PaiImageRequest } from './image';
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

/**
 * The edited image for an AI agent: n8n drops binary data from tool answers, so the model gets the image's
 * format and size and, when the credential has OSS staging, a pre-signed link to it (a day; the bucket's
 * lifecycle rule deletes the object).
 */
async function editedImageForAgent(
	item: OutputContext<PaiImageRequest>,
	image: { buffer: Buffer; fileName: string; mimeType: string; operation: EditingOperation },
) {
	const { buffer, fileName, mimeType, operation } = image;
	const size = readImageSize(buffer);
	const link = await shareResult(item.ctx, item.index, { bytes: buffer, fileName, mimeType });
	const where = 'shared' in link
		? { url: link.shared.url, expiresAt: link.shared.expiresAt, note: 'The edited image is in the OSS bucket for a day at its url; the bucket lifecycle rule deletes it.' }
		: { note: link.unavailable };
	if (item.common.raw) item.common.raw = { ...(item.common.raw as object), data: `(${buffer.length} bytes)` };
	return [itemFor({ operation, model: item.request?.modelName, mimeType, fileSize: buffer.length, width: size?.width, height: size?.height, fileName, ...where, ...item.common }, item.index)];
}

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
		const fileName = `${baseName}-${operation === 'reshapeFigure' ? 'reshaped' : 'clean'}.${extension}`;
		if (item.tool) return await editedImageForAgent(item, { buffer, fileName, mimeType, operation });
		const binary = await toBinary(item.ctx, buffer, fileName, mimeType);
		if (common.raw) common.raw = { ...(common.raw as object), data: `(${buffer.length} bytes, in binary property ${property})` };
		const output = itemFor({ operation, model: request?.modelName, mimeType, fileSize: buffer.length, binaryProperty: property, ...common }, index);
		output.binary = { [property]: binary };
		return [output];
	},
});
