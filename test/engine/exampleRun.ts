/**
 * Runs the example workflows of examples/ through n8n-core's engine against the emulator, with small
 * stand-ins for the n8n-nodes-base nodes they use. Shared by the engine test of the examples and by
 * `npm run examples:pin`, which records each example's output as its pinned data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IBinaryKeyData, IConnections, IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AlibabaMultimodalApi } from '../../credentials/AlibabaMultimodalApi.credentials';
import { aiSearchCredentials, nodeTypes, paiCredentials } from './fixtures';
import { runWorkflow } from './harness';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
export const PAI_APP = { appId: 'pai-demo-app', token: 'pai-demo-token' };

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	pinData?: Record<string, Array<{ json: IDataObject }>>;
}

export const exampleNames = () =>
	readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.replace(/\.json$/, ''))
		.sort();

export const readExample = (name: string): ExampleWorkflow => JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8'));

/** Sticky notes are never executed by n8n; they are left out of the run. */
const isNote = (node: INode) => node.type === 'n8n-nodes-base.stickyNote';

/**
 * An example with LangChain nodes (AI Agent, chat model) needs a language model and its credential, which
 * neither the engine nor the headless demo has: it is imported and checked, not executed.
 */
export const needsLanguageModel = (workflow: ExampleWorkflow) => workflow.nodes.some((node) => node.type.startsWith('@n8n/n8n-nodes-langchain.'));

/** PAI jobs are checked every 30 s by default; the examples' async PAI nodes check every 0.1 s here. */
function fastPai(node: INode): INode {
	if (!/alibabaPai(Video|Post)/.test(node.type)) return node;
	const options = (node.parameters.options ?? {}) as IDataObject;
	return { ...node, parameters: { ...node.parameters, options: { ...options, pollIntervalSeconds: 0.1 } } };
}

function standIn(name: string, execute: INodeType['execute'], properties: INodeType['description']['properties'] = []): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: [1, 1.1, 2, 3.4],
			description: 'Stand-in for an n8n-nodes-base node (engine tests only)',
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties,
		},
		execute,
	};
}

const passThrough = async function (this: IExecuteFunctions) {
	return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
};

const baseNodes = {
	'n8n-nodes-base.manualTrigger': standIn('manualTrigger', async function (this: IExecuteFunctions) {
		return [[{ json: {}, pairedItem: { item: 0 } }]];
	}),
	/** Code (Run Once for All Items): runs the script; binary entries given as base64 become real binary data. */
	'n8n-nodes-base.code': standIn('code', async function (this: IExecuteFunctions) {
		const script = this.getNode().parameters.jsCode as string;
		const items = new Function(script)() as Array<{ json: IDataObject; binary?: Record<string, { data: string; fileName: string; mimeType: string }> }>;
		const out: INodeExecutionData[] = [];
		for (const item of items) {
			let binary: IBinaryKeyData | undefined;
			for (const [key, value] of Object.entries(item.binary ?? {})) {
				binary = binary ?? {};
				binary[key] = await this.helpers.prepareBinaryData(Buffer.from(value.data, 'base64'), value.fileName, value.mimeType);
			}
			out.push({ json: item.json, binary, pairedItem: { item: 0 } });
		}
		return [out];
	}, [{ displayName: 'JS Code', name: 'jsCode', type: 'string', default: '' }]),
	/** Set 3.4 with assignments only (no other fields kept), types number / string / array / object. */
	'n8n-nodes-base.set': standIn('set', async function (this: IExecuteFunctions) {
		return [
			this.getInputData().map((_, itemIndex) => {
				const assignments = this.getNodeParameter('assignments.assignments', itemIndex) as Array<{ name: string; value: unknown; type: string }>;
				const json: IDataObject = {};
				for (const { name, value, type } of assignments) json[name] = type === 'number' ? Number(value) : (value as IDataObject);
				return { json, pairedItem: { item: itemIndex } };
			}),
		];
	}, [
		{ displayName: 'Assignments', name: 'assignments', type: 'assignmentCollection', default: {} },
		{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
	]),
	/** Wait (time interval): the engine test does not wait; the real-n8n stage does. */
	'n8n-nodes-base.wait': standIn('wait', passThrough, [
		{ displayName: 'Resume', name: 'resume', type: 'string', default: 'timeInterval' },
		{ displayName: 'Amount', name: 'amount', type: 'number', default: 1 },
		{ displayName: 'Unit', name: 'unit', type: 'string', default: 'seconds' },
	]),
};

/** Runs one example (sticky notes left out, pinned data ignored as `n8n execute` ignores it). */
export async function runExample(workflow: ExampleWorkflow, emulatorUrl: string) {
	const nodes = workflow.nodes.filter((node) => !isNote(node)).map((node) => fastPai({ ...node, credentials: undefined }));
	const pai = nodes.some((node) => node.type.includes('.alibabaPai'));
	return await runWorkflow({
		nodeTypes: { ...nodeTypes, ...baseNodes },
		credentialTypes: [new AlibabaMultimodalApi()],
		credentials: pai ? paiCredentials(emulatorUrl, PAI_APP) : aiSearchCredentials(emulatorUrl),
		nodes,
		connections: workflow.connections,
		firstNode: nodes[0].name,
		items: [{ json: {} }],
		settings: workflow.settings,
	});
}
