import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDENTIAL_IDS } from './n8n';
import { PACKAGE_NAME } from './runtime';

/** The n8n version of a runtime folder (scripts/e2e/runtime.sh installs one per folder). */
export function n8nVersion(runtime: string): string {
	return (JSON.parse(readFileSync(join(runtime, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
}

const langchainFile = (runtime: string, path: string) => readFileSync(join(runtime, 'node_modules', '@n8n', 'n8n-nodes-langchain', 'dist', 'nodes', path), 'utf8');

/**
 * The versions a user gets when adding the AI Agent and the OpenAI Chat Model in this runtime's editor
 * (read from its node files, so the same test runs on n8n 1.x and 2.x).
 */
export function agentNodeVersions(runtime: string): { agent: number; chatModel: number } {
	const agent = Number(/defaultVersion:\s*([\d.]+)/.exec(langchainFile(runtime, 'agents/Agent/Agent.node.js'))?.[1]);
	const versions = /version:\s*\[([\d.,\s]+)\]/.exec(langchainFile(runtime, 'llms/LMChatOpenAi/LmChatOpenAi.node.js'))?.[1] ?? '1';
	const chatModel = Math.max(...versions.split(',').map(Number));
	if (!Number.isFinite(agent) || !Number.isFinite(chatModel)) throw new Error(`cannot read the AI Agent / OpenAI Chat Model versions of ${runtime}`);
	return { agent, chatModel };
}

export const OPENAI_CREDENTIAL_ID = 'scriptedOpenAi01';

/** The openAiApi credential of n8n's OpenAI Chat Model, its Base URL pointing at the scripted model. */
export function scriptedOpenAiCredential(baseUrl: string) {
	return { id: OPENAI_CREDENTIAL_ID, name: 'Scripted chat model', type: 'openAiApi', data: { apiKey: 'sk-scripted-test', url: baseUrl } };
}

export interface AgentTool {
	/** Node name, and so the tool name the model sees. */
	name: string;
	/** Package node name, e.g. alibabaVideoSummary (its Tool variant is used). */
	node: string;
	/** Parameters besides the defaults; {} for a tool left as added. */
	parameters?: Record<string, unknown>;
	credential: { id: string; name: string };
}

export const credentialFor = (node: string) =>
	node.startsWith('alibabaPai') ? { id: CREDENTIAL_IDS.pai, name: 'Alibaba PAI (emulator)' } : { id: CREDENTIAL_IDS.aiSearch, name: 'Alibaba AI Search (emulator)' };

/**
 * Webhook (POST, answers with the agent's output) → AI Agent (defaults, prompt from the body) with n8n's
 * OpenAI Chat Model (pointed at the scripted model) and the given Alibaba tools.
 */
export function agentWorkflow(options: { id: string; path: string; runtime: string; tools: AgentTool[]; label?: string; key?: number }) {
	const versions = agentNodeVersions(options.runtime);
	const named = (name: string) => (options.label ? `${name} (${options.label})` : name);
	const uuid = (n: number) => `c1b2c3d4-${String(options.key ?? 0).padStart(4, '0')}-4000-8000-${String(n).padStart(12, '0')}`;
	const webhook = {
		parameters: { httpMethod: 'POST', path: options.path, responseMode: 'lastNode', options: {} },
		id: uuid(1),
		name: named('Webhook'),
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: uuid(99),
	};
	const agent = {
		parameters: { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} },
		id: uuid(2),
		name: named('AI Agent'),
		type: '@n8n/n8n-nodes-langchain.agent',
		typeVersion: versions.agent,
		position: [300, 0],
	};
	const model = {
		// Version 1.3 talks to the Responses API (POST /v1/responses) by default; the script speaks Chat
		// Completions, the API of every OpenAI-compatible server, so the node is switched to it.
		parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, responsesApiEnabled: false, options: {} },
		id: uuid(3),
		name: named('OpenAI Chat Model'),
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: versions.chatModel,
		position: [200, 250],
		credentials: { openAiApi: { id: OPENAI_CREDENTIAL_ID, name: 'Scripted chat model' } },
	};
	const tools = options.tools.map((tool, index) => ({
		parameters: tool.parameters ?? {},
		id: uuid(10 + index),
		name: tool.name,
		type: `${PACKAGE_NAME}.${tool.node}Tool`,
		typeVersion: 1,
		position: [400 + (index % 5) * 180, 250 + Math.floor(index / 5) * 180],
		credentials: { alibabaMultimodalApi: tool.credential },
	}));
	const connections: Record<string, unknown> = {
		[webhook.name]: { main: [[{ node: agent.name, type: 'main', index: 0 }]] },
		[model.name]: { ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel', index: 0 }]] },
	};
	for (const tool of tools) connections[tool.name] = { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] };
	return {
		id: options.id,
		name: `E2E agent: ${options.path}`,
		nodes: [webhook, agent, model, ...tools],
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

/** Several agent workflows as one (one import and one publish: each n8n CLI start costs seconds). */
export function combinedWorkflow(id: string, name: string, parts: Array<ReturnType<typeof agentWorkflow>>) {
	return {
		id,
		name,
		nodes: parts.flatMap((part) => part.nodes),
		connections: Object.assign({}, ...parts.map((part) => part.connections)) as Record<string, unknown>,
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

/** POSTs a prompt to an agent webhook; retries while n8n is still registering it. */
export async function askAgent(baseUrl: string, path: string, prompt: string, timeoutMs = 180_000): Promise<{ status: number; body: any; ms: number }> {
	const started = Date.now();
	const deadline = started + 30_000;
	for (;;) {
		const response = await fetch(`${baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ prompt }),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		if (response.status === 404 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			continue;
		}
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: kept as text for the assertion message
		}
		return { status: response.status, body, ms: Date.now() - started };
	}
}
