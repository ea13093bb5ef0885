import { NodeConnectionTypes } from 'n8n-workflow';

import { assertLoadedN8nWorkflow, assertN8nWorkflowFloor, N8N_FLOOR, N8N_WORKFLOW_FLOOR } from '../../nodes/shared/core/floor';

const FLOOR_MESSAGE = new RegExp(
	`needs n8n ${N8N_FLOOR.replace('.', '\\.')} or later \\(n8n-workflow ${N8N_WORKFLOW_FLOOR.replace(/\./g, '\\.')} or later\\).*has no NodeConnectionTypes`,
);

describe('n8n-workflow floor, checked when a node file loads', () => {
	it('passes on the n8n-workflow the package builds against', () => {
		expect(() => assertLoadedN8nWorkflow()).not.toThrow();
		expect(() => assertN8nWorkflowFloor(NodeConnectionTypes)).not.toThrow();
	});

	it.each([
		['missing (n8n-workflow before 1.83.0)', undefined],
		['without Main', { AiTool: 'ai_tool' }],
		['not an object', 'main'],
	])('names the floor when NodeConnectionTypes is %s', (_case, connectionTypes) => {
		expect(() => assertN8nWorkflowFloor(connectionTypes)).toThrow(FLOOR_MESSAGE);
	});

	// A node file loaded where n8n-workflow lacks NodeConnectionTypes: the load itself fails with the floor,
	// not with "Cannot read properties of undefined (reading 'Main')" when n8n instantiates the node.
	it.each(['AlibabaImageContent', 'AlibabaPaiImageTagging'])('%s refuses to load below the floor, with the floor named', async (nodeName) => {
		let loadError: unknown;
		await jest.isolateModulesAsync(async () => {
			jest.doMock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), NodeConnectionTypes: undefined }));
			try {
				const loaded = (await import(`../../nodes/${nodeName}/${nodeName}.node`)) as Record<string, new () => unknown>;
				new loaded[nodeName]();
			} catch (error) {
				loadError = error;
			}
		});
		jest.dontMock('n8n-workflow');
		expect(loadError).toBeInstanceOf(Error);
		expect(loadError).not.toBeInstanceOf(TypeError);
		expect((loadError as Error).message).toMatch(FLOOR_MESSAGE);
	});

	it('the same node file loads and describes itself on the current n8n-workflow', async () => {
		await jest.isolateModulesAsync(async () => {
			const loaded = await import('../../nodes/AlibabaImageContent/AlibabaImageContent.node');
			expect(new loaded.AlibabaImageContent().description.inputs).toEqual(['main']);
		});
	});
});
