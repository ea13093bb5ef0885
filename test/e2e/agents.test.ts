/**
 * The package's tools under n8n's own AI Agent (its default version in this runtime) and OpenAI Chat
 * Model, the model being a script (support/scriptedChatModel.ts) that calls the tools it is told to and
 * logs what it was given. The tools are left as added (credential only). What is asserted is what the
 * model received, read from the script's log, not n8n's internals.
 */
import type { Emulator } from '../emulator';
import { stagingCredentialFields, startEmulator } from '../emulator';
import { type AgentTool, agentWorkflow, askAgent, combinedWorkflow, credentialFor, n8nVersion, scriptedOpenAiCredential } from './support/agentWorkflow';
import { packageNodes } from './support/allNodesWorkflow';
import { e2eContext } from './support/context';
import { McpClient } from './support/mcp';
import { EMULATOR_KEYS, N8nInstance, type Server, emulatorCredentials } from './support/n8n';
import { type ScriptedChatModel, type ToolRound, startScriptedChatModel } from './support/scriptedChatModel';

const FIVE_MINUTES = 300_000;
/** n8n's instance MCP server has the workflow builder tools (search_nodes, get_node_types) from n8n 2. */
const builderTest = Number(n8nVersion(e2eContext().runtime).split('.')[0]) >= 2 ? it : it.skip;
const SHORT_TASK_MS = 300;
const WORKFLOW_ID = 'e2eAgentFamilies';
const STAGED_PAI = { id: 'paiStagedCred001', name: 'Alibaba PAI with OSS staging (emulator)' };

/** What the model passes for each input a tool asks for (a link of the right kind). */
function argumentFor(tool: string, property: string): string | undefined {
	const video = /video|transcription|keyframes|summary|segmentation/i.test(tool);
	const file = /document/i.test(tool) ? 'https://docs.example.com/reports/annual-report.pdf' : 'https://images.example.com/gallery/cat-on-sofa.jpg';
	const values: Record<string, string> = {
		url: video ? 'https://videos.example.com/talks/keynote.mp4' : file,
		videoUrl: 'https://videos.example.com/shorts/bonsai-care.mp4',
		imageUrls: 'https://images.example.com/posts/morning-run-cover.jpg',
		text: 'Morning run along the river, 10 km before breakfast',
	};
	return values[property];
}

const families = () => {
	const nodes = packageNodes().map((node) => node.name);
	return { aiSearch: nodes.filter((name) => !name.startsWith('alibabaPai')), pai: nodes.filter((name) => name.startsWith('alibabaPai')) };
};

/** The tool answer as the model read it (n8n passes the items' JSON as text). */
const parsed = (round: ToolRound): unknown => {
	try {
		return JSON.parse(round.result ?? '');
	} catch {
		return round.result;
	}
};
const firstItem = (round: ToolRound): Record<string, any> => {
	const value = parsed(round);
	const first = Array.isArray(value) ? value[0] : value;
	return (first && typeof first === 'object' && 'json' in first ? first.json : first) as Record<string, any>;
};

describe('real n8n: the Alibaba tools under the AI Agent with a scripted chat model', () => {
	let n8n: N8nInstance;
	let emulator: Emulator;
	let server: Server;
	let model: ScriptedChatModel;
	const measured: string[] = [];

	const rounds = (since: number) => model.rounds().slice(since);

	beforeAll(async () => {
		const setupStarted = Date.now();
		model = await startScriptedChatModel(argumentFor);
		const { runtime, tarball } = e2eContext();
		emulator = await startEmulator({
			apiKeys: [EMULATOR_KEYS.aiSearchApiKey],
			paiApps: { [EMULATOR_KEYS.paiAppId]: EMULATOR_KEYS.paiToken },
			taskLatencyMs: SHORT_TASK_MS,
			paiJobLatencyMs: SHORT_TASK_MS,
			oss: true,
		});
		n8n = await N8nInstance.create(runtime, tarball, 'n8n-agents');
		// One import, one publish and one start: on a loaded machine each n8n CLI start costs tens of seconds.
		await n8n.importCredentials([
			...emulatorCredentials(emulator.url),
			scriptedOpenAiCredential(model.url),
			{
				...STAGED_PAI,
				type: 'alibabaMultimodalApi',
				data: { authType: 'pai', endpoint: emulator.url, appId: EMULATOR_KEYS.paiAppId, token: EMULATOR_KEYS.paiToken, ...stagingCredentialFields(emulator.oss!.url) },
			},
		]);
		const { aiSearch, pai } = families();
		const asTools = (names: string[]): AgentTool[] => names.map((name) => ({ name, node: name, credential: credentialFor(name) }));
		const workflow = combinedWorkflow(WORKFLOW_ID, 'E2E: the Alibaba tools under the AI Agent', [
			agentWorkflow({
				id: WORKFLOW_ID,
				key: 1,
				label: 'AI Search',
				path: 'agent-ai-search',
				runtime,
				tools: [
					...asTools(aiSearch),
					{
						name: 'alibabaVideoSummaryGetResult',
						node: 'alibabaVideoSummary',
						parameters: { operation: 'getResult', taskId: "={{ $fromAI('taskId', 'taskId returned by an earlier call', 'string') }}" },
						credential: credentialFor('alibabaVideoSummary'),
					},
				],
			}),
			agentWorkflow({
				id: WORKFLOW_ID,
				key: 2,
				label: 'PAI',
				path: 'agent-pai',
				runtime,
				tools: [
					...asTools(pai),
					{
						name: 'alibabaPaiVideoClassificationGetResult',
						node: 'alibabaPaiVideoClassification',
						parameters: { operation: 'getResult', jobId: "={{ $fromAI('jobId', 'jobId returned by an earlier call', 'string') }}" },
						credential: credentialFor('alibabaPaiVideoClassification'),
					},
					{ name: 'alibabaPaiImageEditingStaged', node: 'alibabaPaiImageEditing', credential: STAGED_PAI },
				],
			}),
		]);
		await n8n.importWorkflowObject(workflow);
		await n8n.publish(WORKFLOW_ID);
		server = await n8n.startMain();
		measured.push(`n8n ${n8nVersion(runtime)}; set-up (install, import, publish, start) ${Math.round((Date.now() - setupStarted) / 1000)} s`);
	}, 600_000);

	afterAll(async () => {
		await server?.stop();
		await emulator?.close();
		await model?.close();
		n8n?.cleanup();
		process.stdout.write(`\n[agents] ${measured.join('\n[agents] ')}\n`);
	});

	it.each([
		['AI Search', 'agent-ai-search', () => families().aiSearch],
		['PAI', 'agent-pai', () => families().pai],
	])('%s: the agent calls each tool once and the model receives every result', async (_family, path, names) => {
		const tools = names();
		const since = model.rounds().length;
		const answer = await askAgent(server.url, path, `Analyze the files. [call ${tools.join(', ')}]`);
		if (answer.status !== 200) {
			const log = model.log.map((entry) => `${entry.path} ${JSON.stringify(entry.answer).slice(0, 200)} tools=${entry.tools.join(',')}`).join('\n');
			throw new Error(`webhook ${answer.status}: ${JSON.stringify(answer.body).slice(0, 1500)}\nmodel log:\n${log}\nn8n:\n${server.handle.output().slice(-4000)}`);
		}
		const done = rounds(since);
		expect(done.map((round) => round.tool)).toEqual(tools);
		for (const round of done) {
			const item = firstItem(round);
			measured.push(`${round.tool}: ${round.resultAt! - round.calledAt} ms, model received ${round.result?.slice(0, 400)}`);
			expect({ tool: round.tool, received: typeof round.result }).toEqual({ tool: round.tool, received: 'string' });
			expect({ tool: round.tool, error: item?.error }).toEqual({ tool: round.tool, error: undefined });
			expect(round.result!.length).toBeLessThan(8000);
		}
		// The final answer quotes each result, so the agent's step ended with the model's words.
		expect(JSON.stringify(answer.body)).toContain(`${tools.at(-1)} answered:`);
	}, 300_000);

	it('Keyframes and Image Editing: the model receives JSON (frame times, image format and size, a link when OSS staging is set)', async () => {
		const since = model.rounds().length;
		await askAgent(server.url, 'agent-ai-search', '[call alibabaVideoKeyframes]');
		await askAgent(server.url, 'agent-pai', '[call alibabaPaiImageEditing, alibabaPaiImageEditingStaged]');
		const [keyframes, editing, staged] = rounds(since);
		const frames = firstItem(keyframes).frames as Array<Record<string, unknown>>;
		expect(frames.length).toBeGreaterThanOrEqual(2);
		expect(frames[1]).toMatchObject({ index: 1, time: expect.any(Number), mimeType: expect.stringMatching(/^image\//) });
		expect(firstItem(keyframes).note).toMatch(/n8n does not pass binary files to an AI agent/);
		expect(firstItem(editing)).toMatchObject({ mimeType: 'image/png', width: expect.any(Number), height: expect.any(Number), note: expect.any(String) });
		const link = firstItem(staged);
		expect(link).toMatchObject({ mimeType: 'image/png', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1/), note: expect.stringMatching(/lifecycle rule/) });
		const fetched = Buffer.from(await (await fetch(link.url)).arrayBuffer());
		expect(fetched.length).toBe(link.fileSize);
		measured.push(`keyframes: ${keyframes.result?.slice(0, 300)}`, `image editing (staged): ${staged.result?.slice(0, 400)}`);
	}, 180_000);

	it('5-minute tasks: the pending answer within 65 s for both families, then Get Result collects the finished task', async () => {
		emulator.setLatency({ taskLatencyMs: FIVE_MINUTES, paiJobLatencyMs: FIVE_MINUTES });
		const since = model.rounds().length;
		const [search, pai] = await Promise.all([
			askAgent(server.url, 'agent-ai-search', '[call alibabaVideoSummary]'),
			askAgent(server.url, 'agent-pai', '[call alibabaPaiVideoClassification]'),
		]);
		emulator.setLatency({ taskLatencyMs: SHORT_TASK_MS, paiJobLatencyMs: SHORT_TASK_MS });
		expect([search.status, pai.status]).toEqual([200, 200]);
		const pending = rounds(since);
		const byTool = Object.fromEntries(pending.map((round) => [round.tool, round]));
		const ids: Record<string, string> = {};
		for (const [tool, idName] of [
			['alibabaVideoSummary', 'taskId'],
			['alibabaPaiVideoClassification', 'jobId'],
		] as const) {
			const round = byTool[tool];
			const item = firstItem(round);
			const ms = round.resultAt! - round.calledAt;
			measured.push(`${tool} (5-minute task): pending answer after ${ms} ms: ${round.result?.slice(0, 400)}`);
			expect(ms).toBeLessThanOrEqual(65_000);
			expect(item).toMatchObject({ timedOut: true, [idName]: expect.any(String), nextStep: expect.stringContaining('Get Result tool') });
			ids[tool] = String(item[idName]);
		}
		// The tasks finish in between: the emulator's clock is driven five minutes forward.
		emulator.advance(FIVE_MINUTES);
		const again = model.rounds().length;
		await askAgent(server.url, 'agent-ai-search', `[call alibabaVideoSummaryGetResult] [args {"taskId": "${ids.alibabaVideoSummary}"}]`);
		await askAgent(server.url, 'agent-pai', `[call alibabaPaiVideoClassificationGetResult] [args {"jobId": "${ids.alibabaPaiVideoClassification}"}]`);
		const [summary, classification] = rounds(again);
		expect(summary.arguments).toEqual({ taskId: ids.alibabaVideoSummary });
		expect(firstItem(summary)).toMatchObject({ taskId: ids.alibabaVideoSummary, status: 'SUCCESS' });
		expect(firstItem(summary).timedOut).toBeUndefined();
		expect(firstItem(classification)).toMatchObject({ jobId: ids.alibabaPaiVideoClassification });
		expect(firstItem(classification).timedOut).toBeUndefined();
		for (const round of [summary, classification]) measured.push(`${round.tool} (finished): ${round.resultAt! - round.calledAt} ms: ${round.result?.slice(0, 300)}`);
	}, 240_000);

	it("a failing tool (bad URL): the model receives the node's message and the agent answers", async () => {
		const since = model.rounds().length;
		const answer = await askAgent(server.url, 'agent-ai-search', '[call alibabaImageContent] [args {"url": "not a url"}]');
		expect(answer.status).toBe(200);
		const [round] = rounds(since);
		measured.push(`failing tool: model received ${round.result?.slice(0, 400)}`);
		expect(round.result).toMatch(/URL/);
		expect(JSON.stringify(answer.body)).toContain('alibabaImageContent answered:');
	}, 120_000);

	builderTest("n8n's instance MCP workflow builder finds the package's nodes and describes their parameters", async () => {
		const cookie = await n8n.setupOwner(server.url);
		const rest = async (method: string, path: string, body?: unknown) => {
			const response = await fetch(`${server.url}/rest/${path}`, {
				method,
				headers: { 'Content-Type': 'application/json', cookie },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const json = (await response.json()) as { data?: any };
			expect({ path, status: response.status }).toEqual({ path, status: 200 });
			return json.data ?? json;
		};
		await rest('PATCH', 'mcp/settings', { mcpAccessEnabled: true });
		const key = (await rest('GET', 'mcp/api-key')) as { apiKey: string };
		const mcp = new McpClient(`${server.url}/mcp-server/http`, { Authorization: `Bearer ${key.apiKey}` });
		await mcp.connect();
		const tools = (await mcp.listTools()).map((tool) => tool.name);
		expect(tools).toEqual(expect.arrayContaining(['search_nodes', 'get_node_types']));

		// One query per node, as a builder would search for a service (a query answers its best few matches).
		const search = await mcp.callTool('search_nodes', { queries: packageNodes().map((node) => node.displayName) });
		const found = search.content.map((part) => part.text ?? '').join('');
		expect(search.isError).toBeFalsy();
		const names = packageNodes().map((node) => node.name);
		const listed = names.filter((name) => found.includes(name));
		measured.push(`MCP builder search_nodes(one query per display name) listed ${listed.length}/${names.length} package nodes: ${found.slice(0, 300)}`);
		expect(listed).toEqual(names);

		const described = await mcp.callTool('get_node_types', { nodeIds: [{ nodeId: 'n8n-nodes-alibaba-multimodal.alibabaVideoKeyframes' }, { nodeId: 'n8n-nodes-alibaba-multimodal.alibabaPaiImageEditing' }] });
		const definition = described.content.map((part) => part.text ?? '').join('');
		measured.push(`MCP builder get_node_types: ${definition.length} characters, isError ${String(described.isError ?? false)}: ${definition.slice(0, 300)}`);
		expect(described.isError).toBeFalsy();
		for (const parameter of ['framesOutput', 'intervalSeconds', 'degree']) expect(definition).toContain(parameter);
	}, 120_000);
});
