/**
 * In-process harness that runs a workflow through n8n's real execution engine
 * (n8n-core `WorkflowExecute.processRunExecutionData`), with real HTTP (n8n-core's axios
 * helpers), real binary data handling (BinaryDataService, memory or filesystem mode) and real
 * cancellation (PCancelable.cancel() -> AbortController -> getExecutionCancelSignal()).
 *
 * `./env` must stay the first import: it points N8N_USER_FOLDER at a temp folder before
 * anything touches n8n-core's DI container (n8n-core is only required lazily, in ./core).
 */
import './env';

import type { ExecutionLifecycleHooks as ExecutionLifecycleHooksType } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { packageClock } from '../../../nodes/shared/core/time';
import { acquireBinaryMode, container, ensureInitialised, type BinaryMode } from './core';
import { HarnessCredentialsHelper } from './credentials-helper';
import { cleanupHarnessTempRoot, harnessTempRoot } from './env';
import { HarnessNodeTypes } from './node-types';
import {
	HARNESS_START_NODE_NAME,
	HARNESS_START_NODE_TYPE,
	createStartNodeType,
	type HarnessInputItem,
} from './start-node';

export { HARNESS_START_NODE_NAME, HARNESS_START_NODE_TYPE, harnessTempRoot };
export type { BinaryMode, HarnessInputItem };
export { HarnessCredentialsHelper } from './credentials-helper';
export { HarnessNodeTypes } from './node-types';
export { captureLog, type CapturedLog, type LogLine } from './log';

export interface RunWorkflowOptions {
	/** Extra node types by full type name, e.g. {'n8n-nodes-alibaba-multimodal.alibabaImageContent': new AlibabaImageContent()}. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** Credential classes (instances) the workflow uses. */
	credentialTypes?: ICredentialType[];
	/** Credential type name -> decrypted data; any credential id of that type resolves to it. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Workflow nodes, WITHOUT the start node. Cloned, so fixtures can be reused. */
	nodes: INode[];
	/** Connections between those nodes. */
	connections: IConnections;
	/** Name of the node the start node feeds. */
	firstNode: string;
	/** Items the start node emits (binaries go through real prepareBinaryData). */
	items: HarnessInputItem[];
	/** 'default' (memory, base64 inline) or 'filesystem' (stored on disk, items carry `binaryData.id`). Default 'default'. */
	binaryMode?: BinaryMode;
	/** Cancel the execution (PCancelable.cancel()) after this many ms. */
	cancelAfterMs?: number;
	/** Workflow settings; default `{ executionOrder: 'v1' }` (what new n8n workflows use). */
	settings?: IWorkflowSettings;
}

export interface WorkflowRunResult {
	run: IRun;
	/** run.status: 'success' | 'error' | 'canceled' | ... */
	status: string;
	/**
	 * run.data.resultData.error. NOTE: n8n stores a spread copy (`{...error, message, stack}`),
	 * so this is a plain object, not `instanceof Error`; use `.message`, `.name`, `.description`, `.node`.
	 */
	error?: Error & { description?: string; node?: { name: string } };
	/** Items of the node's last run on that output ([] if none). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	durationMs: number;
	/** When cancel() was called, relative to start. */
	cancelledAtMs?: number;
}

let executionCounter = 0;

const WORKFLOW_ID = 'harness-workflow';

function withStartNode(options: RunWorkflowOptions): { nodes: INode[]; connections: IConnections } {
	const nodes = structuredClone(options.nodes);
	if (nodes.some((n) => n.name === HARNESS_START_NODE_NAME)) {
		throw new Error(`engine harness: node name "${HARNESS_START_NODE_NAME}" is reserved`);
	}
	if (!nodes.some((n) => n.name === options.firstNode)) {
		throw new Error(`engine harness: firstNode "${options.firstNode}" is not among the nodes`);
	}
	const start: INode = {
		id: 'harness-start',
		name: HARNESS_START_NODE_NAME,
		type: HARNESS_START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections = structuredClone(options.connections);
	connections[HARNESS_START_NODE_NAME] = {
		main: [[{ node: options.firstNode, type: 'main', index: 0 }]],
	};
	return { nodes: [start, ...nodes], connections };
}

/**
 * Nodes without a `credentials` entry get a reference to every credential type their
 * description lists and the test supplied a fixture for (what the n8n UI does when you pick
 * a credential). Pass `credentials: {}` on a node to opt out.
 */
function attachCredentials(
	nodes: INode[],
	nodeTypes: HarnessNodeTypes,
	fixtures: Record<string, ICredentialDataDecryptedObject>,
): void {
	for (const node of nodes) {
		if (node.credentials !== undefined || node.type === HARNESS_START_NODE_TYPE) continue;
		const described = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.credentials;
		const refs: NonNullable<INode['credentials']> = {};
		for (const { name } of described ?? []) {
			if (fixtures[name] !== undefined) refs[name] = { id: `harness-${name}`, name: `${name} (harness)` };
		}
		if (Object.keys(refs).length > 0) node.credentials = refs;
	}
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	const binaryMode = options.binaryMode ?? 'default';
	const { core, release } = await acquireBinaryMode(binaryMode);
	try {
		const { WorkflowExecute, ExecutionLifecycleHooks } = core;

		const nodeTypes = new HarnessNodeTypes({
			...options.nodeTypes,
			[HARNESS_START_NODE_TYPE]: createStartNodeType(options.items),
		});
		const fixtures = options.credentials ?? {};
		const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes ?? [], fixtures);

		const { nodes, connections } = withStartNode(options);
		attachCredentials(nodes, nodeTypes, fixtures);
		const settings: IWorkflowSettings = options.settings ?? { executionOrder: 'v1' };
		const workflow = new Workflow({
			id: WORKFLOW_ID,
			name: 'Engine harness workflow',
			nodes,
			connections,
			nodeTypes,
			settings,
			active: false,
		});

		const executionId = `harness-${process.pid}-${++executionCounter}`;
		const now = new Date();
		const workflowData: IWorkflowBase = {
			id: WORKFLOW_ID,
			name: 'Engine harness workflow',
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: now,
			updatedAt: now,
			nodes,
			connections,
			settings,
		};
		const hooks: ExecutionLifecycleHooksType = new ExecutionLifecycleHooks('manual', executionId, workflowData);
		let hookRun: IRun | undefined;
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
			hookRun ??= fullRunData;
		});

		const additionalData = {
			credentialsHelper,
			hooks,
			executionId,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			variables: {},
			workflowSettings: settings,
			executeWorkflow: async () => {
				throw new Error('engine harness: sub-workflows are not supported');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('engine harness: task runners are not supported');
			},
		} as unknown as IWorkflowExecuteAdditionalData;

		const startNode = workflow.getNode(HARNESS_START_NODE_NAME)!;
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
			},
		});

		const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		// The package's clock: virtual in engine tests (see support/virtualTime.ts), so are durations and the cancel.
		const startedAt = packageClock.now();
		let execution: ReturnType<typeof workflowExecute.processRunExecutionData>;
		try {
			execution = workflowExecute.processRunExecutionData(workflow);
		} catch (error) {
			// WorkflowHasIssuesError is thrown synchronously; say which parameters are missing.
			const issues = workflowExecute.checkReadyForExecution(workflow, { startNode: HARNESS_START_NODE_NAME });
			if (issues) (error as Error).message += `: ${JSON.stringify(issues)}`;
			throw error;
		}

		let cancelledAtMs: number | undefined;
		const stopCancel = new AbortController();
		if (options.cancelAfterMs !== undefined) {
			packageClock
				.pause(options.cancelAfterMs, stopCancel.signal)
				.then(() => {
					cancelledAtMs = packageClock.now() - startedAt;
					execution.cancel();
				})
				.catch(() => undefined);
		}

		let run: IRun;
		try {
			// Resolves once the engine loop has really stopped (after cancel: once the running
			// node has returned), with onCancel.shouldReject=false, so no CancelError.
			run = await execution;
		} finally {
			stopCancel.abort();
		}
		run ??= hookRun!;
		const durationMs = packageClock.now() - startedAt;

		return {
			run,
			status: run.status,
			error: run.data.resultData.error as WorkflowRunResult['error'],
			output(nodeName: string, outputIndex = 0): INodeExecutionData[] {
				const tasks = run.data.resultData.runData[nodeName];
				const last = tasks?.[tasks.length - 1];
				return last?.data?.main?.[outputIndex] ?? [];
			},
			durationMs,
			cancelledAtMs,
		};
	} finally {
		release();
	}
}

/**
 * Reads an output binary back through n8n-core's BinaryDataService (works for inline base64
 * in 'default' mode and for `filesystem-v2:` ids in 'filesystem' mode).
 */
export async function binaryBuffer(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property];
	if (!binary) {
		throw new Error(
			`engine harness: item has no binary property "${property}" (has: ${Object.keys(item.binary ?? {}).join(', ') || 'none'})`,
		);
	}
	const core = await ensureInitialised();
	return await container().get(core.BinaryDataService).getAsBuffer(binary);
}

/** Removes the harness temp folder now (also done automatically in jest's afterAll). */
export function cleanupHarness(): void {
	cleanupHarnessTempRoot();
}
