/**
 * Runs every example workflow (both service families) through n8n-core's engine against the emulator,
 * with small stand-ins for the n8n-nodes-base nodes they use (manual trigger, Code, Set, Wait), and
 * applies the same checks as the real-n8n stage (test/e2e/checks). It catches wrong parameters, broken
 * expressions and item pairing in the examples early; the e2e stage remains the real proof.
 *
 * It also holds the examples to what a user importing them needs: public inputs the real services can
 * fetch (no example.com, no private bucket), a sticky note saying what the example shows and costs, and
 * pinned output for every Alibaba node, shaped like what the node outputs now (`npm run examples:pin`
 * records it). Pinned data does not stop the real node here or in `n8n execute`: n8n applies pinned data
 * to manual and evaluation executions only (n8n 2.41 WorkflowRunner.resolvePinData), never to the CLI.
 */
import type { INode } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { exampleNames, needsLanguageModel, PAI_APP, readExample, runExample } from './exampleRun';
import { API_KEY, nodeTypes } from './fixtures';

const EXAMPLES = exampleNames();
const RUNNABLE = EXAMPLES.filter((name) => !needsLanguageModel(readExample(name)));
const PACKAGE = 'n8n-nodes-alibaba-multimodal.';

/** Every field path of an item's JSON, nested objects opened, arrays by their first entry. */
function fieldPaths(value: unknown, prefix = ''): string[] {
	if (Array.isArray(value)) return value.length > 0 ? fieldPaths(value[0], `${prefix}[]`) : [prefix];
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...fieldPaths(inner, `${prefix}${key}.`)]);
	return [];
}

describe('example workflows through the n8n engine (with stand-ins for the base nodes)', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP.appId]: PAI_APP.token }, taskLatencyMs: 300, paiJobLatencyMs: 150 });
	});
	afterAll(async () => {
		await emulator.close();
	});

	it('covers every node of the package', () => {
		const types = new Set(EXAMPLES.flatMap((name) => readExample(name).nodes.map((node) => node.type)));
		for (const type of Object.keys(nodeTypes)) expect(types).toContain(type);
	});

	it.each(EXAMPLES)('%s uses only public inputs, explains itself in a sticky note and opens with pinned output', (name) => {
		const workflow = readExample(name);
		// What a user sees of each node: its parameters and the name of the credential it asks for.
		const text = JSON.stringify(workflow.nodes.map((node) => [node.parameters, Object.values(node.credentials ?? {}).map((credential) => credential.name)]));
		expect(text).not.toMatch(/example\.(com|org)|oss:\/\/|localhost|127\.0\.0\.1/);
		expect(text).not.toMatch(/emulator/i);
		const note = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.stickyNote');
		expect(String(note?.parameters.content)).toMatch(/cost|bill|free/i);
		// An agent example opens with a pinned chat message (its tools run only when the model calls them).
		const pinnable = needsLanguageModel(workflow)
			? workflow.nodes.filter((node: INode) => node.type.endsWith('.chatTrigger'))
			: workflow.nodes.filter((node: INode) => node.type.startsWith(PACKAGE));
		expect(pinnable.length).toBeGreaterThan(0);
		for (const node of pinnable) expect({ node: node.name, pinned: (workflow.pinData?.[node.name] ?? []).length > 0 }).toEqual({ node: node.name, pinned: true });
	});

	it.each(RUNNABLE)('%s runs, passes its e2e check, and its pinned output has the fields the nodes output', async (name) => {
		const workflow = readExample(name);
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
		const result = await runExample(workflow, emulator.url);
		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		const check = (await import(`../e2e/checks/${name}`)).default as (output: (node: string) => Array<Record<string, any>>) => void;
		check((node) => result.output(node).map((item) => item.json));
		for (const node of workflow.nodes.filter((candidate) => candidate.type.startsWith(PACKAGE))) {
			const live = new Set(result.output(node.name).flatMap((item) => fieldPaths(item.json)));
			const pinned = new Set((workflow.pinData?.[node.name] ?? []).flatMap((item) => fieldPaths(item.json)));
			expect({ node: node.name, fields: [...pinned].sort() }).toEqual({ node: node.name, fields: [...live].sort() });
		}
	});
});
