import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * The oldest n8n-workflow the package works with, and the first n8n release that ships it. Every node names its
 * inputs and outputs through NodeConnectionTypes, which n8n-workflow exports from 1.83.0 (n8n 1.85) on; the
 * runtime code type-checks clean against 1.83.0. Below it, n8n would fail to load each node with "Cannot read
 * properties of undefined (reading 'Main')", which names neither the cause nor the fix.
 */
export const N8N_WORKFLOW_FLOOR = '1.83.0';
export const N8N_FLOOR = '1.85';

/** Throws a clear error when `connectionTypes` (n8n-workflow's NodeConnectionTypes export) is missing or foreign. */
export function assertN8nWorkflowFloor(connectionTypes: unknown): void {
	const main = typeof connectionTypes === 'object' && connectionTypes !== null ? (connectionTypes as { Main?: unknown }).Main : undefined;
	if (main === 'main') return;
	throw new Error(
		`n8n-nodes-alibaba-multimodal needs n8n ${N8N_FLOOR} or later (n8n-workflow ${N8N_WORKFLOW_FLOOR} or later), ` +
			`but this n8n's n8n-workflow is older than ${N8N_WORKFLOW_FLOOR}: it has no NodeConnectionTypes. ` +
			'Update n8n (the package is tested on n8n 1.123.x and 2.41.x), or uninstall the package.',
	);
}

/** The check against the n8n-workflow this n8n loaded the package with. */
export function assertLoadedN8nWorkflow(): void {
	assertN8nWorkflowFloor(NodeConnectionTypes);
}
