import { AlibabaMultimodalApi } from '../../../credentials/AlibabaMultimodalApi.credentials';
import { paiSignature, paiSignedPath } from '../../../nodes/shared/transport/signature';

// Vectors from the PAI contract (reference/pai-multimedia-api.md §2.2), token "test-token".
const vectors = [
	{
		method: 'POST',
		path: '/api/v1/images',
		body: '{"action": "ImageQA", "image": "https://example.com/a.jpg", "model_name": "", "configure": {}}',
		signature: '9ff182f041bf805205e366724be362caae7c17905442d1af85ebcee52d46f381',
	},
	{
		method: 'POST',
		path: '/api/v1/videos',
		body: '{"action": "VideoQA", "video_url": "https://example.com/v.mp4", "video_title": "demo", "model_name": "", "text": "demo", "configure": {}}',
		signature: 'e3bfd6d49993facad4aa756376faa030689c9af0612c7c60e85dcca5f02cf227',
	},
	{ method: 'POST', path: '/api/v1/async_jobs/13890', body: '{}', signature: '4d42c90990b2a45c7304d2399a2f9a3c331817d387b04bcd8174697574200504' },
	{ method: 'POST', path: '/api/v1/async_jobs/13890', body: '', signature: '7be5767f44780a648aaf1683eb188bbaa789e804dc35e983cb3951614a8409e9' },
	{ method: 'GET', path: '/api/v1/batch_jobs/42', body: '', signature: '46f902b2dba3bfa75cba008fca7ef7c536811afbb67643432a84cd5d8d36a9b2' },
];

describe('PAI request signature', () => {
	it.each(vectors)('matches the contract vector for $method $path', ({ method, path, body, signature }) => {
		expect(paiSignature('test-token', method, body, path)).toBe(signature);
		expect(paiSignature('test-token', method, Buffer.from(body), path)).toBe(signature);
	});

	it('signs only the path: no origin, no query string', () => {
		expect(paiSignedPath('http://host:8080/api/v1/images?x=1')).toBe('/api/v1/images');
		expect(paiSignedPath('/api/v1/batch_jobs/42')).toBe('/api/v1/batch_jobs/42');
		expect(paiSignedPath('api/v1/images')).toBe('/api/v1/images');
	});
});

describe('credential authenticate()', () => {
	const credential = new AlibabaMultimodalApi();
	const authenticate = credential.authenticate as (c: object, o: object) => Promise<Record<string, any>>;

	it('signs the exact body string it sends, for PAI', async () => {
		const body = vectors[0].body;
		const out = await authenticate(
			{ authType: 'pai', appId: 'app-1', token: 'test-token' },
			{ method: 'POST', url: '/api/v1/images', body },
		);
		expect(out.headers.Authorization).toBe(`app-1:${vectors[0].signature}`);
		expect(out.body).toBe(body);
		expect(out.headers['X-Request-Time']).toMatch(/^\d{10}$/);
	});

	it('signs and sends a body of bytes as it is (the package sends its JSON as bytes)', async () => {
		const bytes = Buffer.from(vectors[0].body);
		const out = await authenticate({ authType: 'pai', appId: 'app-1', token: 'test-token' }, { method: 'POST', url: '/api/v1/images', body: bytes });
		expect(out.headers.Authorization).toBe(`app-1:${vectors[0].signature}`);
		expect(out.body).toBe(bytes);
	});

	it('serialises an object body once and signs that string', async () => {
		const out = await authenticate(
			{ authType: 'pai', appId: 'app-1', token: 'test-token' },
			{ method: 'POST', url: '/api/v1/images', body: { action: 'ImageQA', image: 'x' } },
		);
		expect(out.body).toBe('{"action":"ImageQA","image":"x"}');
		expect(out.headers.Authorization).toBe(`app-1:${paiSignature('test-token', 'POST', out.body, '/api/v1/images')}`);
	});

	it('signs an empty body as "" and sends none', async () => {
		const out = await authenticate(
			{ authType: 'pai', appId: 'app-1', token: 'test-token' },
			{ method: 'GET', url: '/api/v1/batch_jobs/42' },
		);
		expect(out.headers.Authorization).toBe(`app-1:${vectors[4].signature}`);
		expect(out.body).toBeUndefined();
	});

	it('sends the token nowhere', async () => {
		const out = await authenticate(
			{ authType: 'pai', appId: 'app-1', token: 'super-secret-token' },
			{ method: 'POST', url: '/api/v1/images', body: '{}' },
		);
		expect(JSON.stringify(out)).not.toContain('super-secret-token');
	});

	it('uses a Bearer header for AI Search', async () => {
		const out = await authenticate({ authType: 'aiSearch', apiKey: 'OS-key' }, { method: 'GET', url: '/v3/x', headers: { A: '1' } });
		expect(out.headers).toEqual({ A: '1', Authorization: 'Bearer OS-key' });
	});
});
