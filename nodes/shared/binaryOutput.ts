import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

/** Strips an optional `data:<mime>;base64,` prefix and whitespace from base64 text. */
export function bareBase64(text: string): string {
	return text.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '');
}

/** The image type of a few bytes, by their signature; undefined when unknown. */
export function sniffImageMime(bytes: Buffer): string | undefined {
	if (bytes.length >= 4 && bytes[0] === 0x89 && bytes.toString('ascii', 1, 4) === 'PNG') return 'image/png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (bytes.length >= 4 && bytes.toString('ascii', 0, 4) === 'GIF8') return 'image/gif';
	if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
	return undefined;
}

export const EXTENSION_OF_MIME: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
};

/** Stores bytes as n8n binary data (memory, filesystem or S3, whatever the instance uses). */
export async function toBinary(ctx: IExecuteFunctions, bytes: Buffer, fileName: string, mimeType: string): Promise<IBinaryData> {
	return await ctx.helpers.prepareBinaryData(bytes, fileName, mimeType);
}

/** Text (subtitles, reports) as n8n binary data. */
export async function textToBinary(ctx: IExecuteFunctions, text: string, fileName: string, mimeType: string): Promise<IBinaryData> {
	return await ctx.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName, mimeType);
}
