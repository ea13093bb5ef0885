/** Shared fixtures of the PAI engine tests: node types, credentials and a single-node workflow. */
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';

import { AlibabaMultimodalApi } from '../../credentials/AlibabaMultimodalApi.credentials';
import { AlibabaPaiFaceAnalysis } from '../../nodes/AlibabaPaiFaceAnalysis/AlibabaPaiFaceAnalysis.node';
import { AlibabaPaiImageEditing } from '../../nodes/AlibabaPaiImageEditing/AlibabaPaiImageEditing.node';
import { AlibabaPaiImageQuality } from '../../nodes/AlibabaPaiImageQuality/AlibabaPaiImageQuality.node';
import { AlibabaPaiImageTagging } from '../../nodes/AlibabaPaiImageTagging/AlibabaPaiImageTagging.node';
import { AlibabaPaiPostClassification } from '../../nodes/AlibabaPaiPostClassification/AlibabaPaiPostClassification.node';
import { AlibabaPaiVideoClassification } from '../../nodes/AlibabaPaiVideoClassification/AlibabaPaiVideoClassification.node';
import { AlibabaPaiVideoQuality } from '../../nodes/AlibabaPaiVideoQuality/AlibabaPaiVideoQuality.node';
import type { Emulator, EmulatorOptions } from '../emulator';
import { startEmulator } from '../emulator';
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

export function paiNode(name: string, type: string, parameters: INodeParameters, extra: Partial<INode> = {}): INode {
	return {
		id: name.replace(/\W/g, '-'),
		name,
		type: `${PACKAGE}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { alibabaMultimodalApi: { id: 'cred-pai', name: 'Alibaba PAI' } },
		...extra,
	};
}

export function paiWorkflow(
	endpoint: string,
	workflowNode: INode,
	items: HarnessInputItem[],
	extra: Partial<RunWorkflowOptions> = {},
): RunWorkflowOptions {
	return {
		nodeTypes: paiNodeTypes,
		credentialTypes: [new AlibabaMultimodalApi()],
		credentials: paiCredentials(endpoint),
		nodes: [workflowNode],
		connections: {} as IConnections,
		firstNode: workflowNode.name,
		items,
		...extra,
	};
}

export const fastPolling = { pollIntervalSeconds: 0.1 };

export function urls(list: string[]): HarnessInputItem[] {
	return list.map((url, index) => ({ json: { url, index } }));
}
