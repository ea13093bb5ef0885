/**
 * The little XML OSS speaks to an object client: flat documents (Error, InitiateMultipartUploadResult,
 * CompleteMultipartUploadResult) read by element name, and escaped text for the CompleteMultipartUpload
 * body. No XML library: runtime code has no dependencies.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
		}
		return ENTITIES[name] ?? entity;
	});
}

export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Text of the first `<name>` element (entities decoded), '' for `<name/>`, undefined when absent. */
export function xmlText(xml: string, name: string): string | undefined {
	const open = xml.search(new RegExp(`<${name}(?:\\s[^>]*)?>|<${name}\\s*/>`));
	if (open < 0) return undefined;
	const tagEnd = xml.indexOf('>', open);
	if (xml[tagEnd - 1] === '/') return '';
	const close = xml.indexOf(`</${name}>`, tagEnd);
	if (close < 0) return undefined;
	return unescapeXml(xml.slice(tagEnd + 1, close).trim());
}
