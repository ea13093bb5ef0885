import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { CREDENTIAL_IDS } from './n8n';
import { PACKAGE_NAME, REPO_ROOT } from './runtime';

export const ALL_NODES_WORKFLOW_ID = 'e2eAllNodesView1';

/** Loads the built node classes (dist/) exactly as n8n does. */
const loadBuilt = createRequire(__filename);

export interface PackageNode {
	name: string;
	displayName: string;
}

/** Every node the package registers, read from the built classes listed in package.json. */
export function packageNodes(): PackageNode[] {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return pkg.n8n.nodes.map((file) => {
		const module = loadBuilt(join(REPO_ROOT, file)) as Record<string, new () => { description: PackageNode }>;
		const NodeClass = Object.values(module)[0];
		const { name, displayName } = new NodeClass().description;
		return { name, displayName };
	});
}

const IMAGE = 'https://images.example.com/gallery/cat-on-sofa.jpg';
const VIDEO = 'https://videos.example.com/shorts/bonsai-care.mp4';

/** The parameters a user fills to make each node ready to run: a link to the file it analyzes. */
export function filledParameters(nodeName: string): Record<string, string> {
	if (nodeName === 'alibabaPaiPostClassification') return { imageUrls: IMAGE, text: 'Bonsai care in winter' };
	if (nodeName === 'alibabaPaiVideoQuality' || nodeName === 'alibabaPaiVideoClassification') return { videoUrl: VIDEO };
	const video = /Video|Transcription/.test(nodeName);
	return { inputType: 'url', url: video ? VIDEO : IMAGE };
}

/** A workflow with one instance of every package node, filled in, laid out in a grid, for the editor check. */
export function allNodesWorkflow() {
	const nodes = packageNodes().map((node, index) => ({
		parameters: filledParameters(node.name),
		id: `d1b2c3d4-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
		name: node.displayName,
		type: `${PACKAGE_NAME}.${node.name}`,
		typeVersion: 1,
		position: [(index % 4) * 260, Math.floor(index / 4) * 200],
		credentials: {
			alibabaMultimodalApi: node.name.startsWith('alibabaPai')
				? { id: CREDENTIAL_IDS.pai, name: 'Alibaba PAI account' }
				: { id: CREDENTIAL_IDS.aiSearch, name: 'Alibaba AI Search account' },
		},
	}));
	return {
		id: ALL_NODES_WORKFLOW_ID,
		name: 'Editor check: every node of the package',
		nodes,
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}
