import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import OSS from 'ali-oss';
import { createOssClient, OssRequestError, type OssClient, type OssConnection, type OssSend } from '../../nodes/shared/staging/oss/client';
import { OSS_PART_SIZE_BYTES } from '../../nodes/shared/staging/oss/constants';
import { CancelledError } from '../../nodes/shared/core/time';
import {
	DEFAULT_OSS_ACCESS_KEY_ID as KEY_ID,
	DEFAULT_OSS_ACCESS_KEY_SECRET as SECRET,
	DEFAULT_OSS_BUCKET as BUCKET,
	resolveOssReference,
	startOssEmulator,
	type OssEmulator,
	type OssEmulatorOptions,
} from '../emulator';
import { nodeHttpSend, rawRequest } from './ossHttp';

const started: OssEmulator[] = [];
afterEach(async () => {
	await Promise.all(started.splice(0).map((e) => e.close()));
});

async function start(options: OssEmulatorOptions = {}): Promise<OssEmulator> {
	const emu = await startOssEmulator(options);
	started.push(emu);
	return emu;
}

type Mode = 'path-style' | 'virtual-hosted';

function connection(emu: OssEmulator, mode: Mode = 'path-style', over: Partial<OssConnection> = {}): OssConnection {
	const credentials = { accessKeyId: KEY_ID, accessKeySecret: SECRET };
	const signing = { version: 'v4', region: 'cn-hangzhou' } as const;
	return mode === 'path-style'
		? { endpoint: emu.url, pathStyle: true, bucket: BUCKET, credentials, signing, send: nodeHttpSend(), ...over }
		: // The real endpoint form; the send function plays DNS and connects to the emulator.
			{ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket: BUCKET, credentials, signing, send: nodeHttpSend({ connectTo: emu.url }), ...over };
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/**
 * `total` bytes in `chunk`-byte chunks, made on demand; `pulled` counts what was taken. As a Node
 * Readable (what getBinaryStream gives), or as the bare async generator, which has no buffer of its own.
 */
function lazySource(total: number, chunk = 64 * 1024, as: 'readable' | 'generator' = 'readable') {
	const state = { pulled: 0, md5: createHash('md5'), destroyed: false };
	const generator = (async function* () {
		try {
			for (let offset = 0; offset < total; offset += chunk) {
				const bytes = Buffer.alloc(Math.min(chunk, total - offset), offset % 251);
				state.pulled += bytes.length;
				state.md5.update(bytes);
				yield bytes;
			}
		} finally {
			state.destroyed = true;
		}
	})();
	return { stream: as === 'readable' ? Readable.from(generator) : generator, state };
}

const operations = (emu: OssEmulator) => emu.log.filter((e) => e.operation !== 'control').map((e) => `${e.operation} ${e.status}`);

describe.each<Mode>(['path-style', 'virtual-hosted'])('our OSS client against the emulator (%s)', (mode) => {
	it('puts a small file in one request, pre-signs it, names it oss:// and deletes it', async () => {
		const emu = await start();
		const client = createOssClient(connection(emu, mode));
		const bytes = randomBytes(5000);
		const result = await client.upload('n8n/exec-1/photo 1.png', bytes, { contentType: 'image/png' });
		expect(result).toMatchObject({ key: 'n8n/exec-1/photo 1.png', bytes: 5000, parts: 1, multipart: false });
		expect(result.etag).toBe(`"${md5(bytes).toUpperCase()}"`);

		const url = client.presignGet('n8n/exec-1/photo 1.png', 600);
		const path = client.ossPath('n8n/exec-1/photo 1.png');
		expect(path).toBe(`oss://${BUCKET}/n8n/exec-1/photo 1.png`);
		const viaService = await resolveOssReference(emu, url);
		expect(viaService.ok && viaService.bytes.equals(bytes)).toBe(true);
		expect(viaService.ok && viaService.object.contentType).toBe('image/png');
		expect((await resolveOssReference(emu, path)).ok).toBe(true);
		if (mode === 'path-style') expect((await rawRequest(url)).body.equals(bytes)).toBe(true);

		await client.deleteObject('n8n/exec-1/photo 1.png');
		await client.deleteObject('n8n/exec-1/photo 1.png');
		expect(emu.listObjects()).toEqual([]);
		expect(operations(emu)).toEqual(['PutObject 200', 'GetObject 200', 'GetObject 200', ...(mode === 'path-style' ? ['GetObject 200'] : []), 'DeleteObject 204', 'DeleteObject 204']);
		expect(emu.log.every((e) => e.authorized)).toBe(true);
	});

	it('streams a larger file as a multipart upload of fixed-size parts', async () => {
		const emu = await start({ spillBytes: 64 * 1024 });
		const client = createOssClient(connection(emu, mode));
		const { stream, state } = lazySource(2.5 * 1024 * 1024 + 3);
		const result = await client.upload('n8n/video.mp4', stream, { contentType: 'video/mp4', partSize: 1024 * 1024 });
		expect(result).toMatchObject({ parts: 3, multipart: true, bytes: 2.5 * 1024 * 1024 + 3 });
		expect(result.etag).toMatch(/^"[0-9A-F]{32}-3"$/);
		expect(md5((await emu.getObject(BUCKET, 'n8n/video.mp4')) ?? Buffer.alloc(0))).toBe(state.md5.digest('hex'));
		expect(emu.listObjects()[0]).toMatchObject({ contentType: 'video/mp4' });
		expect(operations(emu)).toEqual(['InitiateMultipartUpload 200', 'UploadPart 200', 'UploadPart 200', 'UploadPart 200', 'CompleteMultipartUpload 200']);
		expect(emu.log.filter((e) => e.operation === 'UploadPart').map((e) => [e.partNumber, e.bodyBytes])).toEqual([
			[1, 1024 * 1024],
			[2, 1024 * 1024],
			[3, 0.5 * 1024 * 1024 + 3],
		]);
	});
});

describe('our OSS client and ali-oss read each other', () => {
	it('ali-oss downloads what we uploaded; we pre-sign and delete what ali-oss uploaded', async () => {
		const emu = await start();
		const client = createOssClient(connection(emu));
		const ali = new OSS({ accessKeyId: KEY_ID, accessKeySecret: SECRET, bucket: BUCKET, endpoint: `http://localhost:${emu.port}`, sldEnable: true, authorizationV4: true });
		const ours = randomBytes(300 * 1024);
		await client.upload('from-us.bin', Readable.from([ours.subarray(0, 1000), ours.subarray(1000)]), { partSize: 100 * 1024 });
		expect(md5((await ali.get('from-us.bin')).content)).toBe(md5(ours));

		const theirs = randomBytes(1234);
		await ali.put('from-ali.bin', theirs);
		expect((await rawRequest(client.presignGet('from-ali.bin', 60))).body.equals(theirs)).toBe(true);
		await client.deleteObject('from-ali.bin');
		expect(emu.listObjects().map((o) => o.key)).toEqual(['from-us.bin']);
	});
});

describe('refusals reach the caller as legible, redacted errors', () => {
	async function failure(promise: Promise<unknown>): Promise<OssRequestError> {
		const error = await promise.then(
			() => undefined,
			(e: OssRequestError) => e,
		);
		if (!error) throw new Error('expected a failure');
		return error;
	}

	it('a wrong secret: 403 SignatureDoesNotMatch, with a hint and no secret, signature or string to sign', async () => {
		const emu = await start();
		const secret = 'wrong-secret-value';
		const client = createOssClient(connection(emu, 'path-style', { credentials: { accessKeyId: KEY_ID, accessKeySecret: secret } }));
		const error = await failure(client.upload('k.bin', Buffer.from('x')));
		expect(error).toBeInstanceOf(OssRequestError);
		expect(error).toMatchObject({ operation: 'PutObject', httpCode: 403, code: 'SignatureDoesNotMatch' });
		expect(error.requestId).toMatch(/^[0-9A-F]{24}$/);
		expect(error.description).toMatch(/AccessKey secret/);
		const everything = `${error.message} ${error.description} ${JSON.stringify(error)} ${error.stack}`;
		expect(everything).not.toContain(secret);
		expect(everything).not.toMatch(/OSS LTAI-test-oss-key:[A-Za-z0-9+/=]{20,}/);
		expect(everything).not.toContain('x-oss-date:');
	});

	it('an STS token that does not match, and none at all', async () => {
		const emu = await start({ accessKeys: { 'STS.k': { secret: 's', securityToken: 'CAIS-good' } } });
		const ok = createOssClient(connection(emu, 'path-style', { credentials: { accessKeyId: 'STS.k', accessKeySecret: 's', securityToken: 'CAIS-good' } }));
		await ok.putObject('a', Buffer.from('a'));
		expect((await rawRequest(ok.presignGet('a', 60))).status).toBe(200);
		const forged = createOssClient(connection(emu, 'path-style', { credentials: { accessKeyId: 'STS.k', accessKeySecret: 's', securityToken: 'CAIS-forged-token' } }));
		const error = await failure(forged.putObject('a', Buffer.from('a')));
		expect(error).toMatchObject({ httpCode: 403, code: 'InvalidSecurityToken' });
		expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('CAIS-forged-token');
		const tokenless = createOssClient(connection(emu, 'path-style', { credentials: { accessKeyId: 'STS.k', accessKeySecret: 's' } }));
		expect(await failure(tokenless.putObject('a', Buffer.from('a')))).toMatchObject({ httpCode: 403, code: 'InvalidSecurityToken' });
	});

	it('a tampered or expired pre-signed URL is refused with 403', async () => {
		const emu = await start();
		const client = createOssClient(connection(emu));
		await client.putObject('p.bin', Buffer.from('payload'));
		const url = client.presignGet('p.bin', 60);
		expect((await rawRequest(url)).status).toBe(200);
		expect(url).toContain('x-oss-expires=60&');
		const longer = await rawRequest(url.replace('x-oss-expires=60&', 'x-oss-expires=3660&'));
		expect(longer.status).toBe(403);
		expect(longer.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		const stale = createOssClient(connection(emu, 'path-style', { now: () => new Date(Date.now() - 2 * 3600 * 1000) }));
		const expired = await rawRequest(stale.presignGet('p.bin', 3600));
		expect(expired.status).toBe(403);
		expect(expired.text).toContain('Request has expired.');
	});

	it('V1 signatures meet OSS\'s 403 for new buckets, and work where the bucket still takes them', async () => {
		const refusing = await start();
		const v1 = { signing: { version: 'v1' } } as const;
		const error = await failure(createOssClient(connection(refusing, 'path-style', v1)).putObject('k', Buffer.from('x')));
		expect(error).toMatchObject({ operation: 'PutObject', httpCode: 403, code: 'AccessDenied' });
		expect(error.message).toMatch(/V1 signature/);
		expect(refusing.log.at(-1)).toMatchObject({ signature: 'v1', status: 403, code: 'AccessDenied', authorized: false });
		expect(refusing.listObjects()).toEqual([]);

		const old = await start({ allowV1: true });
		const client = createOssClient(connection(old, 'path-style', v1));
		await client.putObject('k', Buffer.from('x'));
		const url = client.presignGet('k', 60);
		expect(url).toMatch(/[?&]OSSAccessKeyId=.*&Expires=\d+&Signature=/);
		expect((await rawRequest(url)).text).toBe('x');
		expect(old.log.filter((e) => e.operation !== 'control').every((e) => e.signature === 'v1' && e.authorized)).toBe(true);
	});

	it('a V4 signature for another region is refused before the body is stored', async () => {
		const emu = await start({ region: 'cn-shanghai' });
		const error = await failure(createOssClient(connection(emu)).putObject('k', Buffer.from('x')));
		expect(error).toMatchObject({ httpCode: 400, code: 'InvalidArgument' });
		expect(error.message).toMatch(/signing region "cn-hangzhou".*cn-shanghai/);
		expect(emu.listObjects()).toEqual([]);
	});

	it('a missing bucket names the cause', async () => {
		const emu = await start();
		const error = await failure(createOssClient(connection(emu, 'path-style', { bucket: 'no-such-bucket' })).putObject('k', Buffer.from('x')));
		expect(error).toMatchObject({ httpCode: 404, code: 'NoSuchBucket' });
		expect(error.description).toMatch(/bucket name/);
	});
});

describe('a multipart upload that fails or is cancelled is aborted', () => {
	/** Wraps a send function: `decide` may answer instead of the emulator, or act before the request goes. */
	function intercept(send: OssSend, decide: (method: string, url: string, count: number) => Awaited<ReturnType<OssSend>> | void): OssSend {
		let count = 0;
		return async (req) => {
			const answer = decide(req.method, req.url, ++count);
			return answer ?? send(req);
		};
	}
	const isPart = (url: string) => url.includes('partNumber=');

	it('cancel during the upload: the part being sent is dropped, AbortMultipartUpload is sent, the stream is released', async () => {
		const emu = await start({ spillBytes: 64 * 1024 });
		const controller = new AbortController();
		let parts = 0;
		const send = intercept(nodeHttpSend(), (_method, url) => {
			if (isPart(url) && ++parts === 3) controller.abort();
		});
		const client = createOssClient(connection(emu, 'path-style', { send }));
		const { stream, state } = lazySource(1024 * 1024);
		await expect(client.upload('cancelled.bin', stream, { partSize: 100 * 1024, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
		expect(operations(emu)).toEqual(['InitiateMultipartUpload 200', 'UploadPart 200', 'UploadPart 200', 'AbortMultipartUpload 204']);
		expect(emu.listUploads()).toEqual([]);
		expect(emu.listObjects()).toEqual([]);
		expect(state.destroyed).toBe(true);
		expect(state.pulled).toBeLessThan(1024 * 1024);
	});

	it('cancelled before it starts: nothing is sent', async () => {
		const emu = await start();
		const controller = new AbortController();
		controller.abort();
		await expect(createOssClient(connection(emu)).upload('k', Buffer.alloc(10), { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
		expect(emu.log).toEqual([]);
	});

	it('a part that fails aborts the upload and surfaces the part failure', async () => {
		const emu = await start();
		const serverError = { statusCode: 500, headers: { 'x-oss-request-id': 'RID-500' }, body: '<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>' };
		let parts = 0;
		const send = intercept(nodeHttpSend(), (_method, url) => (isPart(url) && ++parts === 2 ? serverError : undefined));
		const client = createOssClient(connection(emu, 'path-style', { send }));
		const error = await client.upload('failed.bin', randomBytes(350 * 1024), { partSize: 100 * 1024 }).catch((e: OssRequestError) => e);
		expect(error).toMatchObject({ operation: 'UploadPart', httpCode: 500, code: 'InternalError', requestId: 'RID-500' });
		expect(operations(emu)).toEqual(['InitiateMultipartUpload 200', 'UploadPart 200', 'AbortMultipartUpload 204']);
		expect(emu.listUploads()).toEqual([]);
	});

	it('a source that breaks mid-way aborts the upload', async () => {
		const emu = await start();
		const source = Readable.from(
			(async function* () {
				yield randomBytes(150 * 1024);
				throw new Error('binary data stream broke');
			})(),
		);
		await expect(createOssClient(connection(emu)).upload('broken.bin', source, { partSize: 100 * 1024 })).rejects.toThrow('binary data stream broke');
		expect(operations(emu)).toEqual(['InitiateMultipartUpload 200', 'UploadPart 200', 'AbortMultipartUpload 204']);
	});

	it('an abort that fails too is named on the error, so the leftover parts can be cleaned up', async () => {
		const emu = await start();
		let parts = 0;
		const send = intercept(nodeHttpSend(), (method, url) => {
			if (isPart(url) && ++parts === 2) throw new Error('socket hang up');
			return method === 'DELETE' ? { statusCode: 503, headers: {}, body: '' } : undefined;
		});
		const error = (await createOssClient(connection(emu, 'path-style', { send }))
			.upload('left.bin', randomBytes(250 * 1024), { partSize: 100 * 1024 })
			.then(
				() => undefined,
				(e: unknown) => e,
			)) as OssRequestError & { leftoverUpload?: Record<string, string> };
		expect(error.message).toBe('OSS UploadPart failed: socket hang up');
		const [upload] = emu.listUploads();
		expect(error.leftoverUpload).toEqual({ bucket: BUCKET, key: 'left.bin', uploadId: upload.uploadId, reason: 'OSS AbortMultipartUpload failed: HTTP 503' });
	});

	it('completion is refused when a listed ETag is wrong, or a part other than the last is under 100 KB', async () => {
		const emu = await start();
		const client: OssClient = createOssClient(connection(emu));
		const uploadId = await client.initiateMultipartUpload('manual.bin');
		const one = await client.uploadPart('manual.bin', uploadId, 1, Buffer.alloc(100 * 1024, 1));
		const two = await client.uploadPart('manual.bin', uploadId, 2, Buffer.alloc(10, 2));
		const three = await client.uploadPart('manual.bin', uploadId, 3, Buffer.alloc(10, 3));
		const wrongTag = await client.completeMultipartUpload('manual.bin', uploadId, [one, { ...two, etag: '"0000"' }]).catch((e: OssRequestError) => e);
		expect(wrongTag).toMatchObject({ httpCode: 400, code: 'InvalidPart' });
		const tooSmall = await client.completeMultipartUpload('manual.bin', uploadId, [one, two, three]).catch((e: OssRequestError) => e);
		expect(tooSmall).toMatchObject({ httpCode: 400, code: 'EntityTooSmall' });
		await client.abortMultipartUpload('manual.bin', uploadId);
		expect(await client.abortMultipartUpload('manual.bin', uploadId).catch((e: OssRequestError) => e.code)).toBe('NoSuchUpload');
	});
});

describe('memory follows the part size, not the file size', () => {
	// Live memory needs a collection first: unreachable buffers would otherwise count. Twice, because V8
	// frees array buffers in a background sweep that the next collection waits for.
	setFlagsFromString('--expose_gc');
	const collect = runInNewContext('gc') as () => void;
	const gc = () => {
		collect();
		collect();
	};

	it('the uploader itself holds one part: 30 MB through a send function that keeps nothing', async () => {
		const total = 30 * 1024 * 1024;
		const { stream } = lazySource(total, 64 * 1024, 'generator');
		gc();
		const base = process.memoryUsage().arrayBuffers;
		let peak = 0;
		const send: OssSend = async (req) => {
			gc();
			peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
			return { statusCode: req.method === 'DELETE' ? 204 : 200, headers: { etag: '"E"' }, body: '<UploadId>U-1</UploadId>' };
		};
		const client = createOssClient({ endpoint: 'http://127.0.0.1:9', pathStyle: true, bucket: BUCKET, credentials: { accessKeyId: KEY_ID, accessKeySecret: SECRET }, signing: { version: 'v4', region: 'cn-hangzhou' }, send });
		const result = await client.upload('k', stream);
		expect(result).toMatchObject({ parts: 4, bytes: total });
		// The part being sent is live (the measurement sees it; other tests' buffers freed meanwhile make it a little less)…
		expect(peak).toBeGreaterThanOrEqual(OSS_PART_SIZE_BYTES - 256 * 1024);
		// …and nothing more: one part plus the one-chunk look-ahead.
		expect(peak).toBeLessThan(OSS_PART_SIZE_BYTES + 1024 * 1024);
	});

	it('uploads 30 MB from a stream to the emulator with about one 8 MiB part in memory at a time', async () => {
		const emu = await start({ spillBytes: 64 * 1024 });
		const total = 30 * 1024 * 1024;
		const chunk = 64 * 1024;
		const { stream, state } = lazySource(total, chunk, 'generator');
		const sent = { bytes: 0, maxReadAhead: 0 };
		gc();
		const base = process.memoryUsage();
		const peak = { arrayBuffers: 0, rss: 0 };
		const sample = () => {
			gc();
			const now = process.memoryUsage();
			peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers - base.arrayBuffers);
			peak.rss = Math.max(peak.rss, now.rss - base.rss);
		};
		const http = nodeHttpSend();
		const send: OssSend = async (req) => {
			if (req.url.includes('partNumber=')) {
				// Bytes taken from the source but not in this part or an earlier one.
				sent.maxReadAhead = Math.max(sent.maxReadAhead, state.pulled - sent.bytes - (req.body?.length ?? 0));
				sent.bytes += req.body?.length ?? 0;
			}
			sample();
			const answer = await http(req);
			sample();
			return answer;
		};
		const result = await createOssClient(connection(emu, 'path-style', { send })).upload('big/30mb.bin', stream);
		sample();

		expect(result).toMatchObject({ parts: Math.ceil(total / OSS_PART_SIZE_BYTES), bytes: total, multipart: true });
		expect(md5((await emu.getObject(BUCKET, 'big/30mb.bin')) ?? Buffer.alloc(0))).toBe(state.md5.digest('hex'));
		// Exact: the reader is never more than one source chunk ahead of the part being sent (the look-ahead
		// that tells a full part from the last one). A Readable source adds its own highWaterMark on top.
		expect(sent.maxReadAhead).toBeLessThanOrEqual(chunk);
		// Rough: measured ~16 MiB of live buffers and ~13 MiB of RSS: the part, plus what the HTTP client and
		// the in-process emulator hold of it (the uploader alone holds one part: next test).
		expect(peak.arrayBuffers).toBeLessThan(2.5 * OSS_PART_SIZE_BYTES);
		expect(peak.rss).toBeLessThan(total);
	});
});
