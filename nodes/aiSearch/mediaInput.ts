import type { IExecuteFunctions } from 'n8n-workflow';

import type { ResolvedInput } from '../shared/input';
import { readInputSpec, resolveInput } from '../shared/input';
import { operationError } from '../shared/transport/errors';
import type { MediaFormat } from './media';
import { AUDIO_FORMATS, mediaFormat, unknownFormatMessage, VIDEO_FORMATS } from './media';

/**
 * Resolves an audio/video item input (binary, URL/OSS, base64). Uploads also get their format name
 * for the data URI: the Media Format option wins, else the extension, else the MIME type.
 */
export async function resolveMediaInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	accept: Array<MediaFormat['kind']>,
	formatOverride?: string,
): Promise<{ input: ResolvedInput; media?: MediaFormat }> {
	const input = await resolveInput(ctx, itemIndex, readInputSpec(ctx, itemIndex), { allowOss: true });
	if (!input.base64) return { input };
	const media = formatOverride
		? mediaFormat(`file.${formatOverride}`, undefined, accept)
		: mediaFormat(input.source.fileName, input.source.mimeType, accept);
	if (!media) {
		const formats = [...(accept.includes('audio') ? AUDIO_FORMATS : []), ...(accept.includes('video') ? VIDEO_FORMATS : [])];
		throw operationError(
			ctx.getNode(),
			unknownFormatMessage(input.source.fileName, input.source.mimeType, accept.join(' or ')),
			itemIndex,
			`The service accepts ${formats.join(', ')}. Give the file a name with one of these extensions, or set the Media Format option.`,
		);
	}
	return { input, media };
}
