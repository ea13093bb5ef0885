/**
 * Runs every example workflow (both service families) through n8n-core's engine against the emulator,
 * with small stand-ins for the three n8n-nodes-base nodes they use (manual trigger, Code, Set), and
 * applies the same checks as the real-n8n stage (test/e2e/checks). It catches wrong parameters,
 * broken expressions and item pairing in the examples early; the e2e stage remains the real proof.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AlibabaMultimodalApi } from '../../credentials/AlibabaMultimodalApi.credentials';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { aiSearchCredentials, API_KEY, nodeTypes, paiCredentials } from './fixtures';
import { runWorkflow } from './harness';

const EXAMPLES = readdirSync(join(__dirname, '..', '..', 'examples'))
	.filter((file) => file.endsWith('.json'))
	.map((file) => file.replace(/\.json$/, ''));

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
			version: [1, 2, 3.4],
			description: 'Stand-in for an n8n-nodes-base node (engine tests only)',
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties,
		},
		execute,
	};
}

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
	/** Set 3.4 with assignments only (no other fields kept), types number / string / array. */
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
};

describe('example workflows through the n8n engine (with stand-ins for the base nodes)', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { 'pai-demo-app': 'pai-demo-token' }, taskLatencyMs: 300, paiJobLatencyMs: 150 });
	});
	afterAll(async () => {
		await emulator.close();
	});

	// That every registered node appears in an example is checked with its other parts in test/unit/registry.test.ts.
	it.each(EXAMPLES)('%s runs and passes its e2e check', async (name) => {
		const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', `${name}.json`), 'utf8'));
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
		const nodes = (workflow.nodes as INode[]).map((node) => fastPai({ ...node, credentials: undefined }));
		const pai = nodes.some((node) => node.type.includes('.alibabaPai'));
		const result = await runWorkflow({
			nodeTypes: { ...nodeTypes, ...baseNodes },
			credentialTypes: [new AlibabaMultimodalApi()],
			credentials: pai ? paiCredentials(emulator.url, { appId: 'pai-demo-app', token: 'pai-demo-token' }) : aiSearchCredentials(emulator.url),
			nodes,
			connections: workflow.connections,
			firstNode: nodes[0].name,
			items: [{ json: {} }],
			settings: workflow.settings,
		});
		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		const check = (await import(`../e2e/checks/${name}`)).default as (output: (node: string) => Array<Record<string, any>>) => void;
		check((node) => result.output(node).map((item) => item.json));
	});
});
