import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { ENCRYPTED_ERROR } from '../emulator/aiSearch/documents';
import { tinyPdf } from '../emulator/pdf';
import { API_KEY, chain, fastPolling, node, singleNode } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Parse';
const PAGES = ['Quarterly report', 'Revenue (rose) by 12%', 'Outlook and risks'];

function parseNode(parameters: Record<string, unknown>, extra = {}) {
	return node(NODE, 'alibabaDocumentParsing', { serviceId: 'ops-document-analyze-001', ...parameters }, extra);
}

function fileItem(bytes: Buffer, fileName: string, mimeType = 'application/pdf') {
	return [{ json: {}, binary: { data: { data: bytes, fileName, mimeType } } }];
}

const binary = (options: Record<string, unknown> = {}) => ({ inputType: 'binary', binaryPropertyName: 'data', options: { ...fastPolling, ...options } });

describe('Alibaba Document Parsing through the n8n engine', () => {
	let emulator: Emulator;

	beforeEach(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 150 });
	});
	afterEach(async () => {
		await emulator.close();
	});

	const submits = () => emulator.log.filter((e) => e.kind === 'submit');

	it('parses a 3-page PDF given as a binary into one Markdown item', async () => {
		const pdf = tinyPdf(PAGES);
		const result = await runWorkflow(singleNode(emulator.url, parseNode(binary()), fileItem(pdf, 'report.pdf')));
		expect(result.status).toBe('success');
		const items = result.output(NODE);
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item.json).toMatchObject({
			contentType: 'markdown',
			pageCount: 3,
			status: 'SUCCESS',
			serviceId: 'ops-document-analyze-001',
			source: { type: 'binary', fileName: 'report.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, binaryProperty: 'data' },
		});
		for (const text of PAGES) expect(item.json.content).toContain(text);
		expect(item.json.usage).toMatchObject({ tableCount: 0, imageCount: 0 });
		expect((item.json.usage as { tokenCount: number }).tokenCount).toBeGreaterThan(0);
		expect(item.json.taskId).toBe(submits()[0].taskId);
	});

	it('takes a URL and splits per page, one item per page with its number and text', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, parseNode({ inputType: 'url', url: 'https://docs.example.com/manual.pdf', options: { ...fastPolling, splitInto: 'page' } }), [{ json: {} }]),
		);
		expect(result.status).toBe('success');
		const items = result.output(NODE);
		expect(items.map((i) => i.json.page)).toEqual([1, 2]);
		expect(items[1].json).toMatchObject({ content: '## Page 2\n\nPage 2', pageCount: 2, source: { type: 'url', fileName: 'manual.pdf' } });
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('splits a binary PDF per page into 3 items with the right texts', async () => {
		const result = await runWorkflow(singleNode(emulator.url, parseNode(binary({ splitInto: 'page' })), fileItem(tinyPdf(PAGES), 'report.pdf')));
		const items = result.output(NODE);
		expect(items.map((i) => i.json.page)).toEqual([1, 2, 3]);
		expect(items.map((i) => i.json.content)).toEqual(PAGES.map((text, i) => `## Page ${i + 1}\n\n${text}`));
	});

	it('splits into chunks on paragraph boundaries and keeps a table whole', async () => {
		const pages = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} ${'word '.repeat(30)}`);
		const result = await runWorkflow(singleNode(emulator.url, parseNode(binary({ splitInto: 'chunk', chunkSize: 400 })), fileItem(tinyPdf(pages), 'long.pdf')));
		const chunks = result.output(NODE).map((i) => i.json);
		expect(chunks.length).toBeGreaterThan(1);
		expect(chunks.map((c) => c.chunk)).toEqual(chunks.map((_, i) => i + 1));
		for (const c of chunks) expect((c.content as string).length).toBeLessThanOrEqual(400);
		expect(chunks.map((c) => c.content).join('\n\n')).toContain('Paragraph 6');

		const docx = await runWorkflow(
			singleNode(emulator.url, parseNode(binary({ splitInto: 'chunk', chunkSize: 100 })), fileItem(Buffer.from('PK fake docx'), 'notes.docx', 'application/octet-stream')),
		);
		const tableChunk = docx.output(NODE).find((i) => (i.json.content as string).startsWith('|'));
		expect(tableChunk?.json.content).toBe('| Field | Value |\n| --- | --- |\n| type | docx |\n| service | ops-document-analyze-001 |');
	});

	it('turns an encrypted PDF into an item error naming the task id', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, parseNode(binary(), { onError: 'continueRegularOutput' }), fileItem(tinyPdf(['secret'], { encrypt: true }), 'locked.pdf')),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		const taskId = submits()[0].taskId as string;
		expect(item.json).toMatchObject({ status: 'FAIL', taskId, serviceId: 'ops-document-analyze-001' });
		expect(item.json.error).toContain('ops-document-analyze-001 task failed');
		expect(item.json.errorDescription).toContain(`task ${taskId}`);
		expect(JSON.stringify(item.json)).toContain(ENCRYPTED_ERROR);
	});

	it('refuses a type the service does not list, and an empty file, before sending anything', async () => {
		const image = await runWorkflow(singleNode(emulator.url, parseNode(binary()), fileItem(Buffer.from('fake png'), 'scan.png', 'image/png')));
		expect(image.status).toBe('error');
		expect(image.error?.message).toContain('"png" is not one the service ops-document-analyze-001 takes');
		expect(image.error?.message).toContain('docx');
		const empty = await runWorkflow(singleNode(emulator.url, parseNode(binary()), fileItem(Buffer.alloc(0), 'blank.pdf')));
		expect(empty.status).toBe('error');
		expect(empty.error?.message).toContain('"blank.pdf" is empty');
		expect(emulator.log.filter((e) => e.kind !== 'control')).toHaveLength(0);
	});

	it('sends images to ops-document-analyze-002 with their file type', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, parseNode({ serviceId: 'ops-document-analyze-002', ...binary({ semanticHeadings: true }) }), fileItem(Buffer.from('fake png'), 'scan.png', 'image/png')),
		);
		expect(result.status).toBe('success');
		expect(result.output(NODE)[0].json.content).toContain('| type | png |');
	});

	it('chains Submit Only into Get Result', async () => {
		const result = await runWorkflow(
			chain(
				emulator.url,
				[
					node('Submit', 'alibabaDocumentParsing', { operation: 'submitOnly', serviceId: 'ops-document-analyze-001', inputType: 'url', url: 'https://docs.example.com/a.pdf' }),
					node('Collect', 'alibabaDocumentParsing', {
						operation: 'getResult',
						serviceId: 'ops-document-analyze-001',
						taskId: '={{ $json.taskId }}',
						options: { ...fastPolling, splitInto: 'page' },
					}),
				],
				[{ json: {} }],
			),
		);
		expect(result.status).toBe('success');
		const [submitted] = result.output('Submit');
		expect(submitted.json.status).toBe('PENDING');
		const collected = result.output('Collect');
		expect(collected.map((i) => i.json.page)).toEqual([1, 2]);
		expect(collected[0].json.taskId).toBe(submitted.json.taskId);
		expect(submits()).toHaveLength(1);
	});
});
