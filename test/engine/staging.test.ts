import type { INode } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { DEFAULT_OSS_ACCESS_KEY_SECRET, DEFAULT_OSS_BUCKET, stagingCredentialFields, startEmulator } from '../emulator';
import { API_KEY, PAI_APP_ID, PAI_TOKEN, chain, fakeImage, fastPolling, md5, node, singleNode } from './fixtures';
import type { HarnessInputItem, RunWorkflowOptions } from './harness';
import { runWorkflow } from './harness';

/** Staging binaries through the user's OSS bucket (the emulator's OSS endpoint), as n8n's engine runs the nodes. */

const MIB = 1024 * 1024;

function stagingFields(emulator: Emulator, overrides: Record<string, unknown> = {}) {
	return stagingCredentialFields(emulator.oss!.url, overrides);
}

function aiSearchWith(emulator: Emulator, staging: Record<string, unknown> | undefined) {
	return { alibabaMultimodalApi: { authType: 'aiSearch', endpoint: emulator.url, workspace: 'default', apiKey: API_KEY, ...(staging ?? {}) } };
}

function paiWith(emulator: Emulator, staging: Record<string, unknown> | undefined) {
	return { alibabaMultimodalApi: { authType: 'pai', endpoint: emulator.url, appId: PAI_APP_ID, token: PAI_TOKEN, ...(staging ?? {}) } };
}

/** Bytes that differ per seed, so a result naming their MD5 proves which bytes the service read. */
function fakeFile(seed: string, bytes: number): Buffer {
	const buffer = Buffer.alloc(bytes);
	for (let i = 0; i < bytes; i += 4096) buffer.write(`${seed}:${i};`, i);
	return buffer;
}

const fileItem = (data: Buffer, fileName: string, mimeType: string): HarnessInputItem => ({ json: {}, binary: { data: { data, fileName, mimeType } } });

const apiRequests = (emulator: Emulator) => emulator.log.filter((entry) => entry.kind === 'submit' || entry.kind === 'sync');
const ossOperations = (emulator: Emulator) => emulator.oss!.log.filter((entry) => !entry.resolved).map((entry) => entry.operation);

/** Nothing of the OSS secret, a signature or a pre-signed URL in what the run kept (items, errors). */
function expectNoOssSecrets(run: unknown) {
	const text = JSON.stringify(run);
	// Matches, not the whole run, in a failure message: the run holds the files' bytes.
	expect(text.includes(DEFAULT_OSS_ACCESS_KEY_SECRET)).toBe(false);
	expect(text.match(/Signature=(?!\*\*\*)[^&"\s]*/g)).toBeNull();
	expect(text.match(/OSS [^\s:"]+:[A-Za-z0-9+/=]{20,}/g)).toBeNull();
}

describe('Binary files staged through the OSS bucket of the credential', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP_ID]: PAI_TOKEN }, taskLatencyMs: 150, paiJobLatencyMs: 150, syncLatencyMs: 5, oss: true });
	});
	afterEach(async () => {
		await emulator.close();
	});

	const run = (workflow: RunWorkflowOptions) => runWorkflow(workflow);
	const imageNode = (extra: Record<string, unknown> = {}) =>
		node('Image', 'alibabaImageContent', { operation: 'submitAndWait', serviceId: 'ops-image-analyze-ocr-001', inputType: 'binary', binaryPropertyName: 'data', options: { ...fastPolling, ...extra } });

	it('sends a small image inline and stages a large one; the service reads the uploaded bytes and the staged copy is deleted', async () => {
		const small = fakeImage('small', 200 * 1024);
		const large = Buffer.concat([fakeImage('large', 1024), fakeFile('large', 7 * MIB)]);
		const result = await run({
			...singleNode(emulator.url, imageNode(), [fileItem(small, 'small.png', 'image/png'), fileItem(large, 'large.png', 'image/png')]),
			credentials: aiSearchWith(emulator, stagingFields(emulator)),
		});
		expect(result.status).toBe('success');
		const [inline, staged] = result.output('Image');
		expect(inline.json.source).toEqual({ type: 'binary', fileName: 'small.png', mimeType: 'image/png', sizeBytes: small.length, binaryProperty: 'data' });
		expect(inline.json.content).toBe(`Text recognized in small.png (${small.length} bytes, md5 ${md5(small)})`);
		expect(staged.json.content).toBe(`Text recognized in large.png (${large.length} bytes, md5 ${md5(large)})`);
		expect(staged.json.source).toMatchObject({ type: 'binary', fileName: 'large.png', sizeBytes: large.length, staged: { bucket: DEFAULT_OSS_BUCKET, deleted: true } });
		expect((staged.json.source as { staged: { key: string } }).staged.key).toMatch(/^n8n-staging\/[^/]+\/1-[0-9a-f]{12}\/large\.png$/);
		// Only the large image went through OSS: parts (8 MiB threshold: one PutObject), then the delete.
		expect(ossOperations(emulator)).toEqual(['PutObject', 'DeleteObject']);
		// Signed V4 for the credential's OSS Region; the emulator refuses V1 as OSS does for new buckets.
		expect(emulator.oss!.log.filter((entry) => !entry.resolved).map((entry) => [entry.signature, entry.authorized])).toEqual([
			['v4', true],
			['v4', true],
		]);
		expect(emulator.oss!.listObjects()).toEqual([]);
		expectNoOssSecrets(result.run);
	});

	it('streams a binary stored on disk as a multipart upload and passes the transcription service its oss:// path', async () => {
		const audio = fakeFile('talk', 12 * MIB);
		const transcribe = node('Transcribe', 'alibabaTranscription', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling });
		const result = await run({
			...singleNode(emulator.url, transcribe, [fileItem(audio, 'talk.mp3', 'audio/mpeg')]),
			credentials: aiSearchWith(emulator, stagingFields(emulator)),
			binaryMode: 'filesystem',
		});
		expect(result.status).toBe('success');
		const [item] = result.output('Transcribe');
		expect(item.json.text).toContain(`Transcript of talk.mp3 (${audio.length} bytes, md5 ${md5(audio)}).`);
		expect(ossOperations(emulator)).toEqual(['InitiateMultipartUpload', 'UploadPart', 'UploadPart', 'CompleteMultipartUpload', 'DeleteObject']);
		const fetched = emulator.oss!.log.filter((entry) => entry.resolved);
		expect(fetched.map((entry) => entry.path)).toEqual([expect.stringMatching(/^oss:\/\/test-bucket\/n8n-staging\/.+\/talk\.mp3$/)]);
		expect(emulator.oss!.listObjects()).toEqual([]);
	});

	describe('every node whose service takes no upload takes a binary', () => {
		const video = fakeFile('clip', 3 * MIB + 5);

		it('Video Segmentation reads it as an OSS path', async () => {
			const segment = node('Segment', 'alibabaVideoSegmentation', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling });
			const result = await run({ ...singleNode(emulator.url, segment, [fileItem(video, 'clip.mp4', 'video/mp4')]), credentials: aiSearchWith(emulator, stagingFields(emulator)) });
			expect(result.status).toBe('success');
			const segments = result.output('Segment')[0].json.segments as Array<{ transcript: string }>;
			expect(segments[0].transcript).toBe(`Segment 1 of clip.mp4 (${video.length} bytes, md5 ${md5(video)}).`);
			expect(emulator.oss!.listObjects()).toEqual([]);
		});

		it('Video Summarization reads it as an OSS path', async () => {
			const summary = node('Summary', 'alibabaVideoSummary', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling });
			const result = await run({ ...singleNode(emulator.url, summary, [fileItem(video, 'clip.mp4', 'video/mp4')]), credentials: aiSearchWith(emulator, stagingFields(emulator)) });
			expect(result.status).toBe('success');
			expect(result.output('Summary')[0].json.title).toBe(`Summary of clip.mp4 (${video.length} bytes, md5 ${md5(video)})`);
			expect(emulator.oss!.listObjects()).toEqual([]);
		});

		it.each([
			['alibabaPaiVideoQuality', { mode: 'single' }],
			['alibabaPaiVideoClassification', { mode: 'single' }],
			['alibabaPaiPostClassification', { text: 'a post' }],
		])('%s reads it by pre-signed URL', async (type, parameters) => {
			const pai = node('PAI', type, { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', model: '', options: fastPolling, ...parameters });
			const result = await run({ ...singleNode(emulator.url, pai, [fileItem(video, 'clip.mp4', 'video/mp4')]), credentials: paiWith(emulator, stagingFields(emulator)) });
			expect(result.status).toBe('success');
			const [item] = result.output('PAI');
			// The PAI emulator gives a staged video one second per MiB it read.
			if (type !== 'alibabaPaiPostClassification') expect(item.json.duration).toBe(Number((video.length / MIB).toFixed(6)));
			expect(item.json.source).toMatchObject({ type: 'binary', staged: { bucket: DEFAULT_OSS_BUCKET, deleted: true } });
			expect(item.json.videoUrl).toBeUndefined();
			const fetched = emulator.oss!.log.filter((entry) => entry.resolved);
			expect(fetched).toHaveLength(1);
			expect(fetched[0]).toMatchObject({ auth: 'presigned', authorized: true, status: 200 });
			expect(emulator.oss!.listObjects()).toEqual([]);
			expectNoOssSecrets(result.run);
		});
	});

	it('stages a PAI image over the inline limit and passes it by pre-signed URL', async () => {
		const photo = Buffer.concat([fakeImage('photo', 1024), fakeFile('photo', 7 * MIB)]);
		const quality = node('Quality', 'alibabaPaiImageQuality', { inputType: 'binary', binaryPropertyName: 'data', model: '' });
		const result = await run({ ...singleNode(emulator.url, quality, [fileItem(photo, 'photo.png', 'image/png')]), credentials: paiWith(emulator, stagingFields(emulator)) });
		expect(result.status).toBe('success');
		expect(result.output('Quality')[0].json).toMatchObject({ score: expect.any(Number), source: { staged: { deleted: true } } });
		expect(emulator.oss!.log.filter((entry) => entry.resolved)).toEqual([expect.objectContaining({ auth: 'presigned', status: 200 })]);
		expect(emulator.oss!.listObjects()).toEqual([]);
	});

	it("a service's error quoting the pre-signed URL reaches the user without its signature", async () => {
		const video = fakeFile('broken', MIB);
		const classify = node('Classify', 'alibabaPaiVideoClassification', { operation: 'submitAndWait', mode: 'single', inputType: 'binary', binaryPropertyName: 'data', model: '', options: fastPolling }, { onError: 'continueRegularOutput' });
		const result = await run({ ...singleNode(emulator.url, classify, [fileItem(video, 'fail.mp4', 'video/mp4')]), credentials: paiWith(emulator, stagingFields(emulator)) });
		const [item] = result.output('Classify');
		expect(String(item.json.error)).toMatch(/failed to download video http:\/\/127\.0\.0\.1:\d+\/test-bucket\/n8n-staging\/.+fail\.mp4\?/);
		expectNoOssSecrets(result.run);
		expect(emulator.oss!.listObjects()).toEqual([]);
	});

	it('keeps the staged file when Keep Staged Files is on, and after Submit Only (the task may still read it)', async () => {
		const video = fakeFile('kept', MIB);
		const segment = (operation: string, options: Record<string, unknown>): INode =>
			node('Segment', 'alibabaVideoSegmentation', { operation, inputType: 'binary', binaryPropertyName: 'data', options: { ...fastPolling, ...options } });
		const kept = await run({ ...singleNode(emulator.url, segment('submitAndWait', { keepStagedFiles: true }), [fileItem(video, 'kept.mp4', 'video/mp4')]), credentials: aiSearchWith(emulator, stagingFields(emulator)) });
		expect(kept.output('Segment')[0].json.source).toMatchObject({ staged: { deleted: false, kept: 'Keep Staged Files is on' } });
		expect(emulator.oss!.listObjects()).toHaveLength(1);

		const submitted = await run({ ...singleNode(emulator.url, segment('submitOnly', {}), [fileItem(video, 'kept.mp4', 'video/mp4')]), credentials: aiSearchWith(emulator, stagingFields(emulator)) });
		const [item] = submitted.output('Segment');
		expect(item.json.source).toMatchObject({ staged: { deleted: false, kept: expect.stringContaining('Submit Only') } });
		expect(emulator.oss!.listObjects()).toHaveLength(2);
		expect(ossOperations(emulator)).not.toContain('DeleteObject');
	});

	it('keeps the staged file of a task still running at the timeout, as an error or as a pending item', async () => {
		const slow = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 60_000, oss: true });
		try {
			const video = fakeFile('slow', MIB);
			const segment = (onTimeout: string) =>
				node('Segment', 'alibabaVideoSegmentation', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: { ...fastPolling, timeoutSeconds: 1, onTimeout } });
			const failed = await run({ ...singleNode(slow.url, segment('error'), [fileItem(video, 'slow.mp4', 'video/mp4')]), credentials: aiSearchWith(slow, stagingFields(slow)) });
			expect(failed.status).toBe('error');
			expect(failed.error?.message).toMatch(/still PENDING after 1 s/);
			expect(slow.oss!.listObjects()).toHaveLength(1);

			const pending = await run({ ...singleNode(slow.url, segment('output'), [fileItem(video, 'slow.mp4', 'video/mp4')]), credentials: aiSearchWith(slow, stagingFields(slow)) });
			expect(pending.output('Segment')[0].json.source).toMatchObject({ staged: { deleted: false, kept: expect.stringContaining('still running at the timeout') } });
			expect(slow.oss!.listObjects()).toHaveLength(2);
			expect(slow.oss!.log.filter((entry) => entry.operation === 'DeleteObject')).toEqual([]);
		} finally {
			await slow.close();
		}
	});

	it('deletes the staged file of a task that failed', async () => {
		const video = fakeFile('broken', MIB);
		const segment = node('Segment', 'alibabaVideoSegmentation', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling }, { onError: 'continueRegularOutput' });
		const result = await run({ ...singleNode(emulator.url, segment, [fileItem(video, 'fail.mp4', 'video/mp4')]), credentials: aiSearchWith(emulator, stagingFields(emulator)) });
		expect(result.output('Segment')[0].json).toMatchObject({ status: 'FAIL' });
		expect(ossOperations(emulator)).toEqual(['PutObject', 'DeleteObject']);
		expect(emulator.oss!.listObjects()).toEqual([]);
	});

	it('a staging failure is a clear error, and nothing reaches the analysis service', async () => {
		const video = fakeFile('denied', MIB);
		const segment = node('Segment', 'alibabaVideoSegmentation', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling });
		const wrongSecret = 'wrong-secret-9a8b7c6d';
		const result = await run({
			...singleNode(emulator.url, segment, [fileItem(video, 'clip.mp4', 'video/mp4')]),
			credentials: aiSearchWith(emulator, stagingFields(emulator, { ossAccessKeySecret: wrongSecret })),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Staging the file to OSS bucket "test-bucket" failed: OSS PutObject failed/);
		expect(result.error?.description).toMatch(/^Nothing was sent to the analysis service\. OSS answered HTTP 403 SignatureDoesNotMatch \(request ID [0-9A-F]{24}\)\. Check the AccessKey secret/);
		expect(apiRequests(emulator)).toEqual([]);
		expect(emulator.oss!.listObjects()).toEqual([]);
		expect(JSON.stringify(result.run)).not.toContain(wrongSecret);
		expectNoOssSecrets(result.run);
	});

	it("with Continue On Fail, a staging failure's item carries OSS's code, the HTTP status and OSS's request id", async () => {
		const video = fakeFile('denied', MIB);
		const segment = node('Segment', 'alibabaVideoSegmentation', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling }, { onError: 'continueRegularOutput' });
		const items = [fileItem(video, 'a.mp4', 'video/mp4'), fileItem(video, 'b.mp4', 'video/mp4')];
		const wrong = await run({ ...singleNode(emulator.url, segment, items), credentials: aiSearchWith(emulator, stagingFields(emulator, { ossAccessKeySecret: 'wrong-secret-9a8b7c6d' })) });
		expect(wrong.status).toBe('success');
		const outputs = wrong.output('Segment');
		expect(outputs).toHaveLength(2);
		outputs.forEach((item, index) => {
			expect(item.json).toMatchObject({ errorCode: 'SignatureDoesNotMatch', httpCode: 403, requestId: expect.stringMatching(/^[0-9A-F]{24}$/) });
			expect(item.json.error).toMatch(/^Staging the file to OSS bucket "test-bucket" failed/);
			expect(item.json.errorDescription).toContain(`request ID ${String(item.json.requestId)}`);
			expect(item.pairedItem).toEqual({ item: index });
		});
		expect(outputs[0].json.requestId).not.toBe(outputs[1].json.requestId);

		// V1 chosen for a bucket that takes only V4: OSS's 403, and the fix named.
		const v1 = await run({ ...singleNode(emulator.url, segment, items.slice(0, 1)), credentials: aiSearchWith(emulator, stagingFields(emulator, { ossSignatureVersion: 'v1' })) });
		const [refused] = v1.output('Segment');
		expect(refused.json).toMatchObject({ errorCode: 'AccessDenied', httpCode: 403, requestId: expect.stringMatching(/^[0-9A-F]{24}$/) });
		expect(refused.json.errorDescription).toContain('set OSS Signature Version to V4 in the credential');
		expect(apiRequests(emulator)).toEqual([]);
		expect(emulator.oss!.listObjects()).toEqual([]);
		expectNoOssSecrets([wrong.run, v1.run]);
	});

	it('an endpoint that does not show the region and no OSS Region: an error naming the field, before anything is sent', async () => {
		const video = fakeFile('nowhere', MIB);
		const segment = node('Segment', 'alibabaVideoSegmentation', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling });
		const result = await run({ ...singleNode(emulator.url, segment, [fileItem(video, 'clip.mp4', 'video/mp4')]), credentials: aiSearchWith(emulator, stagingFields(emulator, { ossRegion: '' })) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`OSS Endpoint "${emulator.oss!.url}" does not show the bucket's region, which V4 signatures need; fill OSS Region (for example cn-hangzhou)`);
		expect(apiRequests(emulator)).toEqual([]);
		expect(emulator.oss!.log).toEqual([]);
	});

	it('without staging settings, a file that must be staged fails before anything is sent, naming the credential fields', async () => {
		const video = fakeFile('nowhere', MIB);
		const segment = node('Segment', 'alibabaVideoSegmentation', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling });
		const items = [fileItem(video, 'clip.mp4', 'video/mp4')];
		const off = await run({ ...singleNode(emulator.url, segment, items), credentials: aiSearchWith(emulator, undefined) });
		expect(off.status).toBe('error');
		expect(off.error?.message).toContain('Video Segmentation takes no uploads, so it must be staged through your OSS bucket; "Stage Large Files in OSS" is off');
		expect(off.error?.description).toContain('OSS Endpoint, OSS Bucket, OSS AccessKey ID and OSS AccessKey Secret');

		const partial = await run({ ...singleNode(emulator.url, segment, items), credentials: aiSearchWith(emulator, stagingFields(emulator, { ossBucket: '', ossAccessKeySecret: '' })) });
		expect(partial.error?.message).toContain("The credential's OSS staging settings lack OSS Bucket, OSS AccessKey Secret");
		expect(apiRequests(emulator)).toEqual([]);
		expect(emulator.oss!.log).toEqual([]);
	});

	it('refuses binaries in PAI Batch Job mode before anything is sent (a batch job takes URLs)', async () => {
		const classify = node('Classify', 'alibabaPaiVideoClassification', { operation: 'submitAndWait', mode: 'batch', inputType: 'binary', binaryPropertyName: 'data', model: '', options: fastPolling });
		const result = await run({ ...singleNode(emulator.url, classify, [fileItem(fakeFile('batch', 1024), 'clip.mp4', 'video/mp4')]), credentials: paiWith(emulator, stagingFields(emulator)) });
		expect(result.error?.message).toContain('Batch Job mode takes video URLs only');
		expect(apiRequests(emulator)).toEqual([]);
		expect(emulator.oss!.log).toEqual([]);
	});

	it('a small image still goes inline without any staging settings', async () => {
		const small = fakeImage('plain', 50 * 1024);
		const result = await run({ ...singleNode(emulator.url, imageNode(), [fileItem(small, 'plain.png', 'image/png')]), credentials: aiSearchWith(emulator, undefined) });
		expect(result.status).toBe('success');
		expect(emulator.oss!.log).toEqual([]);
	});

	it('stages a document over the inline limit and sends it to Document Parsing by pre-signed URL', async () => {
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), fakeFile('big-pdf', 7 * MIB)]);
		const parse = node('Parse', 'alibabaDocumentParsing', { operation: 'submitAndWait', serviceId: 'ops-document-analyze-001', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling });
		const result = await run({ ...singleNode(emulator.url, parse, [fileItem(pdf, 'big.pdf', 'application/pdf')]), credentials: aiSearchWith(emulator, stagingFields(emulator)) });
		expect(result.status).toBe('success');
		const [item] = result.output('Parse');
		expect(item.json).toMatchObject({ contentType: 'markdown', source: { type: 'binary', fileName: 'big.pdf', sizeBytes: pdf.length, staged: { deleted: true } } });
		expect(ossOperations(emulator)).toEqual(['PutObject', 'DeleteObject']);
		expect(emulator.oss!.log.filter((entry) => entry.resolved)).toHaveLength(1);
		expect(emulator.oss!.listObjects()).toEqual([]);
	});

	it('chains a staged video through Video Segmentation into Video Summarization', async () => {
		const video = fakeFile('keynote', 2 * MIB);
		const segment = node('Segment', 'alibabaVideoSegmentation', { operation: 'submitAndWait', inputType: 'binary', binaryPropertyName: 'data', options: fastPolling });
		const summary = node('Summary', 'alibabaVideoSummary', { operation: 'submitAndWait', inputType: 'segments', segments: '={{ $json.segments }}', options: fastPolling });
		const result = await run({ ...chain(emulator.url, [segment, summary], [fileItem(video, 'keynote.mp4', 'video/mp4')]), credentials: aiSearchWith(emulator, stagingFields(emulator)) });
		expect(result.status).toBe('success');
		const chunks = result.output('Summary')[0].json.chunks as Array<{ transcript?: string; enhancedTranscript?: string }>;
		expect(JSON.stringify(chunks)).toContain(`keynote.mp4 (${video.length} bytes, md5 ${md5(video)})`);
		expect(emulator.oss!.listObjects()).toEqual([]);
	});
});
