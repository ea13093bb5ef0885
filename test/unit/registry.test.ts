/**
 * package.json → n8n.nodes is the only list of nodes: each one registered there must bring its contract
 * row, example, emulator route and output schemas, and this test names what is missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadNode, registeredNodes, REPO_ROOT } from '../registry';
import { ROWS } from './support/contractRows';
import { missingParts, repositorySources } from './support/coverage';

const PACKAGE_JSON = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');

/** package.json with one more node registered, as the first step of adding a capability would leave it. */
function withExtraNode(folder: string): string {
	const pkg = JSON.parse(PACKAGE_JSON) as { n8n: { nodes: string[] } };
	pkg.n8n.nodes.push(`dist/nodes/${folder}/${folder}.node.js`);
	return JSON.stringify(pkg);
}

describe('package.json is the registry of nodes', () => {
	it('lists node classes whose type name is their folder name', () => {
		const nodes = registeredNodes();
		expect(nodes.length).toBeGreaterThan(0);
		for (const node of nodes) expect(loadNode(node).description.name).toBe(node.type);
	});

	it('every registered node has its contract row, example, e2e check, emulator route and output schemas', async () => {
		expect(await missingParts(registeredNodes(), repositorySources(ROWS))).toEqual([]);
	});

	it('names each part a newly registered node lacks', async () => {
		const missing = await missingParts(registeredNodes(withExtraNode('AlibabaSceneTagging')), repositorySources(ROWS));
		expect(missing).toEqual([
			expect.stringMatching(/^AlibabaSceneTagging: no contract row \(node: 'alibabaSceneTagging'\)/),
			'AlibabaSceneTagging: no example workflow in examples/ uses n8n-nodes-alibaba-multimodal.alibabaSceneTagging',
			expect.stringMatching(/^AlibabaSceneTagging: no output schema in nodes\/AlibabaSceneTagging\/__schema__\//),
		]);
	});

	it('names a contract row the emulator has no route for, an example without its check, a row for no registered node', async () => {
		const sources = repositorySources(ROWS);
		const [name, row] = Object.entries(ROWS)[0];
		const unrouted = { ...row, requests: [{ ...row.requests[0], path: '/v3/openapi/workspaces/default/image-scene-tag/ops-scene-tag-001/async' }] };
		const orphan = { ...row, node: 'alibabaRetired' };
		const [example] = Object.keys(sources.examples).filter((name) => sources.checks.has(name));
		sources.rows = { ...ROWS, [name]: unrouted, Retired: orphan };
		sources.checks = new Set([...sources.checks].filter((check) => check !== example));
		expect(await missingParts(registeredNodes(), sources)).toEqual([
			`${row.node[0].toUpperCase()}${row.node.slice(1)}: no emulator route answers POST /v3/openapi/workspaces/default/image-scene-tag/ops-scene-tag-001/async (test/emulator/)`,
			`examples/${example}.json: no check in test/e2e/checks/${example}.ts`,
			'contract row for alibabaRetired: no such node in package.json n8n.nodes',
		]);
	});
});
