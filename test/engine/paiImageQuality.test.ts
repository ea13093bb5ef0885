import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Emulator } from '../emulator';
import { fakeImage, md5, paiCredentials, paiNode, paiWorkflow, startPaiEmulator, urls } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Image Quality';

function qualityNode(parameters: Record<string, unknown>, extra = {}) {
	return paiNode(NODE, 'alibabaPaiImageQuality', { inputType: 'url', url: '={{ $json.url }}', model: '', ...parameters }, extra);
}

describe('Alibaba PAI Image Quality through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startPaiEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	it('scores URL images with a signature the emulator accepts', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, qualityNode({}), urls(['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg'])));
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out).toHaveLength(2);
		for (const [i, item] of out.entries()) {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ score: expect.any(Number), width: expect.any(Number), height: expect.any(Number), requestId: expect.any(String) });
			expect(item.json.source).toMatchObject({ type: 'url', url: `https://img.example.com/${'ab'[i]}.jpg` });
			expect(item.json.raw).toBeUndefined();
		}
		expect(emulator.log.filter((e) => e.path === '/api/v1/images').map((e) => e.status)).toEqual([200, 200]);
	});

	it('sends a binary image as base64 in the image field', async () => {
		const image = fakeImage('pai-iqa');
		const result = await runWorkflow(
			paiWorkflow(emulator.url, qualityNode({ inputType: 'binary', binaryPropertyName: 'data', options: { includeRaw: true } }), [
				{ json: {}, binary: { data: { data: image, fileName: 'photo.png', mimeType: 'image/png' } } },
			]),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json.source).toMatchObject({ type: 'binary', fileName: 'photo.png', sizeBytes: image.length });
		expect((item.json.raw as { code: string }).code).toBe('OK');
		const [entry] = emulator.log.filter((e) => e.path === '/api/v1/images');
		expect(entry.status).toBe(200);
		// The body carries the image as base64 (4/3 of its size plus the envelope).
		expect(entry.bodyBytes).toBeGreaterThan((image.length * 4) / 3);
		expect(md5(image)).toHaveLength(32);
	});

	it('passes configure JSON and a custom model; an undeployed model is a 404 naming the model error', async () => {
		const result = await runWorkflow(
			paiWorkflow(emulator.url, qualityNode({ model: 'custom', customModelName: 'my_iqa', configureJson: '{"x": 1}' }), urls(['https://img.example.com/a.jpg'])),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('model not found');
		expect(result.error?.message).toContain('[PARAMETER_ERROR]');
	});

	it('turns a 422 into an error item under Continue On Fail and keeps the other items', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				qualityNode({}, { onError: 'continueRegularOutput' }),
				urls(['https://img.example.com/ok.jpg', 'https://img.example.com/fail.jpg', 'https://img.example.com/ok2.jpg']),
			),
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.score).toEqual(expect.any(Number));
		expect(out[2].json.score).toEqual(expect.any(Number));
		expect(out[1].json).toMatchObject({ errorCode: 'SEVER_ERROR', httpCode: 422 });
		expect(out[1].json.error).toContain('failed to download image');
	});

	it('signs only the /api/v1 path when the credential has a gateway path prefix', async () => {
		await emulator.close();
		emulator = await startPaiEmulator({ paiPathPrefix: '/gateway' });
		const result = await runWorkflow({
			...paiWorkflow(emulator.url, qualityNode({}), urls(['https://img.example.com/a.jpg'])),
			credentials: paiCredentials(emulator.url, { pathPrefix: '/gateway/' }),
		});
		expect(result.status).toBe('success');
		expect(emulator.log.map((e) => [e.path, e.status])).toEqual([['/gateway/api/v1/images', 200]]);
	});

	it('treats a non-OK code on HTTP 200 as an error', async () => {
		const server = createServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ request_id: 'req-200', code: 'SEVER_ERROR', message: 'model busy', data: null }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const result = await runWorkflow(paiWorkflow(url, qualityNode({}, { onError: 'continueRegularOutput' }), urls(['https://img.example.com/a.jpg'])));
			expect(result.output(NODE)[0].json).toMatchObject({ error: 'model busy [SEVER_ERROR]', errorCode: 'SEVER_ERROR', httpCode: 200, requestId: 'req-200' });
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('fails with sign error when the token is wrong, without leaking it', async () => {
		const result = await runWorkflow({
			...paiWorkflow(emulator.url, qualityNode({}), urls(['https://img.example.com/a.jpg'])),
			credentials: paiCredentials(emulator.url, { token: 'wrong-token-value' }),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('sign error');
		expect(JSON.stringify(result.error)).not.toContain('wrong-token-value');
	});
});
