import type { INode } from 'n8n-workflow';

/** The part of an execution context that tells whether n8n runs the node for an AI agent. */
export interface ToolModeContext {
	getNode(): INode;
	/** n8n ≥ 2: true in the SupplyDataContext of the MCP Server Trigger / LangChain path; absent on n8n 1.x. */
	isToolExecution?: () => boolean;
}

/**
 * Whether this run is a tool call for an AI agent, on every path n8n has:
 * - MCP Server Trigger and LangChain agents (n8n ≥ 2) run the node in a SupplyDataContext whose
 *   `isToolExecution()` is true;
 * - the AI Agent v3 returns engine requests and n8n-core runs the tool as an ordinary node, setting
 *   `rewireOutputLogTo = 'ai_tool'` on it (its ExecuteContext's `isToolExecution()` is false there);
 * - a node added as a tool has n8n's generated type `<name>Tool`, which only ever hangs off an agent or
 *   an MCP Server Trigger (it has no main input). That is the one signal n8n 1.x gives, where
 *   `isToolExecution` does not exist.
 */
export function isToolCall(ctx: ToolModeContext): boolean {
	if (typeof ctx.isToolExecution === 'function' && ctx.isToolExecution()) return true;
	const node = ctx.getNode();
	return node.rewireOutputLogTo === 'ai_tool' || node.type.endsWith('Tool');
}
