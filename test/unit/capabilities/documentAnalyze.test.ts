import { documentFileType, splitChunks, splitPages } from '../../../nodes/aiSearch/documentAnalyze';

describe('Document Parsing splitting', () => {
	it('splits on the page markers, and keeps Markdown without markers as one page', () => {
		expect(splitPages('<!-- page 1 -->\n# A\n\ntext\n\n<!-- page 2 -->\nmore')).toEqual([
			{ page: 1, content: '# A\n\ntext' },
			{ page: 2, content: 'more' },
		]);
		expect(splitPages('# Only\n\nbody')).toEqual([{ page: 1, content: '# Only\n\nbody' }]);
	});

	it('chunks on paragraph boundaries within the size and never cuts a table', () => {
		const table = '| a | b |\n| --- | --- |\n' + Array.from({ length: 20 }, (_, i) => `| ${i} | x |`).join('\n');
		const markdown = ['p'.repeat(60), 'q'.repeat(60), table, 'r'.repeat(30)].join('\n\n');
		const chunks = splitChunks(markdown, 130);
		expect(chunks).toEqual([
			{ chunk: 1, content: `${'p'.repeat(60)}\n\n${'q'.repeat(60)}` },
			{ chunk: 2, content: table },
			{ chunk: 3, content: 'r'.repeat(30) },
		]);
	});

	it('infers the file type from the extension, else the MIME type', () => {
		expect(documentFileType('Report.PDF')).toBe('pdf');
		expect(documentFileType('page.htm')).toBe('html');
		expect(documentFileType(undefined, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('docx');
		expect(documentFileType('upload', 'application/octet-stream')).toBeUndefined();
	});
});
