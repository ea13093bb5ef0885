import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Emulator } from '../emulator';
import { DEFAULT_OSS_ACCESS_KEY_SECRET, DEFAULT_OSS_BUCKET, stagingCredentialFields, startEmulator } from '../emulator';
import { e2eContext } from './support/context';
import { EMULATOR_KEYS, N8nInstance, NODE_TYPE_PREFIX, type Server } from './support/n8n';

/**
 * Real n8n 2.41 with its filesystem binary mode: files read from disk by n8n's own Read/Write Files node
 * reach every kind of node as binaries, are staged through the emulator's OSS endpoint and deleted
 * afterwards; a 500 MB video goes through without the n8n process holding it.
 */

const MIB = 1024 * 1024;
const WORKFLOW_ID = 'stagingE2eFlow01';
const CREDENTIALS = { aiSearch: 'stagingAiSearch1', pai: 'stagingPaiCred01' };

/** Writes `bytes` of seed-dependent data one MiB at a time (never the whole file in memory); answers its MD5. */
async function writeFile(path: string, bytes: number, seed: string, header = Buffer.alloc(0)): Promise<string> {
	const hash = createHash('md5');
	const out = createWriteStream(path);
	const write = async (chunk: Buffer) => {
		hash.update(chunk);
		if (!out.write(chunk)) await once(out, 'drain');
	};
	await write(header);
	for (let offset = header.length, n = 0; offset < bytes; n++) {
		const chunk = Buffer.alloc(Math.min(MIB, bytes - offset), `${seed}:${n};`);
		await write(chunk);
		offset += chunk.length;
	}
	out.end();
	await once(out, 'finish');
	return hash.digest('hex');
}

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function node(name: string, type: string, parameters: Record<string, unknown>, position: [number, number], credential?: string) {
	return {
		id: randomUUID(),
		name,
		type,
		typeVersion: 1,
		position,
		parameters,
		...(credential ? { credentials: { alibabaMultimodalApi: { id: credential, name: credential } } } : {}),
	};
}

/** One workflow, one webhook per case: Webhook → Read File → the package's node(s); the last node answers. */
function stagingWorkflow() {
	const fast = { pollIntervalSeconds: 0.2 };
	const binary = { inputType: 'binary', binaryPropertyName: 'data' };
	const cases: Array<{ path: string; nodes: Array<ReturnType<typeof node>> }> = [
		{
			path: 'stage-video',
			nodes: [
				node('Segment', `${NODE_TYPE_PREFIX}alibabaVideoSegmentation`, { operation: 'submitAndWait', ...binary, options: fast }, [0, 0], CREDENTIALS.aiSearch),
				node('Summarize', `${NODE_TYPE_PREFIX}alibabaVideoSummary`, { operation: 'submitAndWait', inputType: 'segments', segments: '={{ $json.segments }}', options: fast }, [0, 0], CREDENTIALS.aiSearch),
			],
		},
		{ path: 'stage-audio', nodes: [node('Transcribe', `${NODE_TYPE_PREFIX}alibabaTranscription`, { operation: 'submitAndWait', ...binary, options: fast }, [0, 0], CREDENTIALS.aiSearch)] },
		{
			path: 'stage-image',
			nodes: [node('Extract', `${NODE_TYPE_PREFIX}alibabaImageContent`, { operation: 'submitAndWait', serviceId: 'ops-image-analyze-ocr-001', ...binary, options: fast }, [0, 0], CREDENTIALS.aiSearch)],
		},
		{
			path: 'stage-pai-video',
			nodes: [node('Classify', `${NODE_TYPE_PREFIX}alibabaPaiVideoClassification`, { operation: 'submitAndWait', mode: 'single', ...binary, model: '', options: fast }, [0, 0], CREDENTIALS.pai)],
		},
	];
	const nodes: Array<ReturnType<typeof node>> = [];
	const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {};
	cases.forEach(({ path, nodes: steps }, row) => {
		const hook = { ...node(`Webhook ${path}`, 'n8n-nodes-base.webhook', { httpMethod: 'GET', path, responseMode: 'lastNode', options: {} }, [0, row * 200]), typeVersion: 2, webhookId: randomUUID() };
		const read = { ...node(`Read ${path}`, 'n8n-nodes-base.readWriteFile', { fileSelector: '={{ $json.query.file }}', options: {} }, [200, row * 200]), typeVersion: 1.1 };
		const chain = [hook, read, ...steps.map((step, i) => ({ ...step, position: [400 + i * 200, row * 200] as [number, number] }))];
		chain.forEach((current, i) => {
			if (i > 0) connections[chain[i - 1].name] = { main: [[{ node: current.name, type: 'main', index: 0 }]] };
		});
		nodes.push(...chain);
	});
	return { id: WORKFLOW_ID, name: 'Staging through OSS (e2e)', active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

function credentials(emulator: Emulator) {
	const staging = stagingCredentialFields(emulator.oss!.url);
	return [
		{ id: CREDENTIALS.aiSearch, name: CREDENTIALS.aiSearch, type: 'alibabaMultimodalApi', data: { authType: 'aiSearch', endpoint: emulator.url, workspace: 'default', apiKey: EMULATOR_KEYS.aiSearchApiKey, ...staging } },
		{ id: CREDENTIALS.pai, name: CREDENTIALS.pai, type: 'alibabaMultimodalApi', data: { authType: 'pai', endpoint: emulator.url, appId: EMULATOR_KEYS.paiAppId, token: EMULATOR_KEYS.paiToken, ...staging } },
	];
}

/** Resident memory of a process, from /proc (kB → bytes). */
function rssBytes(pid: number): number {
	const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) * 1024 : 0;
}

describe('real n8n: binaries of any size staged through the OSS bucket', () => {
	let n8n: N8nInstance;
	let emulator: Emulator;
	let server: Server;
	let files: string;
	const md5s: Record<string, string> = {};

	beforeAll(async () => {
		const { runtime, tarball } = e2eContext();
		files = mkdtempSync(join(tmpdir(), 'n8n-staging-files-'));
		md5s.video = await writeFile(join(files, 'keynote.mp4'), 50 * MIB, 'keynote');
		md5s.audio = await writeFile(join(files, 'interview.mp3'), 40 * MIB, 'interview');
		md5s.image = await writeFile(join(files, 'poster.png'), 20 * MIB, 'poster', PNG_HEADER);
		emulator = await startEmulator({
			apiKeys: [EMULATOR_KEYS.aiSearchApiKey],
			paiApps: { [EMULATOR_KEYS.paiAppId]: EMULATOR_KEYS.paiToken },
			taskLatencyMs: 300,
			paiJobLatencyMs: 300,
			oss: true,
		});
		n8n = await N8nInstance.create(runtime, tarball, 'n8n-staging');
		await n8n.importCredentials(credentials(emulator));
		await n8n.importWorkflowObject(stagingWorkflow());
		await n8n.publish(WORKFLOW_ID);
		server = await n8n.startMain({ N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: files, N8N_LOG_LEVEL: 'info' });
		// Three n8n CLI runs, 110 MB of files and n8n's start: as the other e2e suites, more than the default two minutes on a loaded machine.
	}, 300_000);

	afterAll(async () => {
		await server?.stop();
		await emulator?.close();
		n8n?.cleanup();
		if (files) rmSync(files, { recursive: true, force: true });
	});

	/** Calls a case's webhook (retrying while n8n registers it) and answers the last node's item. */
	async function call(path: string, file: string): Promise<Record<string, any>> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const response = await fetch(`${server.url}/webhook/${path}?file=${encodeURIComponent(join(files, file))}`);
			const text = await response.text();
			if (response.ok) return JSON.parse(text) as Record<string, any>;
			if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook ${path} answered ${response.status}: ${text}\n${server.handle.output().slice(-2000)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	function expectStoreEmpty() {
		expect(emulator.oss!.listObjects()).toEqual([]);
		expect(emulator.oss!.listUploads()).toEqual([]);
	}

	it('a 50 MB binary video → Video Segmentation → Video Summarization, read by the services from OSS, then deleted', async () => {
		const summary = await call('stage-video', 'keynote.mp4');
		expect(JSON.stringify(summary.chunks)).toContain(`keynote.mp4 (${50 * MIB} bytes, md5 ${md5s.video})`);
		const uploads = emulator.oss!.log.filter((entry) => entry.operation === 'UploadPart' && entry.status === 200);
		expect(uploads.length).toBeGreaterThanOrEqual(7);
		expect(emulator.oss!.log.filter((entry) => entry.operation === 'DeleteObject' && entry.status === 204)).toHaveLength(1);
		expectStoreEmpty();
	});

	it('a 40 MB binary audio → Transcription, passed as an oss:// path', async () => {
		const item = await call('stage-audio', 'interview.mp3');
		expect(item.text).toContain(`Transcript of interview.mp3 (${40 * MIB} bytes, md5 ${md5s.audio}).`);
		expect(item.source).toMatchObject({ type: 'binary', fileName: 'interview.mp3', sizeBytes: 40 * MIB, staged: { bucket: DEFAULT_OSS_BUCKET, deleted: true } });
		expectStoreEmpty();
	});

	it('a 20 MB binary image → Image Content Extraction, passed as a pre-signed URL', async () => {
		const item = await call('stage-image', 'poster.png');
		expect(item.content).toBe(`Text recognized in poster.png (${20 * MIB} bytes, md5 ${md5s.image})`);
		expect(emulator.oss!.log.filter((entry) => entry.resolved).pop()).toMatchObject({ auth: 'presigned', authorized: true, status: 200 });
		expectStoreEmpty();
	});

	it('a binary video → PAI Video Classification, passed as a pre-signed URL', async () => {
		const item = await call('stage-pai-video', 'keynote.mp4');
		// The emulator gives a staged video one second per MiB it read.
		expect(item.duration).toBe(50);
		expect(item.classes).toEqual(expect.any(Array));
		expect(item.videoUrl).toBeUndefined();
		expectStoreEmpty();
	});

	it('stages a 500 MB video while the n8n process grows by less than 100 MB', async () => {
		await writeFile(join(files, 'feature.mp4'), 500 * MIB, 'feature');
		const pid = server.handle.process.pid!;
		const baseline = rssBytes(pid);
		let peak = baseline;
		let done = false;
		const sampling = (async () => {
			while (!done) {
				peak = Math.max(peak, rssBytes(pid));
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		})();
		const started = Date.now();
		try {
			const summary = await call('stage-video', 'feature.mp4');
			expect(JSON.stringify(summary.chunks)).toContain(`feature.mp4 (${500 * MIB} bytes`);
		} finally {
			done = true;
			await sampling;
		}
		const growthMb = (peak - baseline) / MIB;
		process.stdout.write(`[e2e staging] 500 MB video: n8n RSS ${Math.round(baseline / MIB)} MB → peak ${Math.round(peak / MIB)} MB (growth ${growthMb.toFixed(1)} MB) in ${Math.round((Date.now() - started) / 1000)} s\n`);
		expect(growthMb).toBeLessThan(100);
		expectStoreEmpty();
	});

	it('signed every OSS request and pre-signed URL with V4, which the emulated bucket requires (it refuses V1)', () => {
		const requests = emulator.oss!.log.filter((entry) => entry.operation !== 'control' && !(entry.resolved && entry.auth === 'none'));
		expect(requests.length).toBeGreaterThan(100);
		expect(requests.filter((entry) => entry.signature !== 'v4' || !entry.authorized)).toEqual([]);
		expect(requests.filter((entry) => entry.auth === 'presigned').length).toBeGreaterThanOrEqual(2);
	});

	it("never writes the OSS secret, a signature or a pre-signed URL into n8n's log", () => {
		const log = server.handle.output();
		expect(log.includes(DEFAULT_OSS_ACCESS_KEY_SECRET)).toBe(false);
		expect(log.match(/Signature=(?!\*\*\*)[^&"\s]*/gi)).toBeNull();
	});
});
