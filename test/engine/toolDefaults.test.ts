import { NodeHelpers, type INode, type INodeTypeDescription } from 'n8n-workflow';

import { nodeTypes } from './fixtures';

/** The parameters n8n gives a node that the user added and left untouched, as n8n-workflow resolves them. */
function defaultsOf(description: INodeTypeDescription, asTool: boolean) {
	const typeDescription = asTool ? { ...description, name: `${description.name}Tool` } : description;
	const node: INode = { id: 'n', name: 'n', type: typeDescription.name, typeVersion: 1, position: [0, 0], parameters: {} };
	return NodeHelpers.getNodeParameters(typeDescription.properties, {}, true, false, node, typeDescription) ?? {};
}

/** The parameter an agent fills on each node, and whether the agent may leave it out. */
const AGENT_INPUTS: Record<string, Array<[parameter: string, optional: boolean]>> = {
	alibabaPaiVideoQuality: [['videoUrl', false]],
	alibabaPaiVideoClassification: [['videoUrl', false]],
	alibabaPaiPostClassification: [
		['videoUrl', true],
		['imageUrls', true],
		['text', true],
	],
};

describe('a node used as an AI agent tool is ready with its defaults', () => {
	it.each(Object.values(nodeTypes).map((type) => [type.description.name, type.description]))('%s', (name, description) => {
		const inputs = AGENT_INPUTS[name as string] ?? [['url', false]];
		const asTool = defaultsOf(description as INodeTypeDescription, true);
		const inWorkflow = defaultsOf(description as INodeTypeDescription, false);
		for (const [parameter, optional] of inputs) {
			const fromAi = String(asTool[parameter]);
			expect(fromAi).toMatch(new RegExp(`^=\\{\\{ \\$fromAI\\('${parameter}', '[^']+', 'string'${optional ? ", ''" : ''}\\) \\}\\}$`));
			expect(inWorkflow[parameter] ?? '').not.toMatch(/\$fromAI/);
		}
		// A node with an Input Type choice is a URL node as a tool; in a workflow it keeps the input type a user
		// meets first (a binary file where the service takes one). A node without the choice has neither.
		const inputType = (description as INodeTypeDescription).properties.find((property) => property.name === 'inputType');
		expect(asTool.inputType).toBe(inputType === undefined ? undefined : 'url');
		expect(inWorkflow.inputType).toBe(inputType?.default);
	});
});
