import { sniffImage } from './binaryData';
import type { SourceInfo } from './source';
import { InvalidParameter } from '../core/values';

/** The image types the AI Search image services document. */
export const DOCUMENTED_IMAGE_TYPES = ['jpg', 'jpeg', 'png', 'bmp', 'tiff'];

/** Any image a service may read (PAI documents none; its models read the common ones). */
export const COMMON_IMAGE_TYPES = [...DOCUMENTED_IMAGE_TYPES, 'gif', 'webp'];

const TYPE_OF_EXTENSION: Record<string, string> = { jpg: 'jpg', jpeg: 'jpeg', jpe: 'jpg', png: 'png', bmp: 'bmp', tif: 'tiff', tiff: 'tiff', gif: 'gif', webp: 'webp' };

/** Files that are clearly not images, by extension: said plainly rather than sent. */
const NOT_IMAGES = new Set(['pdf', 'txt', 'csv', 'json', 'doc', 'docx', 'xls', 'xlsx', 'zip', 'mp3', 'mp4', 'wav', 'mov', 'html', 'xml']);

const names = (types: string[]) => types.map((type) => type.toUpperCase()).join(', ');

function refuse(what: string, allowed: string[]): InvalidParameter {
	return new InvalidParameter(`${what} is not an image the service reads`, `The service reads ${names(allowed)} images. Convert the file first, or pass another one.`);
}

/** Phase one: what the file's name and MIME type already tell, before its bytes are read. */
export function checkImageSource(source: SourceInfo, allowed: string[]): void {
	const what = source.fileName ? `"${source.fileName}"` : 'The file';
	const extension = /\.([a-z0-9]+)$/i.exec(source.fileName ?? '')?.[1]?.toLowerCase();
	if (extension && (NOT_IMAGES.has(extension) || (TYPE_OF_EXTENSION[extension] && !allowed.includes(TYPE_OF_EXTENSION[extension])))) {
		throw refuse(what, allowed);
	}
	const mime = source.mimeType?.split(';')[0].trim().toLowerCase();
	if (mime && mime !== 'application/octet-stream') {
		const subtype = mime.startsWith('image/') ? TYPE_OF_EXTENSION[mime.slice(6).replace('x-ms-', '')] : undefined;
		if (!mime.startsWith('image/') || (subtype !== undefined && !allowed.includes(subtype))) throw refuse(`${what} (${mime})`, allowed);
	}
}

/** Phase two, once the bytes are read and before they are sent: the file's own signature decides. */
export function checkImageBytes(head: Buffer, source: SourceInfo, allowed: string[]): void {
	const type = sniffImage(head)?.extension;
	const known = type === 'jpg' ? ['jpg', 'jpeg'] : type ? [type] : [];
	if (!known.some((candidate) => allowed.includes(candidate))) {
		throw refuse(`${source.fileName ? `"${source.fileName}"` : 'The file'} (its content is ${type ? type.toUpperCase() : 'not an image'})`, allowed);
	}
}
