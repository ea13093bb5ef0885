import type { IDataObject } from 'n8n-workflow';

/** Strings at least this long (base64 file content) are copied into the body as they are. */
const LARGE_STRING = 64 * 1024;

/** A string with none of these is written by JSON exactly as it is, one byte per character. */
const NEEDS_ESCAPE_OR_UTF8 = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/**
 * The JSON bytes of a request body. Large plain strings (the base64 of an uploaded file) are copied
 * straight into the one output buffer instead of being scanned by JSON.stringify, kept in a second
 * JSON string and then encoded again: an 8 MB upload costs one copy of its text, not three.
 */
export function jsonBytes(body: IDataObject): Buffer {
	if (!hasLargeString(body, 0)) return Buffer.from(JSON.stringify(body));
	const large: string[] = [];
	const marker = '~alibaba-multimodal-large-string~';
	const text = JSON.stringify(body, (_key, value: unknown) => {
		if (typeof value !== 'string' || value.length < LARGE_STRING || NEEDS_ESCAPE_OR_UTF8.test(value)) return value;
		large.push(value);
		return marker;
	});
	const parts = text.split(`"${marker}"`);
	// The marker also occurs in the caller's own data: fall back to the plain encoding.
	if (parts.length !== large.length + 1) return Buffer.from(JSON.stringify(body));
	const sizes = parts.map((part) => Buffer.byteLength(part));
	const total = sizes.reduce((sum, size) => sum + size, 0) + large.reduce((sum, value) => sum + value.length + 2, 0);
	const bytes = Buffer.allocUnsafe(total);
	let offset = 0;
	for (const [index, part] of parts.entries()) {
		offset += bytes.write(part, offset, 'utf8');
		if (index === large.length) break;
		offset += bytes.write('"', offset, 'latin1');
		offset += bytes.write(large[index], offset, 'latin1');
		offset += bytes.write('"', offset, 'latin1');
	}
	return bytes;
}

/** Whether a large string sits anywhere in the first levels of the body (where request bodies put file content). */
function hasLargeString(value: unknown, depth: number): boolean {
	if (typeof value === 'string') return value.length >= LARGE_STRING;
	if (depth > 5 || value === null || typeof value !== 'object') return false;
	for (const child of Array.isArray(value) ? value : Object.values(value)) {
		if (hasLargeString(child, depth + 1)) return true;
	}
	return false;
}
