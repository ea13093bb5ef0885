/**
 * The workflows the benchmark runs in real n8n, all behind webhooks of one workflow (one import, one
 * publish). Each entry point receives `{ items: [...] }` in a POST body, splits it into items and
 * answers with every item of its last node when the run ends.
 */
import { CREDENTIAL_IDS, NODE_TYPE_PREFIX } from '../test/e2e/support/n8n';

export const BENCH_WORKFLOW_ID = 'benchThroughput1';
export const IMAGE_SERVICE_PATH = '/v3/openapi/workspaces/default/image-analyze/ops-image-analyze-ocr-001';

/** Webhook paths, one per way of doing the work. */
export const ENTRY = {
	/** The Image Content node with default options, image by URL. */
	node: 'bench-node',
	/** The same node with Max Requests per Second set to 1000, typed in as a user would (the rest default). */
	nodeAtQps: 'bench-node-qps',
	/** HTTP Request (batching at the quota) → Wait → HTTP Request status check → IF, looping back to Wait. */
	stockLoop: 'bench-stock-loop',
	/** The same loop batching with a 10 % margin under the quota (a batch every 1.1 s). */
	stockLoopMargin: 'bench-stock-loop-margin',
	/** Two HTTP Request nodes without batching: submit, then one status check. */
	twoHttp: 'bench-two-http',
	/** HTTP Request downloads each file, then the node uploads it inline (binary input). */
	upload: 'bench-upload',
	/** The download alone: what the upload run costs without the node. */
	download: 'bench-download',
	/** PAI video classification in batch mode, default options. */
	paiBatch: 'bench-pai-batch',
} as const;

type Node = { name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: Record<string, unknown> };
type Chain = { nodes: Node[]; connections: Array<[from: string, to: string, output?: number]> };

let nextId = 0;

function webhook(path: string): Node[] {
	return [
		{
			name: `${path} webhook`,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		},
		{
			name: `${path} items`,
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
		},
	];
}

/** Entry webhook → split into items → the given nodes in a line. */
function line(path: string, nodes: Node[]): Chain {
	const all = [...webhook(path), ...nodes];
	return { nodes: all, connections: all.slice(1).map((node, i) => [all[i].name, node.name]) };
}

function imageNode(name: string, parameters: Record<string, unknown>): Node {
	return {
		name,
		type: `${NODE_TYPE_PREFIX}alibabaImageContent`,
		typeVersion: 1,
		parameters: { operation: 'submitAndWait', serviceId: 'ops-image-analyze-ocr-001', ...parameters },
		credentials: { alibabaMultimodalApi: { id: CREDENTIAL_IDS.aiSearch, name: 'Alibaba AI Search account' } },
	};
}

function httpRequest(name: string, parameters: Record<string, unknown>, options: Record<string, unknown> = {}): Node {
	return { name, type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters: { ...parameters, options }, credentials: undefined };
}

function bearer(apiKey: string) {
	return { sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${apiKey}` }] } };
}

interface Batching {
	size: number;
	intervalMs: number;
}

const batchingOption = (batching?: Batching) => (batching ? { batching: { batch: { batchSize: batching.size, batchInterval: batching.intervalMs } } } : {});

function submitRequest(name: string, emulatorUrl: string, apiKey: string, batching?: Batching): Node {
	return httpRequest(
		name,
		{
			method: 'POST',
			url: `${emulatorUrl}${IMAGE_SERVICE_PATH}/async`,
			...bearer(apiKey),
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ document: { url: $json.url } }) }}',
		},
		batchingOption(batching),
	);
}

function statusRequest(name: string, emulatorUrl: string, apiKey: string, batching?: Batching): Node {
	return httpRequest(
		name,
		{ method: 'GET', url: `=${emulatorUrl}${IMAGE_SERVICE_PATH}/async/task-status?task_id={{ $json.result.task_id }}`, ...bearer(apiKey) },
		batchingOption(batching),
	);
}

/** What a user who knows n8n well builds without this package: batching at the documented quota, a wait of one task time, a loop. */
function stockLoop(path: string, label: string, emulatorUrl: string, apiKey: string, batching: Batching, waitSeconds: number): Chain {
	const head = webhook(path);
	const submit = submitRequest(`${label}: submit`, emulatorUrl, apiKey, batching);
	const wait: Node = { name: `${label}: wait`, type: 'n8n-nodes-base.wait', typeVersion: 1.1, parameters: { resume: 'timeInterval', amount: waitSeconds, unit: 'seconds' } };
	const check = statusRequest(`${label}: status`, emulatorUrl, apiKey, batching);
	const finished: Node = {
		name: `${label}: finished?`,
		type: 'n8n-nodes-base.if',
		typeVersion: 2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
				combinator: 'or',
				conditions: ['SUCCESS', 'FAIL'].map((status) => ({
					id: `loop-${status}`,
					leftValue: '={{ $json.result.status }}',
					rightValue: status,
					operator: { type: 'string', operation: 'equals' },
				})),
			},
			options: {},
		},
	};
	const done: Node = { name: `${label}: done`, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
	return {
		nodes: [...head, submit, wait, check, finished, done],
		connections: [
			[head[0].name, head[1].name],
			[head[1].name, submit.name],
			[submit.name, wait.name],
			[wait.name, check.name],
			[check.name, finished.name],
			[finished.name, done.name, 0],
			[finished.name, wait.name, 1],
		],
	};
}

export interface BenchSetup {
	emulatorUrl: string;
	apiKey: string;
	/** Port of the server that hands out the files to upload. */
	filesUrl: string;
	/** The quota the stock loop batches at (the documented one). */
	stockQuota: number;
	/** The stock loop's wait: one task time. */
	stockWaitSeconds: number;
}

/** Every entry point in one workflow. */
export function benchWorkflow(setup: BenchSetup) {
	const { emulatorUrl, apiKey } = setup;
	const download = (name: string) =>
		httpRequest(name, { method: 'GET', url: `=${setup.filesUrl}/{{ $json.file }}` }, { response: { response: { responseFormat: 'file' } } });
	const chains: Chain[] = [
		line(ENTRY.node, [imageNode('Node: default options', { inputType: 'url', url: '={{ $json.url }}', options: {} })]),
		line(ENTRY.nodeAtQps, [
			imageNode('Node: told the quota', { inputType: 'url', url: '={{ $json.url }}', options: { qps: 1000 } }),
		]),
		stockLoop(ENTRY.stockLoop, 'Loop', emulatorUrl, apiKey, { size: setup.stockQuota, intervalMs: 1000 }, setup.stockWaitSeconds),
		stockLoop(ENTRY.stockLoopMargin, 'Loop with margin', emulatorUrl, apiKey, { size: setup.stockQuota, intervalMs: 1100 }, setup.stockWaitSeconds),
		line(ENTRY.twoHttp, [submitRequest('Plain: submit', emulatorUrl, apiKey), statusRequest('Plain: status', emulatorUrl, apiKey)]),
		line(ENTRY.upload, [download('Upload: download'), imageNode('Upload: node', { inputType: 'binary', binaryPropertyName: 'data', options: {} })]),
		line(ENTRY.download, [download('Download only')]),
		line(ENTRY.paiBatch, [
			{
				name: 'PAI: batch',
				type: `${NODE_TYPE_PREFIX}alibabaPaiVideoClassification`,
				typeVersion: 1,
				parameters: { operation: 'submitAndWait', mode: 'batch', videoUrl: '={{ $json.url }}', model: '', options: {} },
				credentials: { alibabaMultimodalApi: { id: CREDENTIAL_IDS.pai, name: 'Alibaba PAI account' } },
			},
		]),
	];
	const nodes = chains.flatMap((chain, row) =>
		chain.nodes.map((node, column) => ({
			...node,
			id: `b0b0b0b0-0000-4000-8000-${String(++nextId).padStart(12, '0')}`,
			position: [column * 220, row * 200],
			...(node.type === 'n8n-nodes-base.webhook' ? { webhookId: `b1b1b1b1-0000-4000-8000-${String(nextId).padStart(12, '0')}` } : {}),
		})),
	);
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }> = {};
	for (const [from, to, output = 0] of chains.flatMap((chain) => chain.connections)) {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: 0 });
	}
	return { id: BENCH_WORKFLOW_ID, name: 'Benchmark: throughput at the quota', nodes, connections, settings: { executionOrder: 'v1' }, active: false, pinData: {} };
}
