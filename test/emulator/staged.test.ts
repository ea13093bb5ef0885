import { createHash } from 'node:crypto';

import { createOssClient } from '../../nodes/shared/staging/oss/client';
import { nodeHttpSend } from '../unit/ossHttp';
import { DEFAULT_OSS_ACCESS_KEY_ID, DEFAULT_OSS_ACCESS_KEY_SECRET, DEFAULT_OSS_BUCKET, DEFAULT_OSS_REGION, startEmulator, type Emulator } from '.';

/** The API emulators fetch staged files from the OSS endpoint, so their results follow the uploaded bytes. */
describe('staged files as the services see them', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ taskLatencyMs: 10, syncLatencyMs: 1, oss: true });
	});
	afterEach(async () => {
		await emulator.close();
	});

	const client = (secret = DEFAULT_OSS_ACCESS_KEY_SECRET) =>
		createOssClient({
			endpoint: emulator.oss!.url,
			bucket: DEFAULT_OSS_BUCKET,
			pathStyle: true,
			credentials: { accessKeyId: DEFAULT_OSS_ACCESS_KEY_ID, accessKeySecret: secret },
			signing: { version: 'v4', region: DEFAULT_OSS_REGION },
			send: nodeHttpSend(),
		});
	const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

	async function submitAndRead(service: string, body: object): Promise<Record<string, any>> {
		const base = `${emulator.url}/v3/openapi/workspaces/default/${service}`;
		const headers = { Authorization: 'Bearer test-api-key', 'Content-Type': 'application/json' };
		const submitted = (await (await fetch(`${base}/async`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as Record<string, any>;
		await new Promise((resolve) => setTimeout(resolve, 30));
		return (await (await fetch(`${base}/async/task-status?task_id=${submitted.result.task_id}`, { headers })).json()) as Record<string, any>;
	}

	it('reads an oss:// path from the store and names its size and MD5', async () => {
		const bytes = Buffer.from('a staged recording');
		await client().putObject('n8n-staging/talk.mp3', bytes);
		const answer = await submitAndRead('audio-asr/ops-audio-asr-001', { input: { oss: `oss://${DEFAULT_OSS_BUCKET}/n8n-staging/talk.mp3`, file_name: 'talk.mp3' } });
		expect(answer.result.data[0].text).toBe(`Transcript of talk.mp3 (${bytes.length} bytes, md5 ${md5(bytes)}).`);
		expect(emulator.oss!.log.filter((entry) => entry.resolved)).toEqual([expect.objectContaining({ operation: 'GetObject', status: 200 })]);
	});

	it('fails the task when the staged object is gone, as a service that cannot download it', async () => {
		const answer = await submitAndRead('video-segmentation/ops-video-segment-001', { input: { oss: `oss://${DEFAULT_OSS_BUCKET}/n8n-staging/deleted.mp4` } });
		expect(answer.result.status).toBe('FAIL');
	});

	it('fetches a pre-signed URL with its signature checked: a URL signed with another secret fails', async () => {
		const bytes = Buffer.from('a staged image');
		await client().putObject('n8n-staging/scan.png', bytes);
		const good = await submitAndRead('image-analyze/ops-image-analyze-ocr-001', { document: { url: client().presignGet('n8n-staging/scan.png', 600) } });
		expect(good.result.data.content).toBe(`Text recognized in scan.png (${bytes.length} bytes, md5 ${md5(bytes)})`);
		const forged = await submitAndRead('image-analyze/ops-image-analyze-ocr-001', { document: { url: client('not-the-secret').presignGet('n8n-staging/scan.png', 600) } });
		expect(forged.result.status).toBe('FAIL');
		expect(emulator.oss!.log.filter((entry) => entry.resolved).map((entry) => entry.code)).toEqual([undefined, 'SignatureDoesNotMatch']);
	});

	it('leaves public URLs and buckets it does not have to the usual labels', async () => {
		const answer = await submitAndRead('audio-asr/ops-audio-asr-001', { input: { oss: 'oss://another-bucket/talk.mp3' } });
		expect(answer.result.data[0].text).toBe('Transcript of oss://another-bucket/talk.mp3.');
	});
});
