/**
 * The package's one registry of nodes is `package.json` → `n8n.nodes`, the list n8n itself loads.
 * Everything in the tests that needs "every node" (the engine's node types, the contract rows'
 * completeness, example and emulator coverage, the output schemas) reads it from here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

export const REPO_ROOT = join(__dirname, '..');
export const PACKAGE = 'n8n-nodes-alibaba-multimodal';

export interface RegisteredNode {
	/** The node's folder below nodes/ and its class name (AlibabaImageContent). */
	folder: string;
	/** The node's type name as workflows spell it after the package (alibabaImageContent). */
	type: string;
}

/** `dist/nodes/<Folder>/<Folder>.node.js` → its folder and type name (the folder with a lower-case first letter). */
export function registeredNodes(packageJson = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')): RegisteredNode[] {
	const { n8n } = JSON.parse(packageJson) as { n8n: { nodes: string[] } };
	return n8n.nodes.map((file) => {
		const match = /^dist\/nodes\/(\w+)\/(\w+)\.node\.js$/.exec(file);
		if (!match || match[1] !== match[2]) throw new Error(`package.json n8n.nodes: ${file} is not dist/nodes/<Node>/<Node>.node.js`);
		return { folder: match[1], type: match[1][0].toLowerCase() + match[1].slice(1) };
	});
}

/** Loads the TypeScript node classes by their .ts file (not the codex .node.json beside them; the tests run them from source, n8n runs them from dist/). */
const loadSource = createRequire(__filename);

export function loadNode({ folder }: RegisteredNode): INodeType {
	const module = loadSource(join(REPO_ROOT, 'nodes', folder, `${folder}.node.ts`)) as Record<string, new () => INodeType>;
	const NodeClass = module[folder];
	if (!NodeClass) throw new Error(`nodes/${folder}/${folder}.node.ts does not export class ${folder}`);
	return new NodeClass();
}

/** `<package>.<type>` → node instance, for n8n-core's engine. */
export function nodeTypesOf(nodes: RegisteredNode[] = registeredNodes()): Record<string, INodeType> {
	return Object.fromEntries(nodes.map((node) => [`${PACKAGE}.${node.type}`, loadNode(node)]));
}
