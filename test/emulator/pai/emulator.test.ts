import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { startEmulator, type Emulator, type EmulatorOptions } from '..';

const APP = 'test-app';
const TOKEN = 'test-token';

type Body = Record<string, any>;

const started: Emulator[] = [];
afterEach(async () => {
	await Promise.all(started.splice(0).map((e) => e.close()));
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
	const emu = await startEmulator({ paiApps: { [APP]: TOKEN }, paiJobLatencyMs: 80, syncLatencyMs: 1, enforceQps: false, ...options });
	started.push(emu);
	return emu;
}

function sign(method: string, body: string, path: string, token = TOKEN): string {
	const md5 = createHash('md5').update(body, 'utf8').digest('hex');
	return createHmac('sha256', token).update(`${method}\n${md5}\n${path}`).digest('hex');
}

/** Sends exact bytes with a given Authorization header (signed over `signedPath` unless overridden). */
function send(
	emu: Emulator,
	method: string,
	path: string,
	body: string | undefined,
	auth: { authorization?: string; signedPath?: string; token?: string } = {},
): Promise<{ status: number; body: Body }> {
	const authorization = auth.authorization ?? `${APP}:${sign(method, body ?? '', auth.signedPath ?? path, auth.token)}`;
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			`${emu.url}${path}`,
			{ method, headers: { Authorization: authorization, 'Content-Type': 'application/json' } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
			},
		);
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

const post = (emu: Emulator, path: string, body: unknown) => send(emu, 'POST', path, JSON.stringify(body));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PAI emulator: signature', () => {
	it('accepts the contract test vectors (Python spacing, {} and empty poll bodies, GET batch)', async () => {
		const emu = await start();
		// The vectors' signatures, computed by the contract author with the Python algorithm.
		const vectors = [
			{
				method: 'POST',
				path: '/api/v1/images',
				body: '{"action": "ImageQA", "image": "https://example.com/a.jpg", "model_name": "", "configure": {}}',
				sig: '9ff182f041bf805205e366724be362caae7c17905442d1af85ebcee52d46f381',
				status: 200,
			},
			{
				method: 'POST',
				path: '/api/v1/videos',
				body: '{"action": "VideoQA", "video_url": "https://example.com/v.mp4", "video_title": "demo", "model_name": "", "text": "demo", "configure": {}}',
				sig: 'e3bfd6d49993facad4aa756376faa030689c9af0612c7c60e85dcca5f02cf227',
				status: 200,
			},
			// Jobs 13890 and batch 42 do not exist here: 404 means the signature passed.
			{ method: 'POST', path: '/api/v1/async_jobs/13890', body: '{}', sig: '4d42c90990b2a45c7304d2399a2f9a3c331817d387b04bcd8174697574200504', status: 404 },
			{ method: 'POST', path: '/api/v1/async_jobs/13890', body: undefined, sig: '7be5767f44780a648aaf1683eb188bbaa789e804dc35e983cb3951614a8409e9', status: 404 },
			{ method: 'GET', path: '/api/v1/batch_jobs/42', body: undefined, sig: '46f902b2dba3bfa75cba008fca7ef7c536811afbb67643432a84cd5d8d36a9b2', status: 404 },
		];
		for (const v of vectors) {
			const reply = await send(emu, v.method, v.path, v.body, { authorization: `${APP}:${v.sig}` });
			expect(reply.status).toBe(v.status);
			expect(reply.body.message).not.toBe('sign error');
		}
	});

	it('answers 401 sign error for a wrong token, a changed byte or a missing header', async () => {
		const emu = await start();
		const body = JSON.stringify({ action: 'ImageQA', image: 'https://example.com/a.jpg' });
		const wrongToken = await send(emu, 'POST', '/api/v1/images', body, { token: 'other' });
		expect(wrongToken).toMatchObject({ status: 401, body: { code: 'PARAMETER_ERROR', message: 'sign error' } });
		// Signed over compact JSON, sent with different spacing: the raw bytes differ.
		const authorization = `${APP}:${sign('POST', body, '/api/v1/images')}`;
		const respaced = await send(emu, 'POST', '/api/v1/images', body.replace(':', ': '), { authorization });
		expect(respaced.status).toBe(401);
		const missing = await send(emu, 'POST', '/api/v1/images', body, { authorization: '' });
		expect(missing).toMatchObject({ status: 401, body: { message: 'sign error' } });
		expect(typeof missing.body.request_id).toBe('string');
	});

	it('answers 400 not found appid for an unknown AppID', async () => {
		const emu = await start();
		const reply = await send(emu, 'POST', '/api/v1/images', '{}', { authorization: `nobody:${'a'.repeat(64)}` });
		expect(reply).toMatchObject({ status: 400, body: { code: 'PARAMETER_ERROR', message: 'not found appid' } });
	});

	it('signs the path without the gateway prefix', async () => {
		const emu = await start({ paiPathPrefix: '/gateway' });
		const body = JSON.stringify({ action: 'ImageQA', image: 'https://example.com/a.jpg', model_name: '', configure: {} });
		const ok = await send(emu, 'POST', '/gateway/api/v1/images', body, { signedPath: '/api/v1/images' });
		expect(ok.status).toBe(200);
		const withPrefix = await send(emu, 'POST', '/gateway/api/v1/images', body);
		expect(withPrefix.status).toBe(401);
	});
});

describe('PAI emulator: images', () => {
	it('answers ImageQA, face attributes, age, tags with embedding, the tagger and editing in the seed shapes', async () => {
		const emu = await start();
		const image = 'https://example.com/portrait.jpg';
		const qa = await post(emu, '/api/v1/images', { action: 'ImageQA', image, model_name: '', configure: {} });
		expect(qa.body).toMatchObject({ code: 'OK', message: 'success', data: { image_width: expect.any(Number), image_height: expect.any(Number) } });
		expect(qa.body.data.iqa_result).toBeGreaterThanOrEqual(0);
		expect(qa.body.data.iqa_result).toBeLessThanOrEqual(100);

		const faces = await post(emu, '/api/v1/images', { action: 'FaceAttrImage', image, model_name: '', configure: {} });
		expect(faces.body.data.attr).toHaveLength(1);
		expect(Object.keys(faces.body.data.attr[0].FaceShape)).toContain('椭圆脸');
		expect(faces.body.data.attr[0].bbox).toHaveLength(4);
		const age = await post(emu, '/api/v1/images', { action: 'FaceAttrImage', image, model_name: 'fairface', configure: {} });
		expect(age.body.data).toEqual({ age_range: expect.any(String), age_raneg_prob: expect.any(Number) });

		const tags = await post(emu, '/api/v1/images', {
			action: 'MultiLabelImageV2',
			image,
			model_name: '',
			configure: { tag_top_k: 3, output_embedding: true },
		});
		expect(tags.body.data.tag_result).toHaveLength(3);
		expect(tags.body.data.embedding_result.split(',')).toHaveLength(512);
		const caption = await post(emu, '/api/v1/images', { action: 'MultiLabelImageV2', image, model_name: 'tagger', configure: { threshold: 0.5 } });
		expect(caption.body.data.caption).toMatch(/^sensitive/);
		const edited = await post(emu, '/api/v1/images', { action: 'MultiLabelImageV2', image, model_name: 'body_reshaping', configure: { degree: 1 } });
		expect(Buffer.from(edited.body.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
	});

	it('accepts base64 images and reports documented errors: 400, 404 model not found, 422', async () => {
		const emu = await start();
		const b64 = Buffer.from('not really an image').toString('base64');
		expect((await post(emu, '/api/v1/images', { action: 'ImageQA', image: b64 })).status).toBe(200);
		expect(await post(emu, '/api/v1/images', { action: 'ImageQA' })).toMatchObject({ status: 400, body: { code: 'PARAMETER_ERROR' } });
		expect(await post(emu, '/api/v1/images', { action: 'ImageQA', image: 'https://x/a.jpg', model_name: 'nope' })).toMatchObject({
			status: 404,
			body: { message: 'model not found' },
		});
		expect(await post(emu, '/api/v1/images', { action: 'ImageQA', image: 'https://x/fail.jpg' })).toMatchObject({
			status: 422,
			body: { code: 'SEVER_ERROR' },
		});
		const bad = await send(emu, 'POST', '/api/v1/images', '{not json');
		expect(bad).toMatchObject({ status: 400, body: { code: 'PARAMETER_ERROR' } });
	});
});

describe('PAI emulator: jobs', () => {
	it('moves a video job 0/1 → 2 with Result as a JSON string, polled by POST with {} or empty body, or GET', async () => {
		const emu = await start();
		const submit = await post(emu, '/api/v1/videos', { action: 'ClassifyLabelVideo', video_url: 'https://v.example.com/a.mp4', video_title: '', configure: {} });
		expect(submit.body).toMatchObject({ code: 'OK', data: { job_id: expect.any(Number) } });
		const path = `/api/v1/async_jobs/${submit.body.data.job_id}`;
		const early = await send(emu, 'POST', path, undefined);
		expect([0, 1]).toContain(early.body.data.job.state);
		expect(early.body.data.job.Result).toBe('');
		await wait(120);
		for (const body of [undefined, '{}']) {
			const done = await send(emu, 'POST', path, body);
			expect(done.body.data.job).toMatchObject({ state: 2, message: 'success', id: submit.body.data.job_id, app_id: APP });
			const result = JSON.parse(done.body.data.job.Result);
			expect(result.classification_result).toHaveLength(1);
			expect(result.tag_result).toHaveLength(5);
			expect(result.embedding_result.split(',')).toHaveLength(64);
		}
		expect((await send(emu, 'GET', path, undefined)).body.data.job.state).toBe(2);
	});

	it('fails jobs whose URL contains "fail" with state 3 and a download message', async () => {
		const emu = await start({ paiJobLatencyMs: 10 });
		const submit = await post(emu, '/api/v1/videos', { action: 'VideoQA', video_url: 'https://v.example.com/fail.mp4' });
		await wait(30);
		const job = (await send(emu, 'POST', `/api/v1/async_jobs/${submit.body.data.job_id}`, undefined)).body.data.job;
		expect(job).toMatchObject({ state: 3, Result: '' });
		expect(job.message).toContain('failed to download video https://v.example.com/fail.mp4');
	});

	it('runs batch jobs with per-video outcomes and the object URL', async () => {
		const emu = await start({ paiJobLatencyMs: 10 });
		const videos = [{ url: 'https://v.example.com/1.mp4', title: 'a' }, { url: 'https://v.example.com/fail-2.mp4' }, { url: 'https://v.example.com/3.mp4', title: '' }];
		const submit = await post(emu, '/api/v1/batch_videos', { action: 'VideoQA', videos, model_name: '', configure: {} });
		expect(submit.body.data.batch_id).toEqual(expect.any(Number));
		await wait(30);
		const batch = await send(emu, 'GET', `/api/v1/batch_jobs/${submit.body.data.batch_id}`, undefined);
		const jobs = batch.body.data.jobs;
		expect(jobs.map((j: Body) => [j.object, j.state, j.batch_id])).toEqual([
			[videos[0].url, 2, submit.body.data.batch_id],
			[videos[1].url, 3, submit.body.data.batch_id],
			[videos[2].url, 2, submit.body.data.batch_id],
		]);
		expect(Object.keys(JSON.parse(jobs[0].Result)).sort()).toEqual(['avg_fps', 'duration', 'height', 'single_img', 'video_score', 'width']);
		expect((await post(emu, '/api/v1/batch_videos', { action: 'MultiModalClassify', videos })).status).toBe(400);
		expect((await post(emu, '/api/v1/batch_videos', { action: 'VideoQA', videos: [] })).status).toBe(400);
	});

	it('keeps jobs of one AppID invisible to another', async () => {
		const emu = await start({ paiApps: { [APP]: TOKEN, other: 'other-token' } });
		const submit = await post(emu, '/api/v1/videos', { action: 'VideoQA', video_url: 'https://v.example.com/a.mp4' });
		const path = `/api/v1/async_jobs/${submit.body.data.job_id}`;
		const reply = await send(emu, 'POST', path, undefined, { authorization: `other:${sign('POST', '', path, 'other-token')}` });
		expect(reply.status).toBe(404);
	});

	it('limits QPS per PAI bucket with 429', async () => {
		const emu = await start({ enforceQps: true, qps: { 'pai-image': 2 } });
		const body = { action: 'ImageQA', image: 'https://example.com/a.jpg' };
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await post(emu, '/api/v1/images', body)).status);
		expect(statuses).toEqual([200, 200, 429, 429]);
		const log = emu.log.filter((e) => e.service === 'pai-image');
		expect(log).toHaveLength(4);
	});
});

describe('PAI emulator: task clock controls', () => {
	it('runs jobs submitted after POST /__emulator/latency for the new latency, and /__emulator/advance finishes them at once', async () => {
		const emu = await start();
		const control = async (path: string, body: unknown) =>
			(await fetch(`${emu.url}/__emulator/${path}`, { method: 'POST', body: JSON.stringify(body) })).status;
		expect(await control('latency', { paiJobLatencyMs: 300_000 })).toBe(200);
		const submit = await post(emu, '/api/v1/videos', { action: 'ClassifyLabelVideo', video_url: 'https://v.example.com/long.mp4', video_title: '', configure: {} });
		const path = `/api/v1/async_jobs/${submit.body.data.job_id}`;
		await wait(120);
		expect((await send(emu, 'POST', path, undefined)).body.data.job.state).toBe(0);
		expect(await control('advance', { ms: 200_000 })).toBe(200);
		expect((await send(emu, 'POST', path, undefined)).body.data.job.state).toBe(1);
		emu.advance(100_000);
		expect((await send(emu, 'POST', path, undefined)).body.data.job.state).toBe(2);
		expect(await control('advance', { ms: -1 })).toBe(400);
		expect(await control('latency', { paiJobLatencyMs: 'soon' })).toBe(400);
	});
});
