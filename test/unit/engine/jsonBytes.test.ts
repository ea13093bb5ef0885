import { Base64Content } from '../../../nodes/shared/transport/base64Content';
import { jsonBytes } from '../../../nodes/shared/transport/jsonBytes';

/** Bytes that are not all alike, so a chunk written in the wrong place shows. */
function fileOf(size: number): Buffer {
	const bytes = Buffer.allocUnsafe(size);
	for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + (i >> 8)) & 0xff;
	return bytes;
}

/** The body with every file content as the plain string a JSON serializer would write. */
const asText = (content: Buffer, prefix = '') => `${prefix}${content.toString('base64')}`;

describe('jsonBytes', () => {
	// 0 to 2 bytes over a multiple of 3 (no, two and one "=" of padding), around the 48 KiB encoding chunk, and an upload's size
	it.each([0, 1, 2, 3, 4, 5, 49_151, 49_152, 49_153, 49_154, 98_305, 6_000_000])('writes %i file bytes exactly as JSON.stringify writes their base64', (size) => {
		const file = fileOf(size);
		const body = { document: { content: Base64Content.ofBytes(file), file_name: 'scan.png' }, n: 1 };
		const expected = JSON.stringify({ document: { content: asText(file), file_name: 'scan.png' }, n: 1 });
		expect(jsonBytes(body).equals(Buffer.from(expected))).toBe(true);
		expect(JSON.stringify(body)).toBe(expected);
	});

	it('writes a data URI prefix, base64 text a user passed, unicode and escapes around the contents, in order', () => {
		const first = fileOf(100_001);
		const second = Buffer.from('second file');
		const body = {
			input: { content: Base64Content.ofBytes(first).withPrefix('data:audio/mp3;base64,'), name: 'ünïcode "quoted"\n' },
			parameters: [1, null, true, Base64Content.ofBase64(second.toString('base64'))],
			skipped: undefined,
		};
		const plain = { input: { content: asText(first, 'data:audio/mp3;base64,'), name: 'ünïcode "quoted"\n' }, parameters: [1, null, true, asText(second)] };
		expect(jsonBytes(body).equals(Buffer.from(JSON.stringify(plain)))).toBe(true);
	});

	it('stays exact when the data itself holds the text it marks contents with', () => {
		const file = fileOf(1000);
		const body = { note: '~alibaba-multimodal-base64-content~', content: Base64Content.ofBytes(file) };
		expect(jsonBytes(body).toString()).toBe(JSON.stringify({ note: '~alibaba-multimodal-base64-content~', content: asText(file) }));
	});

	it('encodes large strings that need escaping or UTF-8 the way JSON does', () => {
		const body = { text: `${'x'.repeat(70_000)}"\n€` };
		expect(jsonBytes(body).equals(Buffer.from(JSON.stringify(body)))).toBe(true);
	});

	it('handles small bodies', () => {
		expect(jsonBytes({}).toString()).toBe('{}');
		expect(jsonBytes({ a: 'b' }).toString()).toBe('{"a":"b"}');
	});
});

describe('Base64Content', () => {
	it('gives the file head from bytes or from base64 text alike', () => {
		const file = fileOf(1000);
		for (const content of [Base64Content.ofBytes(file), Base64Content.ofBase64(file.toString('base64'))]) {
			expect(content.head(64).equals(file.subarray(0, 64))).toBe(true);
			expect(content.head(5000).equals(file)).toBe(true);
		}
	});

	it('knows its length without encoding, and refuses text JSON would escape', () => {
		expect(Base64Content.ofBytes(fileOf(4)).withPrefix('data:x;base64,').length).toBe('data:x;base64,'.length + 8);
		expect(() => Base64Content.ofBase64('ab"c')).toThrow(RangeError);
		expect(() => Base64Content.ofBytes(fileOf(1)).withPrefix('ü')).toThrow(RangeError);
	});
});
