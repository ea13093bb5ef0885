/** Shared fixtures of the PAI engine tests: node types, credentials and a single-node workflow. */
import type { INode } from 'n8n-workflow';

import { AlibabaPaiFaceAnalysis } from '../../nodes/AlibabaPaiFaceAnalysis/AlibabaPaiFaceAnalysis.node';
import { AlibabaPaiImageEditing } from '../../nodes/AlibabaPaiImageEditing/AlibabaPaiImageEditing.node';
import { AlibabaPaiImageQuality } from '../../nodes/AlibabaPaiImageQuality/AlibabaPaiImageQuality.node';
import { AlibabaPaiImageTagging } from '../../nodes/AlibabaPaiImageTagging/AlibabaPaiImageTagging.node';
import { AlibabaPaiPostClassification } from '../../nodes/AlibabaPaiPostClassification/AlibabaPaiPostClassification.node';
import { AlibabaPaiVideoClassification } from '../../nodes/AlibabaPaiVideoClassification/AlibabaPaiVideoClassification.node';
import { AlibabaPaiVideoQuality } from '../../nodes/AlibabaPaiVideoQuality/AlibabaPaiVideoQuality.node';
import type { Emulator, EmulatorOptions } from '../emulator';
import { startEmulator } from '../emulator';
import { node, singleNode } from './fixtures';
import type { HarnessInputItem, RunWorkflowOptions } from './harness';

export const PAI_APP_ID = 'engine-pai-app';
export const PAI_TOKEN = 'engine-pai-token-5c1e';
const PACKAGE = 'n8n-nodes-alibaba-multimodal';

export const paiNodeTypes = {
	[`${PACKAGE}.alibabaPaiImageQuality`]: new AlibabaPaiImageQuality(),
	[`${PACKAGE}.alibabaPaiFaceAnalysis`]: new AlibabaPaiFaceAnalysis(),
	[`${PACKAGE}.alibabaPaiImageTagging`]: new AlibabaPaiImageTagging(),
	[`${PACKAGE}.alibabaPaiImageEditing`]: new AlibabaPaiImageEditing(),
	[`${PACKAGE}.alibabaPaiPostClassification`]: new AlibabaPaiPostClassification(),
	[`${PACKAGE}.alibabaPaiVideoQuality`]: new AlibabaPaiVideoQuality(),
	[`${PACKAGE}.alibabaPaiVideoClassification`]: new AlibabaPaiVideoClassification(),
};

export function startPaiEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return startEmulator({ paiApps: { [PAI_APP_ID]: PAI_TOKEN }, paiJobLatencyMs: 150, syncLatencyMs: 5, ...options });
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
	return singleNode(endpoint, workflowNode, items, { nodeTypes: paiNodeTypes, credentials: paiCredentials(endpoint), ...extra });
}

export const fastPolling = { pollIntervalSeconds: 0.1 };

export function urls(list: string[]): HarnessInputItem[] {
	return list.map((url, index) => ({ json: { url, index } }));
}
