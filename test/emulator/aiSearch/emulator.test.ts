import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { PNG_SIGNATURE, startEmulator, type Emulator, type EmulatorOptions } from '..';
import { useEmulatorClock } from '../timers';

const KEY = 'test-api-key';
const WS = '/v3/openapi/workspaces/default';
const IA_VLM = `${WS}/image-analyze/ops-image-analyze-vlm-001`;
const IA_OCR = `${WS}/image-analyze/ops-image-analyze-ocr-001`;
const OD = `${WS}/image-object-detection/ops-object-detect-001`;
const ASR = `${WS}/audio-asr/ops-audio-asr-001`;
const SEG = `${WS}/video-segmentation/ops-video-segment-001`;
const SNAP = `${WS}/video-snapshot/ops-video-snapshot-001`;
const SUM = `${WS}/video-summarization/ops-video-summarize-001`;

type Body = Record<string, any>;
interface Reply {
	status: number;
	headers: Headers;
	text: string;
	body: Body;
}

const started: Emulator[] = [];
afterEach(async () => {
	await Promise.all(started.splice(0).map((e) => e.close()));
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
	// The limiter is off by default here (polling loops would trip it); the QPS tests turn it on.
	const emu = await startEmulator({ taskLatencyMs: 80, syncLatencyMs: 5, enforceQps: false, ...options });
	started.push(emu);
	return emu;
}

async function call(emu: Emulator, method: string, path: string, body?: unknown, key: string | null = KEY): Promise<Reply> {
	const headers: Record<string, string> = {};
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	let payload: string | undefined;
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
		payload = typeof body === 'string' ? body : JSON.stringify(body);
	}
	const res = await fetch(emu.url + path, { method, headers, body: payload });
	const text = await res.text();
	let parsed: Body = {};
	try {
		parsed = JSON.parse(text);
	} catch {
		/* malformed on purpose in some tests */
	}
	return { status: res.status, headers: res.headers, text, body: parsed };
}

const post = (emu: Emulator, path: string, body: unknown, key: string | null = KEY) => call(emu, 'POST', path, body, key);
const poll = (emu: Emulator, base: string, taskId: string) => call(emu, 'GET', `${base}/async/task-status?task_id=${encodeURIComponent(taskId)}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');
const apiLog = (emu: Emulator) => emu.log.filter((e) => e.kind !== 'control');

async function submit(emu: Emulator, base: string, body: unknown): Promise<string> {
	const r = await post(emu, `${base}/async`, body);
	expect(r.status).toBe(200);
	return r.body.result.task_id as string;
}

async function pollUntilDone(emu: Emulator, base: string, taskId: string): Promise<Body> {
	for (let i = 0; i < 50; i++) {
		const r = await poll(emu, base, taskId);
		expect(r.status).toBe(200);
		if (r.body.result.status !== 'PENDING') return r.body;
		await sleep(20);
	}
	throw new Error('task never finished');
}

function expectEnvelope(body: Body, httpCode: number): void {
	expect(body.request_id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
	expect(typeof body.latency).toBe('number');
	expect(body.http_code).toBe(httpCode);
}

function expectError(r: Reply, status: number, code: string, message?: string | RegExp): void {
	expect(r.status).toBe(status);
	expectEnvelope(r.body, status);
	expect(r.body.code).toBe(code);
	expect(typeof r.body.message).toBe('string');
	if (message !== undefined) expect(r.body.message).toMatch(message);
}

describe('emulator: auth and routing', () => {
	it('rejects a missing or wrong Bearer key with 401 InvalidApiKey and creates nothing', async () => {
		const emu = await start();
		expectError(await post(emu, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } }, null), 401, 'InvalidApiKey');
		expectError(await post(emu, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } }, 'nope'), 401, 'InvalidApiKey');
		// auth comes before routing
		expectError(await call(emu, 'GET', '/nowhere', undefined, null), 401, 'InvalidApiKey');
		const log = apiLog(emu);
		expect(log).toHaveLength(3);
		expect(log.every((e) => !e.authorized && e.taskId === undefined)).toBe(true);
		expect(log[0]).toMatchObject({ kind: 'submit', service: 'image-analyze', serviceId: 'ops-image-analyze-vlm-001', status: 401 });
	});

	it('accepts any configured key', async () => {
		const emu = await start({ apiKeys: ['OS-a', 'OS-b'] });
		expect((await post(emu, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } }, 'OS-b')).status).toBe(200);
		expect((await post(emu, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } }, KEY)).status).toBe(401);
	});

	it('answers 404 NotFound for unknown paths and 400 ServiceIdNotExist for unknown service ids', async () => {
		const emu = await start();
		expectError(await call(emu, 'GET', '/v3/openapi/workspaces/default/nothing/here'), 404, 'NotFound');
		expectError(await post(emu, `${IA_VLM}/bogus`, {}), 404, 'NotFound');
		expectError(await call(emu, 'GET', `${IA_VLM}/async`), 404, 'NotFound');
		expectError(await post(emu, `${WS}/image-analyze/ops-nope-001/async`, {}), 400, 'ServiceIdNotExist');
		expectError(await post(emu, `${WS}/image-analyze/ops-object-detect-001/sync`, {}), 400, 'ServiceIdNotExist');
		expect(apiLog(emu)[0].kind).toBe('unknown');
	});
});

describe('emulator: validation', () => {
	it('rejects malformed or incomplete bodies with 400 InvalidParameter', async () => {
		const emu = await start();
		const bad = async (path: string, body: unknown, message?: string | RegExp) =>
			expectError(await post(emu, path, body), 400, 'InvalidParameter', message);
		const both = 'document.content or document.url required, and both cannot be present at the same time';
		await bad(`${IA_VLM}/async`, '{"document": {', /JSON parse error/);
		await bad(`${IA_VLM}/async`, '', /body is missing/);
		await bad(`${IA_VLM}/async`, {}, /document/);
		await bad(`${IA_VLM}/async`, { document: {} }, both);
		await bad(`${IA_VLM}/async`, { document: { url: 'https://x/a.png', content: 'aGk=', file_name: 'a.png' } }, both);
		await bad(`${IA_VLM}/sync`, { document: { content: 'aGk=' } }, /file_name or document.file_type/);
		await bad(`${IA_VLM}/async`, { document: { content: 'data:image/png;base64,aGk=', file_name: 'a.png' } }, /Base64/);
		await bad(OD, { image: {} }, 'image.content or image.url required, and both cannot be present at the same time');
		await bad(OD, { image: { url: 'https://x/a.png', content: 'aGk=' } }, /image.content or image.url/);
		await bad(`${ASR}/async`, { input: { content: 'aGk=' } }, /data:<type>\/<format>;base64/);
		await bad(`${ASR}/async`, { input: {} }, /input.content, input.oss or input.url/);
		await bad(`${ASR}/async`, { input: { oss: 'oss://b/a.mp3', url: 'https://x/a.mp3' } }, /only one/);
		await bad(`${SNAP}/async`, {}, /input is required/);
		await bad(`${SNAP}/async`, { input: { oss: 'oss://b/v.mp4' }, output: { type: 'gif' } }, /output.type/);
		await bad(`${SNAP}/async`, { input: { oss: 'oss://b/v.mp4' }, parameters: { interval: 0 } }, /interval/);
		await bad(`${SEG}/async`, { input: { content: 'data:video/mp4;base64,aGk=' } }, /input.content is not supported/);
		await bad(`${SUM}/async`, { input: { url: 'https://x/v.mp4', oss: 'oss://b/v.mp4' } }, /only one/);
		await bad(`${SUM}/async`, { input: { chunks: 'x' } }, /input.chunks/);
		// nothing was created
		expect(apiLog(emu).some((e) => e.taskId)).toBe(false);
	});

	it('rejects bodies over the limit (default 8 MB)', async () => {
		const emu = await start();
		const big = JSON.stringify({ document: { content: 'A'.repeat(8 * 1024 * 1024), file_name: 'big.png' } });
		expectError(await post(emu, `${IA_VLM}/async`, big), 400, 'InvalidParameter', /exceeds the 8 MB limit/);
		expect(apiLog(emu)[0].bodyBytes).toBe(Buffer.byteLength(big));

		const small = await start({ maxBodyBytes: 100 });
		expectError(await post(small, `${IA_VLM}/async`, { document: { content: 'A'.repeat(200), file_name: 'a.png' } }), 400, 'InvalidParameter', /exceeds the 100 bytes limit/);
	});
});

describe('emulator: async task lifecycle', () => {
	it('goes PENDING -> SUCCESS exactly at taskLatencyMs of its own clock, with results derived from the input', async () => {
		// The emulator on a clock the test moves: the task's lifecycle is checked to the millisecond.
		let now = 1_700_000_000_000;
		useEmulatorClock({ now: () => now, sleep: async (ms) => void (now += ms) });
		try {
			const emu = await start({ taskLatencyMs: 120 });
			const bytes = Buffer.from('fake png bytes');
			const created = await post(emu, `${IA_VLM}/async`, { document: { content: bytes.toString('base64'), file_name: 'scan.png' } });
			expect(created.status).toBe(200);
			expectEnvelope(created.body, 200);
			expect(created.body.usage).toBeUndefined();
			expect(Object.keys(created.body.result)).toEqual(['task_id']);
			const taskId = created.body.result.task_id;

			const pending = await poll(emu, IA_VLM, taskId);
			expect(pending.body.result).toEqual({ task_id: taskId, status: 'PENDING' });
			expect(pending.body.usage).toBeUndefined();

			now += 119;
			expect((await poll(emu, IA_VLM, taskId)).body.result).toEqual({ task_id: taskId, status: 'PENDING' });
			now += 1;
			const done = await poll(emu, IA_VLM, taskId);
			expectEnvelope(done.body, 200);
			expect(done.body.result).toEqual({
				task_id: taskId,
				status: 'SUCCESS',
				data: {
					content: `Description and text: Text recognized in scan.png (${bytes.length} bytes, md5 ${md5(bytes)})`,
					content_type: 'plain',
					page_num: 1,
				},
			});
			expect(done.body.usage.token_count).toBeGreaterThan(0);

			const ocrId = await submit(emu, IA_OCR, { document: { url: 'https://example.com/a.png' } });
			now += 120;
			const ocr = await pollUntilDone(emu, IA_OCR, ocrId);
			expect(ocr.result.data.content).toBe('Text recognized in https://example.com/a.png');
			expect(ocr.usage).toEqual({ pv_count: 1 });

			const log = apiLog(emu);
			expect(log.map((e) => e.seq)).toEqual([...log.map((e) => e.seq)].sort((a, b) => a - b));
			expect(log[0]).toMatchObject({ kind: 'submit', taskId, status: 200, authorized: true });
			expect(log[1]).toMatchObject({ kind: 'poll', taskId, taskStatus: 'PENDING' });
			expect(log[2]).toMatchObject({ kind: 'poll', taskId, taskStatus: 'PENDING', time: log[0].time + 119 });
			expect(log[3]).toMatchObject({ kind: 'poll', taskId, taskStatus: 'SUCCESS', time: log[0].time + 120 });
			const sent = JSON.stringify({ document: { content: bytes.toString('base64'), file_name: 'scan.png' } });
			expect(log[0].bodyMd5).toBe(md5(sent));
			expect(log[0].bodyBytes).toBe(Buffer.byteLength(sent));
	
		} finally {
			useEmulatorClock(undefined);
		}
	});

	it('fails tasks whose url/oss/file_name contains "fail"', async () => {
		const emu = await start();
		const ids = [
			[ASR, await submit(emu, ASR, { input: { oss: 'oss://bucket/FAIL-me.mp3' } })],
			[IA_OCR, await submit(emu, IA_OCR, { document: { content: 'aGk=', file_name: 'will_fail.png' } })],
			[SUM, await submit(emu, SUM, { input: { url: 'https://x/fail.mp4' } })],
		];
		for (const [base, id] of ids) {
			const done = await pollUntilDone(emu, base, id);
			expect(done.result).toEqual({ task_id: id, status: 'FAIL', error: expect.stringContaining('failed') });
			expect(done.result.data).toBeUndefined();
		}
	});

	it('only ever reports PENDING, SUCCESS or FAIL', async () => {
		const emu = await start({ taskLatencyMs: 40 });
		const a = await submit(emu, SEG, { input: { url: 'https://x/v.mp4' } });
		const b = await submit(emu, SEG, { input: { url: 'https://x/failing.mp4' } });
		await sleep(60);
		await pollUntilDone(emu, SEG, a);
		await pollUntilDone(emu, SEG, b);
		const statuses = new Set(apiLog(emu).filter((e) => e.kind === 'poll').map((e) => e.taskStatus));
		// Both tasks were polled to their end, so the log holds at least these two; nothing else may appear.
		expect([...statuses].filter((s) => s !== 'PENDING').sort()).toEqual(['FAIL', 'SUCCESS']);
	});

	it('answers BadRequest.TaskNotExist for unknown ids and for a task polled under another service id', async () => {
		const emu = await start();
		expectError(await poll(emu, IA_VLM, 'no-such-task'), 404, 'BadRequest.TaskNotExist', 'task[no-such-task] not exist');
		const id = await submit(emu, IA_VLM, { document: { url: 'https://x/a.png' } });
		expectError(await poll(emu, IA_OCR, id), 404, 'BadRequest.TaskNotExist', `task[${id}] not exist`);
		expectError(await poll(emu, ASR, id), 404, 'BadRequest.TaskNotExist');
		expectError(await call(emu, 'GET', `${IA_VLM}/async/task-status`), 400, 'InvalidParameter', /task_id/);

		const emu400 = await start({ taskNotExistStatus: 400 });
		expectError(await poll(emu400, IA_VLM, 'x'), 400, 'BadRequest.TaskNotExist');
	});
});

describe('emulator: results per service', () => {
	it('image-analyze /sync answers the result directly (status, data, usage, no task_id)', async () => {
		const emu = await start({ syncLatencyMs: 50 });
		const t0 = Date.now();
		const r = await post(emu, `${IA_OCR}/sync`, { document: { url: 'https://x/receipt.jpg', file_type: 'jpg' } });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
		expect(r.status).toBe(200);
		expectEnvelope(r.body, 200);
		expect(r.body.result).toEqual({ status: 'SUCCESS', data: { content: 'Text recognized in https://x/receipt.jpg', content_type: 'plain', page_num: 1 } });
		expect(r.body.usage).toEqual({ pv_count: 1 });

		const failed = await post(emu, `${IA_VLM}/sync`, { document: { url: 'https://x/fail.jpg' } });
		expect(failed.status).toBe(200);
		expect(failed.body.result).toEqual({ status: 'FAIL', error: expect.any(String) });
		expect(apiLog(emu).map((e) => e.kind)).toEqual(['sync', 'sync']);
	});

	it('object detection: upper-case X/Y, confidence as number and as numeric string', async () => {
		const emu = await start();
		for (const path of [OD, `${OD}/`, `${WS}/image-object-detection/ops-object-detect-face-001`]) {
			const r = await post(emu, path, { image: { url: 'https://x/cat.jpg' } });
			expect(r.status).toBe(200);
			expectEnvelope(r.body, 200);
			expect(r.body.usage).toEqual({ image: 1 });
			const objects = r.body.result.objects as Body[];
			expect(objects.length).toBeGreaterThanOrEqual(2);
			expect(objects.length).toBeLessThanOrEqual(3);
			for (const o of objects) {
				expect(Object.keys(o.location).sort()).toEqual(['X', 'Y', 'height', 'width']);
				expect(typeof o.location.X).toBe('number');
				expect(Number(o.confidence)).toBeGreaterThan(0);
				expect(Number(o.confidence)).toBeLessThanOrEqual(1);
			}
			expect(objects.some((o) => typeof o.confidence === 'string' && /^\d\.\d+$/.test(o.confidence))).toBe(true);
			expect(objects.some((o) => typeof o.confidence === 'number')).toBe(true);
		}
		const byContent = await post(emu, OD, { image: { content: Buffer.from('img').toString('base64') } });
		expect(byContent.status).toBe(200);
		const failed = await post(emu, OD, { image: { url: 'https://x/fail.jpg' } });
		expect(failed.body.result).toEqual({ status: 'FAIL', error: expect.any(String) });
	});

	it('video snapshot: base64 output is a real PNG; oss output lives under output.oss; interval drives frame times', async () => {
		const emu = await start({ taskLatencyMs: 0 });
		const id = await submit(emu, SNAP, { input: { url: 'https://x/v.mp4' }, parameters: { interval: 10 }, output: { type: 'base64' } });
		const done = await pollUntilDone(emu, SNAP, id);
		const frames = done.result.data as Body[];
		expect(frames.length).toBeGreaterThanOrEqual(2);
		expect(frames.map((f) => f.frame_time)).toEqual(frames.map((_, i) => i * 10));
		for (const f of frames) {
			const png = Buffer.from(f.path, 'base64');
			expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
			expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
		}
		expect(done.usage).toEqual({ image_count: frames.length });

		const ossId = await submit(emu, SNAP, {
			input: { content: `data:video/mp4;base64,${Buffer.from('video').toString('base64')}`, file_name: 'v.mp4' },
			parameters: { format: 'png' },
			output: { type: 'oss', oss: 'oss://bucket/frames' },
		});
		const ossDone = await pollUntilDone(emu, SNAP, ossId);
		for (const f of ossDone.result.data as Body[]) expect(f.path).toMatch(/^oss:\/\/bucket\/frames\/frame_\d+\.png$/);
		expect((ossDone.result.data as Body[])[1].frame_time).toBe(5);
	});

	it('ASR, segmentation and summarization shapes', async () => {
		const emu = await start({ taskLatencyMs: 0 });
		const audio = Buffer.from('ID3 fake audio');
		const asr = await pollUntilDone(emu, ASR, await submit(emu, ASR, { input: { content: `data:audio/mp3;base64,${audio.toString('base64')}` }, output: { type: 'text' } }));
		const sentences = asr.result.data as Body[];
		expect(sentences.length).toBeGreaterThan(0);
		expect(sentences[0].text).toContain(md5(audio));
		for (const s of sentences) expect(s).toEqual({ start: expect.any(Number), end: expect.any(Number), text: expect.any(String) });
		expect(asr.usage.duration).toBe(sentences[sentences.length - 1].end);

		const seg = await pollUntilDone(emu, SEG, await submit(emu, SEG, { input: { oss: 'oss://b/v.mp4' }, output: { type: 'oss', oss: 'oss://b/out/' } }));
		const chunks = seg.result.data as Body[];
		expect(chunks[0]).toEqual({
			chunk_index: 0,
			start_time: expect.any(Number),
			end_time: expect.any(Number),
			transcript: expect.stringContaining('oss://b/v.mp4'),
			snapshots: expect.arrayContaining([{ frame_index: expect.any(Number), frame_time: expect.any(Number), path: expect.stringMatching(/^oss:\/\/b\/out\//) }]),
		});
		expect(seg.usage).toEqual({ audio_token: expect.any(Number), image_token: expect.any(Number) });

		const input = [
			{ start_time: 0, end_time: 5, transcript: 'one' },
			{ start_time: 5, end_time: 9, transcript: 'two' },
			{ start_time: 9, end_time: 12, transcript: 'three' },
		];
		const sum = await pollUntilDone(emu, SUM, await submit(emu, SUM, { input: { url: 'https://x/v.mp4', chunks: input } }));
		expect(sum.result.data.video_metadata).toEqual({ title: expect.any(String), summary: expect.any(String), tags: expect.any(Array) });
		expect(sum.result.data.chunks).toHaveLength(3);
		expect(sum.result.data.chunks[2]).toEqual({
			index: 2,
			enhanced_transcript: expect.stringContaining('three'),
			metadata: { title: expect.any(String), summary: expect.any(String), tags: expect.any(Array) },
		});
		expect(Object.keys(sum.usage).sort()).toEqual(['audio_token', 'image_token', 'input_token', 'output_token']);
	});
});

describe('emulator: QPS', () => {
	const doc = { document: { url: 'https://x/a.png' } };

	it('answers 429 Throttling.RateQuota with Retry-After over the per-service limit, without creating tasks', async () => {
		const emu = await start({ qps: { 'audio-asr': 2 }, enforceQps: true });
		const body = { input: { oss: 'oss://b/a.mp3' } };
		expect((await post(emu, `${ASR}/async`, body)).status).toBe(200);
		expect((await post(emu, `${ASR}/async`, body)).status).toBe(200);
		const throttled = await post(emu, `${ASR}/async`, body);
		expectError(throttled, 429, 'Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.');
		expect(throttled.headers.get('retry-after')).toBe('1');
		// polls count against the same service window
		expect((await call(emu, 'GET', `${ASR}/async/task-status?task_id=x`)).status).toBe(429);
		// other services are independent
		expect((await post(emu, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } })).status).toBe(200);
		const asrSubmits = apiLog(emu).filter((e) => e.service === 'audio-asr' && e.kind === 'submit');
		expect(asrSubmits.map((e) => e.status)).toEqual([200, 200, 429]);
		expect(asrSubmits[2].taskId).toBeUndefined();
	});

	it('retryAfter "none" omits the header and "alternate" sends it on every other 429', async () => {
		const none = await start({ qps: { 'image-analyze': 1 }, retryAfter: 'none', enforceQps: true });
		await post(none, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } });
		const r = await post(none, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } });
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBeNull();

		const alt = await start({ qps: { 'image-analyze': 1 }, retryAfter: 'alternate', enforceQps: true });
		await post(alt, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } });
		const headers = [];
		for (let i = 0; i < 4; i++) {
			const t = await post(alt, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } });
			expect(t.status).toBe(429);
			headers.push(t.headers.get('retry-after'));
		}
		expect(headers).toEqual(['1', null, '1', null]);
	});

	it('defaults: 10 QPS for image-analyze, and the 1-second window slides', async () => {
		const emu = await startEmulator();
		started.push(emu);
		const statuses = [];
		for (let i = 0; i < 11; i++) statuses.push((await post(emu, `${IA_VLM}/async`, doc)).status);
		expect(statuses).toEqual([...Array(10).fill(200), 429]);
		await sleep(1050);
		expect((await post(emu, `${IA_VLM}/async`, doc)).status).toBe(200);
	});

	it('enforceQps: false disables the limiter', async () => {
		const emu = await start({ qps: { 'image-analyze': 1 }, enforceQps: false });
		for (let i = 0; i < 3; i++) expect((await post(emu, `${IA_VLM}/async`, { document: { url: 'https://x/a.png' } })).status).toBe(200);
	});
});

describe('emulator: faults', () => {
	const doc = { document: { url: 'https://x/a.png' } };

	it('status: answers the injected status with a documented error body, `times` requests only', async () => {
		const emu = await start();
		emu.addFault({ type: 'status', status: 503, times: 2, match: { kind: 'submit' } });
		emu.addFault({ type: 'status', match: { kind: 'poll' } });
		expectError(await post(emu, `${IA_VLM}/async`, doc), 503, 'ServiceUnavailable');
		expectError(await post(emu, `${IA_VLM}/async`, doc), 503, 'ServiceUnavailable');
		const id = await submit(emu, IA_VLM, doc);
		expectError(await poll(emu, IA_VLM, id), 500, 'InternalServerError');
		expect((await poll(emu, IA_VLM, id)).status).toBe(200);
		const log = apiLog(emu);
		expect(log.map((e) => e.fault)).toEqual(['status', 'status', undefined, 'status', undefined]);
		expect(log.filter((e) => e.kind === 'submit' && e.taskId)).toHaveLength(1);
	});

	it('throttle: 429 with the given Retry-After, or none for null', async () => {
		const emu = await start();
		emu.addFault({ type: 'throttle', retryAfter: '7' });
		emu.addFault({ type: 'throttle', retryAfter: null });
		const a = await post(emu, `${IA_VLM}/async`, doc);
		expectError(a, 429, 'Throttling.RateQuota');
		expect(a.headers.get('retry-after')).toBe('7');
		const b = await post(emu, `${IA_VLM}/async`, doc);
		expectError(b, 429, 'Throttling.RateQuota');
		expect(b.headers.get('retry-after')).toBeNull();
		expect((await post(emu, `${IA_VLM}/async`, doc)).status).toBe(200);
		expect(apiLog(emu).filter((e) => e.taskId)).toHaveLength(1);
	});

	it('slow: delays the real answer', async () => {
		const emu = await start();
		emu.addFault({ type: 'slow', delayMs: 200, match: { service: 'image-analyze', method: 'POST' } });
		const t0 = Date.now();
		const r = await post(emu, `${IA_VLM}/async`, doc);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
		expect(r.status).toBe(200);
		expect(r.body.result.task_id).toEqual(expect.any(String));
		expect(apiLog(emu)[0]).toMatchObject({ fault: 'slow', status: 200, taskId: r.body.result.task_id });
	});

	it('malformed: 200 with a broken JSON body (the task is still created)', async () => {
		const emu = await start();
		emu.addFault({ type: 'malformed', match: { path: '/image-analyze/' } });
		const r = await post(emu, `${IA_VLM}/async`, doc);
		expect(r.status).toBe(200);
		expect(() => JSON.parse(r.text)).toThrow();
		const entry = apiLog(emu)[0];
		expect(entry).toMatchObject({ fault: 'malformed', status: 200 });
		expect((await poll(emu, IA_VLM, entry.taskId as string)).status).toBe(200);
	});

	it('drop: reads the request, creates the task, then closes the socket without answering', async () => {
		const emu = await start();
		emu.addFault({ type: 'drop', match: { kind: 'submit' } });
		const payload = JSON.stringify(doc);
		const outcome = await new Promise<string>((resolve) => {
			const req = httpRequest(
				`${emu.url}${IA_VLM}/async`,
				{ method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
				(res) => resolve(`answered ${res.statusCode}`),
			);
			req.on('error', (e: NodeJS.ErrnoException) => resolve(`error ${e.code ?? e.message}`));
			req.end(payload);
		});
		expect(outcome).toMatch(/^error (ECONNRESET|socket hang up)/);
		const entry = apiLog(emu)[0];
		expect(entry).toMatchObject({ kind: 'submit', fault: 'drop', status: 0, bodyBytes: Buffer.byteLength(payload) });
		expect(entry.taskId).toEqual(expect.any(String));
		// the unknown-outcome task exists and completes
		const done = await pollUntilDone(emu, IA_VLM, entry.taskId as string);
		expect(done.result.status).toBe('SUCCESS');
	});

	it('clearFaults removes armed faults; times < 0 hits until cleared', async () => {
		const emu = await start();
		emu.addFault({ type: 'status', status: 502, times: -1 });
		for (let i = 0; i < 3; i++) expectError(await post(emu, `${IA_VLM}/async`, doc), 502, 'BadGateway');
		emu.clearFaults();
		expect((await post(emu, `${IA_VLM}/async`, doc)).status).toBe(200);
	});
});

describe('emulator: control endpoints', () => {
	it('health, faults, log and reset over HTTP without auth', async () => {
		const emu = await start();
		const health = await fetch(`${emu.url}/__emulator/health`);
		expect(health.status).toBe(200);
		expect(await health.json()).toMatchObject({ ok: true });

		const id = await submit(emu, IA_VLM, { document: { url: 'https://x/a.png' } });
		const add = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ type: 'status', status: 500, times: 5 }) });
		expect(add.status).toBe(200);
		expect((await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: '{"type":"explode"}' })).status).toBe(400);
		expectError(await poll(emu, IA_VLM, id), 500, 'InternalServerError');
		expect((await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' })).status).toBe(200);
		expect((await poll(emu, IA_VLM, id)).status).toBe(200);

		const logRes = await fetch(`${emu.url}/__emulator/log`);
		const log = (await logRes.json()) as Array<Record<string, unknown>>;
		expect(log.map((e) => e.kind)).toEqual(['control', 'submit', 'control', 'control', 'poll', 'control', 'poll', 'control']);
		expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(log[1]).toMatchObject({ taskId: id, status: 200 });
		expect(log[4]).toMatchObject({ status: 500, fault: 'status' });

		expect((await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' })).status).toBe(200);
		expect(emu.log.filter((e) => e.kind !== 'control')).toHaveLength(0);
		expectError(await poll(emu, IA_VLM, id), 404, 'BadRequest.TaskNotExist');
		expect((await fetch(`${emu.url}/__emulator/nope`)).status).toBe(404);
	});

	it('close() stops the server', async () => {
		const emu = await startEmulator({});
		await emu.close();
		await expect(fetch(`${emu.url}/__emulator/health`)).rejects.toThrow();
		await emu.close(); // idempotent
	});
});

describe('emulator: task clock controls', () => {
	it('setLatency changes the time of tasks submitted afterwards, and advance moves every task forward', async () => {
		const emu = await start();
		emu.setLatency({ taskLatencyMs: 300_000 });
		const taskId = await submit(emu, IA_OCR, { document: { url: 'https://example.com/slow.png' } });
		await sleep(120);
		expect((await poll(emu, IA_OCR, taskId)).body.result.status).toBe('PENDING');
		const answer = await fetch(`${emu.url}/__emulator/advance`, { method: 'POST', body: JSON.stringify({ ms: 300_000 }) });
		expect(answer.status).toBe(200);
		expect((await poll(emu, IA_OCR, taskId)).body.result.status).toBe('SUCCESS');
		expect((await fetch(`${emu.url}/__emulator/latency`, { method: 'POST', body: JSON.stringify({ taskLatencyMs: 50 }) })).status).toBe(200);
		const quick = await submit(emu, IA_OCR, { document: { url: 'https://example.com/quick.png' } });
		await sleep(80);
		expect((await poll(emu, IA_OCR, quick)).body.result.status).toBe('SUCCESS');
	});
});
