/**
 * The reference pages cannot drift from the nodes: each docs/nodes/<Node>.md, docs/options.md and the
 * README's operations table must hold exactly what `npm run docs` generates from the node descriptions.
 * The planted changes below prove the comparison sees an option added, removed or given a new default.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import {
	generatedPart,
	NODE_SUMMARIES,
	nodeSection,
	operationsTable,
	optionsPage,
	packageNodes,
	REPO_ROOT,
	sectionDrift,
	type PackageNode,
} from '../support/nodeDocs';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const REPOSITORY = (JSON.parse(read('package.json')).repository.url as string).replace(/^git\+/, '').replace(/\.git$/, '');

let nodes: PackageNode[];
beforeAll(async () => {
	nodes = await packageNodes();
});

/** A copy of a node whose Options collection was changed by `edit`. */
function withOptions(node: PackageNode, edit: (options: INodeProperties[]) => INodeProperties[]): PackageNode {
	const properties = node.description.properties.map((property) =>
		property.name === 'options' ? { ...property, options: edit([...(property.options as INodeProperties[])]) } : property,
	);
	return { ...node, description: { ...node.description, properties } };
}

describe('reference pages generated from the node descriptions', () => {
	it('has a page per node of package.json, matching its description (run npm run docs when this fails)', () => {
		expect(nodes).toHaveLength(15);
		for (const node of nodes) {
			const drift = sectionDrift(generatedPart(read(node.page)), nodeSection(node, nodes));
			expect({ page: node.page, drift }).toEqual({ page: node.page, drift: [] });
		}
	});

	it('documents the shared options once, in docs/options.md', () => {
		expect(read('docs/options.md')).toBe(optionsPage(nodes));
		for (const name of ['Keep Staged Files', 'Workers Sharing the Quota', 'Retry Unconfirmed Submissions']) {
			expect(read('docs/options.md').match(new RegExp(`^## ${name}$`, 'gm'))).toHaveLength(1);
		}
	});

	it("keeps the README's operations table in step with the nodes", () => {
		expect(sectionDrift(generatedPart(read('README.md')), operationsTable(nodes))).toEqual([]);
		expect(Object.keys(NODE_SUMMARIES).sort()).toEqual(nodes.map((node) => node.description.name).sort());
	});

	it("points each node's codex and the credential at their pages in the package's repository", () => {
		for (const node of nodes) {
			const codex = JSON.parse(read(`nodes/${node.className}/${node.className}.node.json`));
			expect(codex.resources.primaryDocumentation[0].url).toBe(`${REPOSITORY}/blob/main/${node.page}`);
			expect(codex.resources.credentialDocumentation[0].url).toBe(`${REPOSITORY}/blob/main/README.md#credentials`);
		}
		expect(read('credentials/AlibabaMultimodalApi.credentials.ts')).toContain(`documentationUrl = '${REPOSITORY}/blob/main/README.md#credentials'`);
		expect(read('README.md')).toMatch(/^## Credentials$/m);
	});

	describe('sees a planted change in a node the page does not have', () => {
		const page = () => generatedPart(read(nodes[0].page));

		it('an option added', () => {
			const changed = withOptions(nodes[0], (options) => [
				...options,
				{ displayName: 'Planted Option', name: 'planted', type: 'boolean', default: false, description: 'Whether to plant' },
			]);
			const drift = sectionDrift(page(), nodeSection(changed, nodes));
			expect(drift).toEqual([expect.stringMatching(/^missing on the page: \| Planted Option \| boolean \| off/)]);
		});

		it('an option removed', () => {
			const changed = withOptions(nodes[0], (options) => options.filter((option) => option.name !== 'keepStagedFiles'));
			expect(sectionDrift(page(), nodeSection(changed, nodes))).toEqual([expect.stringMatching(/^on the page but not in the node: \| Keep Staged Files \|/)]);
		});

		it('a default changed', () => {
			const changed = withOptions(nodes[0], (options) => options.map((option) => (option.name === 'timeoutSeconds' ? { ...option, default: 900 } : option)));
			const drift = sectionDrift(page(), nodeSection(changed, nodes));
			expect(drift).toEqual([
				expect.stringMatching(/^missing on the page: \| Timeout \(Seconds\) \| number \| 900 \|/),
				expect.stringMatching(/^on the page but not in the node: \| Timeout \(Seconds\) \| number \| 600 \|/),
			]);
		});
	});
});
