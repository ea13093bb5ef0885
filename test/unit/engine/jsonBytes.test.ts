import { jsonBytes } from '../../../nodes/shared/transport/jsonBytes';

const base64 = Buffer.alloc(300_000, 7).toString('base64');

describe('jsonBytes', () => {
	it('gives the same bytes as JSON.stringify, large base64 content included', () => {
		const body = { input: { content: `data:image/png;base64,${base64}`, name: 'ünïcode "quoted"' }, parameters: [1, null, true], second: base64 };
		expect(jsonBytes(body).equals(Buffer.from(JSON.stringify(body)))).toBe(true);
	});

	it('encodes large strings that need escaping or UTF-8 the way JSON does', () => {
		const body = { text: `${'x'.repeat(70_000)}"\n€` };
		expect(jsonBytes(body).equals(Buffer.from(JSON.stringify(body)))).toBe(true);
	});

	it('stays exact when the data itself holds the text it marks large strings with', () => {
		const body = { note: '~alibaba-multimodal-large-string~', content: base64 };
		expect(jsonBytes(body).equals(Buffer.from(JSON.stringify(body)))).toBe(true);
	});

	it('handles small bodies', () => {
		expect(jsonBytes({}).toString()).toBe('{}');
		expect(jsonBytes({ a: 'b' }).toString()).toBe('{"a":"b"}');
	});
});
