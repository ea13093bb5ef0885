/**
 * A node run the way n8n's AI Agent v3 runs its tools: n8n-core executes it as an ordinary node (an
 * ExecuteContext, whose isToolExecution() is false) with `rewireOutputLogTo = 'ai_tool'` set on it, and
 * puts its output under `ai_tool`. Left at its defaults, a long task must come back as a pending answer
 * within a minute, checked at most 5 s apart; what the user set must win.
 */
import type { INode, INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, PAI_APP_ID, PAI_TOKEN, aiSearchCredentials, node, paiCredentials, singleNode } from './fixtures';
import type { WorkflowRunResult } from './harness';
import { runWorkflow } from './harness';

const FIVE_MINUTES = 300_000;
const asAgentTool: Partial<INode> = { rewireOutputLogTo: 'ai_tool' };

/** What the agent reads: the node's items under the ai_tool output (where n8n-core rewires them). */
function toolAnswer(result: WorkflowRunResult, name: string): INodeExecutionData[] {
	const runs = result.run.data.resultData.runData[name] ?? [];
	return runs.at(-1)?.data?.ai_tool?.[0] ?? [];
}

/** The service-side gaps between the status checks of one task. */
function checkGaps(emulator: Emulator, id: string): number[] {
	const times = emulator.log.filter((entry) => entry.kind === 'poll' && entry.taskId === id).map((entry) => entry.time);
	return times.slice(1).map((time, index) => time - times[index]);
}

describe('a node called by the AI Agent v3 (ordinary execute context, ai_tool rewire)', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP_ID]: PAI_TOKEN }, taskLatencyMs: FIVE_MINUTES, paiJobLatencyMs: FIVE_MINUTES });
	});
	afterAll(async () => {
		await emulator.close();
	});

	it('answers a 5-minute task, left at its defaults, with the pending task and what to do next after 60 s (both families)', async () => {
		const summary = node('Video Summary', 'alibabaVideoSummary', { inputType: 'url', url: 'https://media.example.com/long-keynote.mp4' }, asAgentTool);
		const classify = node('Video Classification', 'alibabaPaiVideoClassification', { videoUrl: 'https://v.example.com/long-garden.mp4' }, asAgentTool);
		const [aiSearch, pai] = await Promise.all([
			runWorkflow(singleNode(emulator.url, summary, [{ json: {} }])),
			runWorkflow(singleNode(emulator.url, classify, [{ json: {} }], { credentials: paiCredentials(emulator.url) })),
		]);
		for (const result of [aiSearch, pai]) {
			expect(result.status).toBe('success');
			// The engine's own run of the node (a loaded machine's start-up of n8n-core does not count).
			expect(result.durationMs).toBeGreaterThanOrEqual(59_000);
			expect(result.durationMs).toBeLessThan(65_000);
		}
		const [searchItem] = toolAnswer(aiSearch, 'Video Summary');
		expect(searchItem.json).toMatchObject({ taskId: expect.any(String), status: 'PENDING', timedOut: true });
		expect(searchItem.json.nextStep).toMatch(new RegExp(`still running.*Call the Get Result tool with taskId "${String(searchItem.json.taskId)}" in about a minute`));
		const [paiItem] = toolAnswer(pai, 'Video Classification');
		expect(paiItem.json).toMatchObject({ jobId: expect.any(String), timedOut: true });
		expect(paiItem.json.nextStep).toMatch(new RegExp(`still running.*Call the Get Result tool with jobId "${String(paiItem.json.jobId)}"`));
		// Checks at most 5 s apart (PAI's own default is 30 s), measured on the service's side.
		for (const id of [String(searchItem.json.taskId), String(paiItem.json.jobId)]) {
			const gaps = checkGaps(emulator, id);
			const submitted = emulator.log.find((entry) => entry.kind === 'submit' && String(entry.taskId) === id)!;
			const lastCheck = emulator.log.filter((entry) => entry.kind === 'poll' && String(entry.taskId) === id).at(-1)!;
			expect(lastCheck.time - submitted.time).toBeGreaterThanOrEqual(59_000);
			expect(lastCheck.time - submitted.time).toBeLessThanOrEqual(61_000);
			expect(gaps.length).toBeGreaterThanOrEqual(11);
			expect(Math.max(...gaps)).toBeLessThanOrEqual(5_500);
		}
	}, 90_000);

	it('keeps what the user set: a Timeout of 2 s answers pending after 2 s, and On Timeout = Error fails naming the task', async () => {
		const pending = await runWorkflow(
			singleNode(emulator.url, node('Summary', 'alibabaVideoSummary', { inputType: 'url', url: 'https://media.example.com/a.mp4', options: { timeoutSeconds: 2 } }, asAgentTool), [{ json: {} }]),
		);
		expect(pending.durationMs).toBeLessThan(10_000);
		expect(toolAnswer(pending, 'Summary')[0].json).toMatchObject({ status: 'PENDING', timedOut: true, nextStep: expect.stringContaining('Get Result tool') });

		const failing = await runWorkflow(
			singleNode(
				emulator.url,
				node('Summary', 'alibabaVideoSummary', { inputType: 'url', url: 'https://media.example.com/b.mp4', options: { timeoutSeconds: 2, onTimeout: 'error' } }, asAgentTool),
				[{ json: {} }],
			),
		);
		expect(failing.durationMs).toBeLessThan(10_000);
		expect(failing.status).toBe('error');
		expect(failing.error?.message).toMatch(/still PENDING after 2 s/);
	}, 60_000);

	it('in an ordinary workflow (no rewire) nothing changes: the same Timeout fails, with no agent wording', async () => {
		const result = await runWorkflow(
			singleNode(emulator.url, node('Summary', 'alibabaVideoSummary', { inputType: 'url', url: 'https://media.example.com/c.mp4', options: { timeoutSeconds: 2 } }), [{ json: {} }], {
				credentials: aiSearchCredentials(emulator.url),
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/still PENDING after 2 s/);
	}, 60_000);
});
