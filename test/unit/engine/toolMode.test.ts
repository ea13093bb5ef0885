import type { INode } from 'n8n-workflow';

import { isToolCall } from '../../../nodes/shared/core/toolMode';

function node(type: string, extra: Partial<INode> = {}): INode {
	return { id: 'n', name: 'n', type, typeVersion: 1, position: [0, 0], parameters: {}, ...extra };
}

describe('isToolCall: one answer for every path n8n runs a tool on', () => {
	it('is a tool call in the MCP / LangChain SupplyDataContext (isToolExecution true)', () => {
		expect(isToolCall({ getNode: () => node('pkg.alibabaImageContent'), isToolExecution: () => true })).toBe(true);
	});

	it('is a tool call when the AI Agent v3 has n8n-core run it as an ordinary node (rewire to ai_tool)', () => {
		expect(isToolCall({ getNode: () => node('pkg.alibabaImageContent', { rewireOutputLogTo: 'ai_tool' }), isToolExecution: () => false })).toBe(true);
	});

	it('is a tool call on n8n 1.x, where isToolExecution is absent, by the generated Tool type', () => {
		expect(isToolCall({ getNode: () => node('pkg.alibabaImageContentTool') })).toBe(true);
	});

	it('is not a tool call for a node in an ordinary workflow, on n8n 1.x or 2.x', () => {
		expect(isToolCall({ getNode: () => node('pkg.alibabaImageContent') })).toBe(false);
		expect(isToolCall({ getNode: () => node('pkg.alibabaImageContent'), isToolExecution: () => false })).toBe(false);
		expect(isToolCall({ getNode: () => node('pkg.alibabaImageContent', { rewireOutputLogTo: 'main' }) })).toBe(false);
	});
});
