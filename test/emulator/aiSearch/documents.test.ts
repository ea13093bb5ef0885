import { startEmulator, type Emulator } from '..';
import { tinyPdf } from '../pdf';
import { ENCRYPTED_ERROR, pdfPages } from './documents';

const KEY = 'doc-test-key';
const BASE = '/v3/openapi/workspaces/default/document-analyze';

let emu: Emulator;
beforeEach(async () => {
	emu = await startEmulator({ apiKeys: [KEY], taskLatencyMs: 20, enforceQps: false });
});
afterEach(async () => {
	await emu.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> {
	const res = await fetch(emu.url + path, {
		method,
		headers: { Authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function parse(serviceId: string, document: Record<string, unknown>): Promise<Record<string, any>> {
	const submitted = await call('POST', `${BASE}/${serviceId}/async`, { document });
	expect(submitted.status).toBe(200);
	const taskId = submitted.body.result.task_id as string;
	for (let i = 0; i < 100; i++) {
		const checked = await call('GET', `${BASE}/${serviceId}/async/task-status?task_id=${taskId}`);
		if (checked.body.result.status !== 'PENDING') return checked.body;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error('task never finished');
}

const inline = (bytes: Buffer, fileName: string) => ({ content: bytes.toString('base64'), file_name: fileName });

describe('document-analyze in the emulator', () => {
	it('reads the pages and their Tj text of a generated PDF', () => {
		expect(pdfPages(tinyPdf(['one', 'two (2)', 'three']))).toEqual(['one', 'two (2)', 'three']);
	});

	it('answers a PDF with one Markdown section per page, and usage', async () => {
		const answer = await parse('ops-document-analyze-001', inline(tinyPdf(['Alpha', 'Beta']), 'a.pdf'));
		expect(answer.result).toMatchObject({ status: 'SUCCESS', data: { content_type: 'markdown', page_num: 2 } });
		expect(answer.result.data.content).toBe('<!-- page 1 -->\n## Page 1\n\nAlpha\n\n<!-- page 2 -->\n## Page 2\n\nBeta');
		expect(answer.usage).toMatchObject({ table_count: 0, image_count: 0 });
	});

	it('answers a DOCX with a heading and a Markdown table', async () => {
		const answer = await parse('ops-document-analyze-001', inline(Buffer.from('PK docx'), 'notes.docx'));
		expect(answer.result.data.content).toMatch(/^# notes.docx\n[\s\S]*\| type \| docx \|/);
		expect(answer.usage.table_count).toBe(1);
	});

	it('fails an encrypted PDF with an error text', async () => {
		const answer = await parse('ops-document-analyze-002', inline(tinyPdf(['x'], { encrypt: true }), 'locked.pdf'));
		expect(answer.result).toMatchObject({ status: 'FAIL', error: ENCRYPTED_ERROR });
	});

	it.each([
		['no url nor content', 'ops-document-analyze-001', {}, /document.content or document.url required/],
		['a type 001 does not list', 'ops-document-analyze-001', inline(Buffer.from('img'), 'a.png'), /document type png is not supported by ops-document-analyze-001/],
		['a type 002 does not list', 'ops-document-analyze-002', { url: 'https://d.test/a.docx' }, /document type docx is not supported by ops-document-analyze-002/],
		['Base64 that does not decode', 'ops-document-analyze-001', { content: 'not*base64', file_name: 'a.pdf' }, /not valid Base64/],
		['an empty file (whitespace only)', 'ops-document-analyze-001', { content: ' \n ', file_name: 'a.pdf' }, /is empty/],
		['content without a file name', 'ops-document-analyze-001', { content: 'QUJD', file_type: 'pdf' }, /file_name is required/],
	])('refuses %s with 400', async (_what, serviceId, document, message) => {
		const answer = await call('POST', `${BASE}/${serviceId}/async`, { document });
		expect(answer.status).toBe(400);
		expect(answer.body.message).toMatch(message);
	});

	it('knows only the documented service ids', async () => {
		const answer = await call('POST', `${BASE}/ops-document-analyze-999/async`, { document: { url: 'https://d.test/a.pdf' } });
		expect(answer.status).toBe(400);
		expect(answer.body.code).toBe('ServiceIdNotExist');
	});
});
