import { createHash } from 'crypto';
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';

import { AlibabaMultimodalApi } from '../../credentials/AlibabaMultimodalApi.credentials';
import type { Emulator, EmulatorOptions } from '../emulator';
import { nodeTypesOf, PACKAGE } from '../registry';
import { startEmulator } from '../emulator';
import type { HarnessInputItem, RunWorkflowOptions } from './harness';

export const API_KEY = 'OS-engine-test-key-7f3a9c';
export { PACKAGE };

/** Every node package.json registers, by its workflow type (see test/registry.ts). */
export const nodeTypes = nodeTypesOf();

export function aiSearchCredentials(emulatorUrl: string, apiKey = API_KEY) {
	return { alibabaMultimodalApi: { authType: 'aiSearch', endpoint: emulatorUrl, workspace: 'default', apiKey } };
}

export function node(name: string, type: string, parameters: INodeParameters, extra: Partial<INode> = {}): INode {
	return {
		id: name.replace(/\W/g, '-'),
		name,
		type: `${PACKAGE}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { alibabaMultimodalApi: { id: 'cred-1', name: 'Alibaba' } },
		...extra,
	};
}

/** A single-node workflow fed with `items`. */
export function singleNode(
	emulatorUrl: string,
	workflowNode: INode,
	items: HarnessInputItem[],
	extra: Partial<RunWorkflowOptions> = {},
): RunWorkflowOptions {
	return {
		nodeTypes,
		credentialTypes: [new AlibabaMultimodalApi()],
		credentials: aiSearchCredentials(emulatorUrl),
		nodes: [workflowNode],
		connections: {} as IConnections,
		firstNode: workflowNode.name,
		items,
		...extra,
	};
}

/** A chain of nodes, each feeding the next. */
export function chain(emulatorUrl: string, nodes: INode[], items: HarnessInputItem[]): RunWorkflowOptions {
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { ...singleNode(emulatorUrl, nodes[0], items), nodes, connections };
}

/** A small real PNG-like payload with a recognisable hash. */
export function fakeImage(seed: string, bytes = 2048): Buffer {
	const buffer = Buffer.alloc(bytes);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buffer, 0);
	for (let i = 8; i < bytes; i++) buffer[i] = (i * 31 + seed.charCodeAt(i % seed.length)) & 0xff;
	return buffer;
}

export const md5 = (buffer: Buffer) => createHash('md5').update(buffer).digest('hex');

export function urlItems(count: number, prefix = 'https://images.example.com/photo'): HarnessInputItem[] {
	return Array.from({ length: count }, (_, i) => ({ json: { url: `${prefix}-${i}.jpg`, index: i } }));
}

// PAI: an AppID and token instead of an API key; the same node types and workflow builders.

export const PAI_APP_ID = 'engine-pai-app';
export const PAI_TOKEN = 'engine-pai-token-5c1e';

/** How long a PAI job runs in the emulator started by startPaiEmulator (emulator time). */
export const PAI_JOB_MS = 150;

export function startPaiEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return startEmulator({ paiApps: { [PAI_APP_ID]: PAI_TOKEN }, paiJobLatencyMs: PAI_JOB_MS, syncLatencyMs: 5, ...options });
}

export function paiCredentials(endpoint: string, overrides: Record<string, string> = {}) {
	return { alibabaMultimodalApi: { authType: 'pai', endpoint, appId: PAI_APP_ID, token: PAI_TOKEN, ...overrides } };
}

/** PAI nodes are built like the AI Search ones; the harness resolves the credential by type. */
export const paiNode = node;

export function paiWorkflow(
	endpoint: string,
	workflowNode: INode,
	items: HarnessInputItem[],
	extra: Partial<RunWorkflowOptions> = {},
): RunWorkflowOptions {
	return singleNode(endpoint, workflowNode, items, { credentials: paiCredentials(endpoint), ...extra });
}

export const fastPolling = { pollIntervalSeconds: 0.1 };

export function urls(list: string[]): HarnessInputItem[] {
	return list.map((url, index) => ({ json: { url, index } }));
}
