import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Emulator } from '../emulator';
import { describeEachN8n } from './support/context';
import { packageNodes } from './support/allNodesWorkflow';
import { McpClient } from './support/mcp';
import { CREDENTIAL_IDS, type N8nInstance, type Server, startN8nWithEmulator } from './support/n8n';
import { PACKAGE_NAME } from './support/runtime';

const MCP_WORKFLOW_ID = 'e2eAgentTools001';
const SUMMARY_WORKFLOW_ID = 'e2eRunSummary001';

/** What an agent would pass for each input the tools ask for, by the kind of node. */
function argumentsFor(nodeName: string, schema: { properties?: Record<string, unknown> }): Record<string, string> {
	const video = /video|transcription|keyframes|summary|segmentation/i.test(nodeName);
	const document = /document/i.test(nodeName);
	const file = document ? 'https://docs.example.com/reports/annual-report.pdf' : 'https://images.example.com/gallery/cat-on-sofa.jpg';
	const values: Record<string, string> = {
		url: video ? 'https://videos.example.com/talks/keynote.mp4' : file,
		videoUrl: 'https://videos.example.com/shorts/bonsai-care.mp4',
		imageUrls: 'https://images.example.com/posts/morning-run-cover.jpg',
		text: 'Morning run along the river, 10 km before breakfast',
	};
	return Object.fromEntries(Object.keys(schema.properties ?? {}).map((key) => [key, values[key] ?? 'x']));
}

/** Every Tool variant of the package with its default parameters (only the credential set), behind n8n's MCP Server Trigger. */
function agentToolsWorkflow() {
	const tools = packageNodes().map((node, index) => ({
		parameters: {},
		id: `a1b2c3d4-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
		name: node.name,
		type: `${PACKAGE_NAME}.${node.name}Tool`,
		typeVersion: 1,
		position: [(index % 7) * 200, 300 + Math.floor(index / 7) * 200],
		credentials: {
			alibabaMultimodalApi: node.name.startsWith('alibabaPai')
				? { id: CREDENTIAL_IDS.pai, name: 'Alibaba PAI account' }
				: { id: CREDENTIAL_IDS.aiSearch, name: 'Alibaba AI Search account' },
		},
	}));
	const trigger = {
		parameters: { path: 'alibaba-tools' },
		id: 'a1b2c3d4-0000-4000-8000-100000000000',
		name: 'MCP Server Trigger',
		type: '@n8n/n8n-nodes-langchain.mcpTrigger',
		typeVersion: 2,
		position: [600, 0],
		webhookId: '7a1b7f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5c',
	};
	return {
		id: MCP_WORKFLOW_ID,
		name: 'E2E: every Alibaba tool, defaults only, behind an MCP server',
		nodes: [trigger, ...tools],
		connections: Object.fromEntries(tools.map((tool) => [tool.name, { ai_tool: [[{ node: trigger.name, type: 'ai_tool', index: 0 }]] }])),
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

/** A webhook run of three images through one node, to read its summary back through n8n's public API. */
function runSummaryWorkflow() {
	return {
		id: SUMMARY_WORKFLOW_ID,
		name: 'E2E: run summary in hints and custom data',
		nodes: [
			{
				parameters: { path: 'alibaba-summary', responseMode: 'lastNode', options: {} },
				id: 'b1b2c3d4-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '8a1b7f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5d',
			},
			{
				parameters: {
					jsCode: "return ['a', 'b', 'c'].map((name) => ({ json: { url: `https://images.example.com/batch/${name}.jpg` } }));",
				},
				id: 'b1b2c3d4-0000-4000-8000-000000000002',
				name: 'Images',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				parameters: { inputType: 'url', url: '={{ $json.url }}', options: { pollIntervalSeconds: 0.3 } },
				id: 'b1b2c3d4-0000-4000-8000-000000000003',
				name: 'Extract Image Content',
				type: `${PACKAGE_NAME}.alibabaImageContent`,
				typeVersion: 1,
				position: [440, 0],
				credentials: { alibabaMultimodalApi: { id: CREDENTIAL_IDS.aiSearch, name: 'Alibaba AI Search account' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Images', type: 'main', index: 0 }]] },
			Images: { main: [[{ node: 'Extract Image Content', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

describeEachN8n('real n8n server: AI agent tools and run summaries', (runtime) => {
	let n8n: N8nInstance;
	let emulator: Emulator;
	let server: Server;

	beforeAll(async () => {
		({ n8n, emulator } = await startN8nWithEmulator(`n8n-agent-tools-${runtime.version}`, { taskLatencyMs: 300, paiJobLatencyMs: 300 }, runtime));
		const folder = join(n8n.userFolder, 'agent-workflows');
		mkdirSync(folder);
		for (const workflow of [agentToolsWorkflow(), runSummaryWorkflow()]) writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow));
		await n8n.importWorkflowFolder(folder);
		await n8n.publish(MCP_WORKFLOW_ID);
		await n8n.publish(SUMMARY_WORKFLOW_ID);
		server = await n8n.startMain();
	}, 300_000);

	afterAll(async () => {
		await server?.stop();
		await emulator?.close();
		n8n?.cleanup();
	});

	it('every Tool variant, left at its defaults, asks the agent for a URL and answers with a result', async () => {
		const mcp = new McpClient(`${server.url}/mcp/alibaba-tools`);
		await mcp.connect();
		const tools = await mcp.listTools();
		const expected = agentToolsWorkflow().nodes.filter((node) => node.type.endsWith('Tool'));
		expect(tools.map((tool) => tool.name).sort()).toEqual(expected.map((node) => node.name).sort());

		const failures: string[] = [];
		for (const tool of tools) {
			const inputs = Object.keys(tool.inputSchema.properties ?? {});
			if (tool.name === 'alibabaPaiPostClassification') {
				expect(inputs.sort()).toEqual(['imageUrls', 'text', 'videoUrl']);
			} else {
				expect({ tool: tool.name, inputs }).toEqual({ tool: tool.name, inputs: [expect.stringMatching(/^(url|videoUrl)$/)] });
				expect(tool.inputSchema.required).toEqual(inputs);
			}
			const submissionsBefore = emulator.log.length;
			const result = await mcp.callTool(tool.name, argumentsFor(tool.name, tool.inputSchema));
			const text = result.content.map((part) => part.text ?? '').join('');
			if (result.isError || /error/i.test(text.slice(0, 200))) failures.push(`${tool.name}: ${text.slice(0, 300)}`);
			else expect(emulator.log.length).toBeGreaterThan(submissionsBefore);
		}
		expect(failures).toEqual([]);
	}, 300_000);

	it("tells the run's totals in an execution hint and in custom data, both readable through n8n's public API", async () => {
		const response = await fetch(`${server.url}/webhook/alibaba-summary`);
		expect(response.status).toBe(200);

		const cookie = await n8n.setupOwner(server.url);
		const scopes = (await (await fetch(`${server.url}/rest/api-keys/scopes`, { headers: { cookie } })).json()) as { data: string[] };
		const created = await fetch(`${server.url}/rest/api-keys`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify({ label: 'e2e', expiresAt: null, scopes: scopes.data }),
		});
		const apiKey = ((await created.json()) as { data: { rawApiKey: string } }).data.rawApiKey;
		const headers = { 'X-N8N-API-KEY': apiKey };

		const list = (await (await fetch(`${server.url}/api/v1/executions?workflowId=${SUMMARY_WORKFLOW_ID}`, { headers })).json()) as {
			data: Array<{ id: string }>;
		};
		expect(list.data).toHaveLength(1);
		const execution = (await (await fetch(`${server.url}/api/v1/executions/${list.data[0].id}?includeData=true`, { headers })).json()) as {
			customData: Record<string, string>;
			data: { resultData: { runData: Record<string, Array<{ hints?: Array<{ message: string }> }>> } };
		};
		expect(execution.customData).toMatchObject({ alibabaItems: expect.stringMatching(/^3 items: 3 done/) });
		const hints = execution.data.resultData.runData['Extract Image Content'][0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([expect.stringMatching(/^3 items: 3 done/)]);
	}, 120_000);
});
