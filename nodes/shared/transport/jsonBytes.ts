import type { IDataObject } from 'n8n-workflow';

import { Base64Content } from './base64Content';

/** Stands in the JSON text for a file's content until the bytes are written. */
const MARKER = '~alibaba-multimodal-base64-content~';

/**
 * The JSON bytes of a request body, the same bytes as Buffer.from(JSON.stringify(body)). A file's
 * content (Base64Content) is encoded straight into the one output buffer: an upload costs the body's
 * bytes and nothing more, no string of the encoded file, no JSON string of the whole body.
 */
export function jsonBytes(body: IDataObject): Buffer {
	const contents: Base64Content[] = [];
	// Every file content becomes the marker (collected in order); nothing else of the body is copied.
	const text = JSON.stringify(body, (_key, value: unknown) => {
		if (!(value instanceof Base64Content)) return value;
		contents.push(value);
		return MARKER;
	});
	if (contents.length === 0) return Buffer.from(text);
	const parts = text.split(`"${MARKER}"`);
	// The marker also occurs in the caller's own data: fall back to the plain encoding.
	if (parts.length !== contents.length + 1) return Buffer.from(JSON.stringify(body));
	const total = parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0) + contents.reduce((sum, content) => sum + content.length + 2, 0);
	const bytes = Buffer.allocUnsafe(total);
	let offset = 0;
	for (const [index, part] of parts.entries()) {
		offset += bytes.write(part, offset, 'utf8');
		if (index === contents.length) break;
		offset += bytes.write('"', offset, 'latin1');
		offset += contents[index].writeInto(bytes, offset);
		offset += bytes.write('"', offset, 'latin1');
	}
	return bytes;
}
