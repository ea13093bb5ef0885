// The engine's direction as lint rules (import-x/no-restricted-paths): inside nodes/shared every import
// points down the layer order, nodes/shared imports no family and no node, the two families
// (nodes/aiSearch, nodes/pai) do not import each other or any node, and a node folder imports no other
// node folder. Imports are resolved to files first, so `../x`, `./../x` and `import type` count the same.
// Takes the root folder so a test can apply the same rules to a planted tree.
import { readdirSync } from 'node:fs';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/** nodes/shared's layers, lowest first; folders on one level may not import each other either. */
export const LAYERS = [['core'], ['scheduler', 'ui'], ['transport'], ['staging', 'work'], ['io'], ['capability']];
export const FAMILIES = ['aiSearch', 'pai'];

const shared = (layer) => `nodes/shared/${layer}`;

function nodeFolders(root) {
	return readdirSync(path.join(root, 'nodes'), { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && entry.name.startsWith('Alibaba'))
		.map((entry) => `nodes/${entry.name}`)
		.sort();
}

/** One zone per rule: who (target) may not import what (from), with the reason in the message. */
export function layerZones(root) {
	const zones = [];
	LAYERS.forEach((level, depth) => {
		const above = LAYERS.slice(depth + 1).flat();
		for (const layer of level) {
			const peers = level.filter((other) => other !== layer);
			const forbidden = [...peers, ...above];
			if (forbidden.length === 0) continue;
			zones.push({
				target: shared(layer),
				from: forbidden.map(shared),
				message: `nodes/shared/${layer} sits below ${forbidden.join(', ')}: imports point down the layers (${LAYERS.map((l) => l.join('+')).join(' < ')}).`,
			});
		}
	});
	const nodes = nodeFolders(root);
	const familiesAndNodes = [...FAMILIES.map((family) => `nodes/${family}`), ...nodes];
	if (familiesAndNodes.length > 0) {
		zones.push({
			target: 'nodes/shared',
			from: familiesAndNodes,
			message: 'nodes/shared is the engine every family uses: it imports no family (nodes/aiSearch, nodes/pai) and no node.',
		});
	}
	for (const family of FAMILIES) {
		const others = [...FAMILIES.filter((other) => other !== family).map((other) => `nodes/${other}`), ...nodes];
		zones.push({
			target: `nodes/${family}`,
			from: others,
			message: `nodes/${family} is one family: it imports nodes/shared only, not the other family or a node.`,
		});
	}
	for (const node of nodes) {
		const others = nodes.filter((other) => other !== node);
		if (others.length === 0) continue;
		zones.push({
			target: node,
			from: others,
			message: `${node} is one node: it imports nodes/shared and its family, never another node folder.`,
		});
	}
	return zones;
}

/** Flat-config objects that apply the zones to nodes/ and credentials/ under root. */
export function layerRules(root) {
	return [
		{
			files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
			languageOptions: { parser: tsParser },
			plugins: { 'import-x': importX },
			settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })] },
			rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones(root) }] },
		},
	];
}
