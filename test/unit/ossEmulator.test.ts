import { createHash, randomBytes } from 'node:crypto';
import OSS from 'ali-oss';
import {
	DEFAULT_OSS_ACCESS_KEY_ID as KEY_ID,
	DEFAULT_OSS_ACCESS_KEY_SECRET as SECRET,
	DEFAULT_OSS_BUCKET as BUCKET,
	resolveOssReference,
	startEmulator,
	startOssEmulator,
	type Emulator,
	type OssEmulator,
	type OssEmulatorOptions,
} from '../emulator';
import { rawRequest } from './ossHttp';

const started: Array<OssEmulator | Emulator> = [];
afterEach(async () => {
	jest.restoreAllMocks();
	await Promise.all(started.splice(0).map((e) => e.close()));
});

async function start(options: OssEmulatorOptions = {}): Promise<OssEmulator> {
	const emu = await startOssEmulator(options);
	started.push(emu);
	return emu;
}

/**
 * ali-oss against an IP endpoint: virtual-hosted, the bucket in `Host: test-bucket.oss-cn-hangzhou.aliyuncs.com`.
 * V4 signatures for cn-hangzhou (the emulator's region) unless `authorizationV4: false` asks for V1.
 */
function virtualHosted(emu: OssEmulator, over: Partial<OSS.Options> = {}): OSS {
	return new OSS({ accessKeyId: KEY_ID, accessKeySecret: SECRET, bucket: BUCKET, endpoint: emu.url, region: 'oss-cn-hangzhou', authorizationV4: true, ...over });
}

/** ali-oss with sldEnable on localhost: path-style, /test-bucket/<key>; the mode in which signatureUrl() works. */
function pathStyle(emu: OssEmulator, over: Partial<OSS.Options> = {}): OSS {
	return new OSS({
		accessKeyId: KEY_ID,
		accessKeySecret: SECRET,
		bucket: BUCKET,
		endpoint: `http://localhost:${emu.port}`,
		sldEnable: true,
		region: 'oss-cn-hangzhou',
		authorizationV4: true,
		...over,
	});
}

const V1 = { authorizationV4: false };

async function refusal(promise: Promise<unknown>): Promise<OSS.OssError> {
	const error = await promise.then(
		() => undefined,
		(e: OSS.OssError) => e,
	);
	if (!error) throw new Error('expected the request to be refused');
	return error;
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

describe('OSS emulator with the official ali-oss client', () => {
	it.each([
		['virtual-hosted', virtualHosted],
		['path-style', pathStyle],
	])('put, get, head, multipart upload and delete all pass signature verification (%s)', async (_mode, client) => {
		const emu = await start({ spillBytes: 256 * 1024 });
		const oss = client(emu);
		const small = Buffer.from('hello from ali-oss');
		const key = 'dir/a b+c (1).txt';

		await oss.put(key, small);
		expect((await oss.get(key)).content.equals(small)).toBe(true);
		expect((await oss.head(key)).status).toBe(200);

		const big = randomBytes(1536 * 1024 + 17);
		const done = await oss.multipartUpload('videos/big.bin', big, { partSize: 512 * 1024 });
		expect(done.res.status).toBe(200);
		expect(md5((await oss.get('videos/big.bin')).content)).toBe(md5(big));
		expect(md5((await emu.getObject(BUCKET, 'videos/big.bin')) ?? Buffer.alloc(0))).toBe(md5(big));

		await oss.delete(key);
		const missing = await refusal(oss.get(key));
		expect(missing).toMatchObject({ status: 404, code: 'NoSuchKey' });

		const api = emu.log.filter((e) => e.operation !== 'control');
		expect(api.every((e) => e.authorized && e.auth === 'header' && e.bucket === BUCKET)).toBe(true);
		expect(api.map((e) => e.operation)).toEqual(
			expect.arrayContaining(['PutObject', 'GetObject', 'HeadObject', 'InitiateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'DeleteObject']),
		);
		expect(api.filter((e) => e.operation === 'UploadPart')).toHaveLength(4);
		expect(emu.listUploads()).toEqual([]);
	});

	it('serves a V4 signatureUrlV4() download and refuses it tampered, moved, expired or over 7 days', async () => {
		let aheadMs = 0;
		const emu = await start({ now: () => Date.now() + aheadMs });
		const oss = pathStyle(emu);
		const bytes = randomBytes(4096);
		await oss.put('shared/clip.mp4', bytes);

		const url = await oss.signatureUrlV4('GET', 300, undefined, 'shared/clip.mp4');
		const ok = await rawRequest(url);
		expect(ok.status).toBe(200);
		expect(ok.body.equals(bytes)).toBe(true);
		expect(ok.headers['content-type']).toBe('video/mp4');

		const tampered = url.replace(/x-oss-signature=([0-9a-f])/, (_, c: string) => `x-oss-signature=${c === 'a' ? 'b' : 'a'}`);
		const bad = await rawRequest(tampered);
		expect(bad.status).toBe(403);
		expect(bad.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect(bad.text).toContain('<CanonicalRequest>');

		const moved = await rawRequest(url.replace('/shared/clip.mp4', '/shared/other.mp4'));
		expect(moved.status).toBe(403);
		expect(moved.text).toContain('<Code>SignatureDoesNotMatch</Code>');

		aheadMs = 20 * 60 * 1000;
		const expired = await rawRequest(url);
		expect(expired.status).toBe(403);
		expect(expired.text).toContain('<Code>AccessDenied</Code>');
		expect(expired.text).toContain('Request has expired.');

		const tooLong = await rawRequest(await oss.signatureUrlV4('GET', 8 * 24 * 3600, undefined, 'shared/clip.mp4'));
		expect(tooLong.status).toBe(400);
		expect(tooLong.text).toContain('<Code>InvalidArgument</Code>');

		const presigned = emu.log.filter((e) => e.auth === 'presigned');
		expect(presigned.map((e) => [e.status, e.code, e.signature])).toEqual([
			[200, undefined, 'v4'],
			[403, 'SignatureDoesNotMatch', 'v4'],
			[403, 'SignatureDoesNotMatch', 'v4'],
			[403, 'AccessDenied', 'v4'],
			[400, 'InvalidArgument', 'v4'],
		]);
		// The log never keeps a signature.
		expect(presigned.every((e) => e.path.includes('x-oss-signature=***'))).toBe(true);
	});

	it('refuses V1 with OSS\'s 403 for new buckets, header and URL form, unless the bucket allows V1', async () => {
		const emu = await start();
		const v1 = await refusal(virtualHosted(emu, V1).put('k', Buffer.from('x')));
		expect(v1).toMatchObject({ status: 403, code: 'AccessDenied' });
		await pathStyle(emu).put('k', Buffer.from('x'));
		const url = await rawRequest(pathStyle(emu, V1).signatureUrl('k', { expires: 60 }));
		expect(url.status).toBe(403);
		for (const element of ['<Code>AccessDenied</Code>', 'V1 signature', '<EC>0002-00000080</EC>', '<RecommendDoc>https://api.aliyun.com/troubleshoot?q=0002-00000080</RecommendDoc>', '<RequestId>']) {
			expect(url.text).toContain(element);
		}
		expect(emu.log.filter((e) => e.signature === 'v1').map((e) => [e.auth, e.status, e.authorized])).toEqual([
			['header', 403, false],
			['presigned', 403, false],
		]);
		expect(emu.listObjects().map((o) => o.key)).toEqual(['k']);
	});

	it('takes V1 where the bucket allows it: signatureUrl() download, refused tampered, moved or expired', async () => {
		const emu = await start({ allowV1: true });
		const oss = pathStyle(emu, V1);
		const bytes = randomBytes(4096);
		await oss.put('shared/clip.mp4', bytes);

		const url = oss.signatureUrl('shared/clip.mp4', { expires: 300 });
		const ok = await rawRequest(url);
		expect(ok.status).toBe(200);
		expect(ok.body.equals(bytes)).toBe(true);

		const tampered = url.replace(/Signature=([^&]+)/, (_, s: string) => `Signature=${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`);
		expect((await rawRequest(tampered)).text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect((await rawRequest(url.replace('/shared/clip.mp4', '/shared/other.mp4'))).text).toContain('<Code>SignatureDoesNotMatch</Code>');
		const expired = await rawRequest(oss.signatureUrl('shared/clip.mp4', { expires: -10 }));
		expect(expired.status).toBe(403);
		expect(expired.text).toContain('Request has expired.');

		const presigned = emu.log.filter((e) => e.auth === 'presigned');
		expect(presigned.map((e) => [e.status, e.code, e.signature])).toEqual([
			[200, undefined, 'v1'],
			[403, 'SignatureDoesNotMatch', 'v1'],
			[403, 'SignatureDoesNotMatch', 'v1'],
			[403, 'AccessDenied', 'v1'],
		]);
		expect(presigned.every((e) => e.path.includes('Signature=***'))).toBe(true);
		// V4 keeps working on such a bucket.
		expect((await rawRequest(await pathStyle(emu).signatureUrlV4('GET', 60, undefined, 'shared/clip.mp4'))).status).toBe(200);
	});

	it('refuses a wrong secret, an unknown AccessKey ID, an anonymous request and an unknown bucket', async () => {
		const emu = await start();
		const wrongSecret = await refusal(virtualHosted(emu, { accessKeySecret: 'not-the-secret' }).put('k', Buffer.from('x')));
		expect(wrongSecret).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
		const unknownId = await refusal(virtualHosted(emu, { accessKeyId: 'LTAI-nobody' }).put('k', Buffer.from('x')));
		expect(unknownId).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
		const noBucket = await refusal(virtualHosted(emu, { bucket: 'no-such-bucket' }).put('k', Buffer.from('x')));
		expect(noBucket).toMatchObject({ status: 404, code: 'NoSuchBucket' });
		const anonymous = await rawRequest(`${emu.url}/${BUCKET}/k`);
		expect(anonymous.status).toBe(403);
		expect(anonymous.text).toContain('<Code>AccessDenied</Code>');
		expect(emu.listObjects()).toEqual([]);
		// A refused upload is read to its end, so the client is not cut off mid-body.
		expect(emu.log.find((e) => e.code === 'SignatureDoesNotMatch')?.bodyBytes).toBe(1);
	});

	it('checks STS tokens in headers and in pre-signed URLs', async () => {
		const emu = await start({ accessKeys: { 'STS.key': { secret: 'sts-secret', securityToken: 'CAIS-token' } } });
		const sts = { accessKeyId: 'STS.key', accessKeySecret: 'sts-secret', refreshSTSTokenInterval: 3_600_000 };
		await pathStyle(emu, { ...sts, stsToken: 'CAIS-token' }).put('a.txt', Buffer.from('a'));
		const wrong = await refusal(pathStyle(emu, { ...sts, stsToken: 'CAIS-other' }).put('a.txt', Buffer.from('a')));
		expect(wrong).toMatchObject({ status: 403, code: 'InvalidSecurityToken' });
		const missing = await refusal(pathStyle(emu, sts).put('a.txt', Buffer.from('a')));
		expect(missing).toMatchObject({ status: 403, code: 'InvalidSecurityToken' });
		const url = await pathStyle(emu, { ...sts, stsToken: 'CAIS-token' }).signatureUrlV4('GET', 60, undefined, 'a.txt');
		expect(url).toContain('x-oss-security-token=CAIS-token');
		expect((await rawRequest(url)).status).toBe(200);
		expect((await rawRequest(url.replace('x-oss-security-token=CAIS-token', 'x-oss-security-token=CAIS-forged'))).status).toBe(403);
	});

	it('limits a key to its buckets and a request date to 15 minutes of skew', async () => {
		const emu = await start({ buckets: [BUCKET, 'other-bucket'], accessKeys: { [KEY_ID]: { secret: SECRET, buckets: ['other-bucket'] } } });
		expect(await refusal(virtualHosted(emu).put('k', Buffer.from('x')))).toMatchObject({ status: 403, code: 'AccessDenied' });
		await virtualHosted(emu, { bucket: 'other-bucket' }).put('k', Buffer.from('x'));

		const late = await start({ now: () => Date.now() + 20 * 60 * 1000 });
		expect(await refusal(virtualHosted(late).put('k', Buffer.from('x')))).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
		const lateV1 = await start({ now: () => Date.now() + 20 * 60 * 1000, allowV1: true });
		expect(await refusal(virtualHosted(lateV1, V1).put('k', Buffer.from('x')))).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
	});

	it('checks Content-MD5 against the bytes received', async () => {
		const emu = await start();
		const oss = virtualHosted(emu);
		const error = await refusal(oss.put('k', Buffer.from('abc'), { headers: { 'Content-MD5': createHash('md5').update('abd').digest('base64') } }));
		expect(error).toMatchObject({ status: 400, code: 'InvalidDigest' });
		expect(emu.listObjects()).toEqual([]);
	});
});

describe('resolving what a node passed to a service', () => {
	it('turns oss:// paths and pre-signed URLs into the stored bytes, checked as OSS checks a fetch', async () => {
		const emu = await start();
		const oss = pathStyle(emu);
		const bytes = randomBytes(2000);
		await oss.put('staged/in.png', bytes);

		const byPath = await resolveOssReference(emu, `oss://${BUCKET}/staged/in.png`);
		expect(byPath.ok && byPath.bytes.equals(bytes)).toBe(true);
		expect(byPath.ok && byPath.object).toMatchObject({ bucket: BUCKET, key: 'staged/in.png', size: 2000, contentType: 'image/png' });

		const byUrl = await resolveOssReference(emu, await oss.signatureUrlV4('GET', 60, undefined, 'staged/in.png'));
		expect(byUrl.ok && byUrl.bytes.equals(bytes)).toBe(true);

		expect(await resolveOssReference(emu, pathStyle(emu, V1).signatureUrl('staged/in.png', { expires: 60 }))).toMatchObject({ ok: false, status: 403, code: 'AccessDenied' });
		expect(await resolveOssReference(emu, `oss://${BUCKET}/staged/gone.png`)).toMatchObject({ ok: false, status: 404, code: 'NoSuchKey' });
		expect(await resolveOssReference(emu, 'oss://no-such-bucket/x')).toMatchObject({ ok: false, status: 404, code: 'NoSuchBucket' });
		expect(await resolveOssReference(emu, `${emu.url}/${BUCKET}/staged/in.png`)).toMatchObject({ ok: false, status: 403, code: 'AccessDenied' });

		const resolved = emu.log.filter((e) => e.resolved);
		expect(resolved.map((e) => e.status)).toEqual([200, 200, 403, 404, 404, 403]);
		expect(resolved.every((e) => e.operation === 'GetObject')).toBe(true);
	});
});

describe('OSS emulator plumbing', () => {
	it('answers control routes and resets objects, uploads and log', async () => {
		const emu = await start();
		await virtualHosted(emu).put('k', Buffer.from('x'));
		expect((await rawRequest(`${emu.url}/__emulator/health`)).text).toContain('alibaba-oss');
		const log = JSON.parse((await rawRequest(`${emu.url}/__emulator/log`)).text) as Array<{ operation: string }>;
		expect(log[0].operation).toBe('PutObject');
		expect((await rawRequest(`${emu.url}/__emulator/reset`, { method: 'POST' })).status).toBe(200);
		expect(emu.listObjects()).toEqual([]);
		expect(emu.log).toEqual([]);
	});

	it('starts beside the API emulator with startEmulator({ oss }) and stops with it', async () => {
		const emulator = await startEmulator({ oss: { buckets: ['media-bucket'] } });
		started.push(emulator);
		const oss = emulator.oss as OssEmulator;
		expect(oss.port).not.toBe(emulator.port);
		await virtualHosted(oss, { bucket: 'media-bucket' }).put('a.txt', Buffer.from('a'));
		expect((await resolveOssReference(oss, 'oss://media-bucket/a.txt')).ok).toBe(true);
		emulator.reset();
		expect(oss.log).toEqual([]);
		expect(oss.listObjects()).toEqual([]);
	});
});
