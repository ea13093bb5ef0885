import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

/** Strips an optional `data:<mime>;base64,` prefix and whitespace from base64 text. */
export function bareBase64(text: string): string {
	return text.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '');
}

const IMAGE_SIGNATURES: Array<{ bytes: number[]; mimeType: string; extension: string }> = [
	{ bytes: [0x89, 0x50, 0x4e, 0x47], mimeType: 'image/png', extension: 'png' },
	{ bytes: [0xff, 0xd8, 0xff], mimeType: 'image/jpeg', extension: 'jpg' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], mimeType: 'image/gif', extension: 'gif' },
	{ bytes: [0x42, 0x4d], mimeType: 'image/bmp', extension: 'bmp' },
	{ bytes: [0x49, 0x49, 0x2a, 0x00], mimeType: 'image/tiff', extension: 'tiff' },
	{ bytes: [0x4d, 0x4d, 0x00, 0x2a], mimeType: 'image/tiff', extension: 'tiff' },
];

/** The image type of some bytes, by their signature (services do not always say what they return). */
export function sniffImage(bytes: Buffer): { mimeType: string; extension: string } | undefined {
	const match = IMAGE_SIGNATURES.find((signature) => signature.bytes.every((byte, i) => bytes[i] === byte));
	if (match) return { mimeType: match.mimeType, extension: match.extension };
	if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
		return { mimeType: 'image/webp', extension: 'webp' };
	}
	return undefined;
}

/** Stores bytes as n8n binary data (memory, filesystem or S3, whatever the instance uses). */
export async function toBinary(ctx: IExecuteFunctions, bytes: Buffer, fileName: string, mimeType: string): Promise<IBinaryData> {
	return await ctx.helpers.prepareBinaryData(bytes, fileName, mimeType);
}

/** Text (subtitles, reports) as n8n binary data. */
export async function textToBinary(ctx: IExecuteFunctions, text: string, fileName: string, mimeType: string): Promise<IBinaryData> {
	return await ctx.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName, mimeType);
}
