/**
 * What a model can read: called by an AI agent (the AI Agent v3's ai_tool rewire), nodes that produce
 * files answer in JSON, because n8n drops binary data from tool answers. Keyframes as their times (and
 * links or paths), an edited image as its format and size (and a link when OSS staging is configured),
 * subtitles as text. The same nodes in a workflow keep their binary output.
 */
import type { INode, INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { DEFAULT_OSS_ACCESS_KEY_SECRET, PNG_SIGNATURE, stagingCredentialFields, startEmulator } from '../emulator';
import { API_KEY, PAI_APP_ID, PAI_TOKEN, node, singleNode } from './fixtures';
import type { WorkflowRunResult } from './harness';
import { runWorkflow } from './harness';

const asAgentTool: Partial<INode> = { rewireOutputLogTo: 'ai_tool' };

function toolAnswer(result: WorkflowRunResult, name: string): INodeExecutionData[] {
	const runs = result.run.data.resultData.runData[name] ?? [];
	return runs.at(-1)?.data?.ai_tool?.[0] ?? [];
}

describe('tool answers a model can read (no binary reaches it)', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP_ID]: PAI_TOKEN }, taskLatencyMs: 100, paiJobLatencyMs: 100, syncLatencyMs: 5, oss: true });
	});
	afterAll(async () => {
		await emulator.close();
	});

	const aiSearch = (staging: boolean) => ({
		alibabaMultimodalApi: { authType: 'aiSearch', endpoint: emulator.url, workspace: 'default', apiKey: API_KEY, ...(staging ? stagingCredentialFields(emulator.oss!.url) : {}) },
	});
	const pai = (staging: boolean) => ({
		alibabaMultimodalApi: { authType: 'pai', endpoint: emulator.url, appId: PAI_APP_ID, token: PAI_TOKEN, ...(staging ? stagingCredentialFields(emulator.oss!.url) : {}) },
	});
	const keyframes = (extra: Partial<INode> = asAgentTool, parameters: Record<string, unknown> = {}) =>
		node('Keyframes', 'alibabaVideoKeyframes', { inputType: 'url', url: 'https://media.example.com/launch.mp4', intervalSeconds: 10, ...parameters }, extra);
	const editing = (extra: Partial<INode> = asAgentTool) =>
		node('Image Editing', 'alibabaPaiImageEditing', { operation: 'reshapeFigure', inputType: 'url', url: 'https://img.example.com/portrait.jpg', degree: 1 }, extra);

	it('keyframes returned inline: their times and a note on how to get links, without OSS staging', async () => {
		const result = await runWorkflow(singleNode(emulator.url, keyframes(), [{ json: {} }], { credentials: aiSearch(false) }));
		expect(result.status).toBe('success');
		const [answer] = toolAnswer(result, 'Keyframes');
		expect(answer.binary).toBeUndefined();
		const frames = answer.json.frames as Array<Record<string, unknown>>;
		expect(frames.length).toBeGreaterThanOrEqual(2);
		expect(frames[1]).toEqual({ index: 1, frameIndex: 250, time: 10, mimeType: 'image/png', fileSize: expect.any(Number) });
		expect(answer.json.note).toMatch(/n8n does not pass binary files to an AI agent.*Stage Large Files in OSS/);
		expect(JSON.stringify(answer.json).length).toBeLessThan(2000);
	});

	it('keyframes returned inline: a pre-signed link per frame with OSS staging, left for the bucket lifecycle rule', async () => {
		const result = await runWorkflow(singleNode(emulator.url, keyframes(), [{ json: {} }], { credentials: aiSearch(true) }));
		expect(result.status).toBe('success');
		const [answer] = toolAnswer(result, 'Keyframes');
		expect(answer.binary).toBeUndefined();
		const frames = answer.json.frames as Array<Record<string, any>>;
		expect(answer.json.note).toMatch(/lifecycle rule deletes it/);
		for (const frame of frames) {
			expect(frame.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*launch_frame_\d+_\d+s\.png\?/);
			const fetched = Buffer.from(await (await fetch(frame.url)).arrayBuffer());
			expect(fetched.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
			expect(fetched.length).toBe(frame.fileSize);
		}
		expect(JSON.stringify(result.run).includes(DEFAULT_OSS_ACCESS_KEY_SECRET)).toBe(false);
	});

	it('keyframes the service wrote to OSS: their times and paths, as in a workflow', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, keyframes(asAgentTool, { url: 'oss://bucket/v/demo.mp4', framesOutput: 'oss', outputOss: 'oss://bucket/frames/', imageFormat: 'png' }), [{ json: {} }], {
				credentials: aiSearch(false),
			}),
		);
		const [answer] = toolAnswer(result, 'Keyframes');
		expect((answer.json.frames as unknown[])[1]).toEqual({ index: 1, frameIndex: 250, time: 10, path: 'oss://bucket/frames/frame_1.png' });
	});

	it('an edited image: its format and size, and a note, without OSS staging', async () => {
		const result = await runWorkflow(singleNode(emulator.url, editing(), [{ json: {} }], { credentials: pai(false) }));
		expect(result.status).toBe('success');
		const [answer] = toolAnswer(result, 'Image Editing');
		expect(answer.binary).toBeUndefined();
		expect(answer.json).toMatchObject({
			operation: 'reshapeFigure',
			mimeType: 'image/png',
			fileSize: expect.any(Number),
			width: expect.any(Number),
			height: expect.any(Number),
			fileName: 'portrait-reshaped.png',
			note: expect.stringMatching(/n8n does not pass binary files to an AI agent/),
		});
		expect(answer.json.url).toBeUndefined();
	});

	it('an edited image: a pre-signed link to the result uploaded to the staging bucket', async () => {
		const result = await runWorkflow(singleNode(emulator.url, editing(), [{ json: {} }], { credentials: pai(true) }));
		const [answer] = toolAnswer(result, 'Image Editing');
		expect(answer.binary).toBeUndefined();
		expect(answer.json).toMatchObject({ mimeType: 'image/png', url: expect.stringMatching(/portrait-reshaped\.png\?/), expiresAt: expect.any(String) });
		const fetched = Buffer.from(await (await fetch(String(answer.json.url))).arrayBuffer());
		expect(fetched.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		expect(fetched.length).toBe(answer.json.fileSize);
		expect(Date.parse(String(answer.json.expiresAt)) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
	});

	it('subtitles set to Binary Files come as text fields', async () => {
		const transcribe = node(
			'Transcription',
			'alibabaTranscription',
			{ inputType: 'url', url: 'https://media.example.com/talk.mp4', options: { subtitles: 'srt', subtitlesOutput: 'binary', pollIntervalSeconds: 0.1 } },
			asAgentTool,
		);
		const result = await runWorkflow(singleNode(emulator.url, transcribe, [{ json: {} }], { credentials: aiSearch(false) }));
		const [answer] = toolAnswer(result, 'Transcription');
		expect(answer.binary).toBeUndefined();
		expect(answer.json.srt).toMatch(/^1\n00:00:00,000 --> /);
	});

	it('outside tool mode nothing changes: the same nodes output binary data', async () => {
		const frames = await runWorkflow(singleNode(emulator.url, keyframes({}), [{ json: {} }], { credentials: aiSearch(true) }));
		expect(Object.keys(frames.output('Keyframes')[0].binary ?? {})).toEqual(expect.arrayContaining(['frame_0', 'frame_1']));
		expect(frames.output('Keyframes')[0].json.note).toBeUndefined();
		const edited = await runWorkflow(singleNode(emulator.url, editing({}), [{ json: {} }], { credentials: pai(true) }));
		expect(edited.output('Image Editing')[0].binary?.data).toMatchObject({ mimeType: 'image/png' });
		expect(edited.output('Image Editing')[0].json.url).toBeUndefined();
	});
});
