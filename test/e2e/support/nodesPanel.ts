import type { Page } from 'playwright-core';

export const NODE_SEARCH_WORKFLOW_ID = 'e2eNodeSearchWf01';

/** A workflow holding only a trigger: its + handle opens the nodes panel ("What happens next?"). */
export function nodeSearchWorkflow() {
	return {
		id: NODE_SEARCH_WORKFLOW_ID,
		name: 'Editor check: find the nodes by search',
		nodes: [
			{
				parameters: {},
				id: 'd1b2c3d4-0000-4000-8000-100000000001',
				name: "When clicking 'Execute workflow'",
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

const PANEL = '[data-test-id="node-creator"]';
const SEARCH_BAR = '[data-test-id="node-creator-search-bar"]';
const ITEM_NAME = '[data-test-id="node-creator-item-name"]';
const NO_RESULTS = '[data-test-id="node-creator-no-results"]';

/** Clicks the trigger's + handle, as a user adding the next step does, and waits for the nodes panel. */
export async function openNodesPanel(page: Page): Promise<void> {
	const plus = page.locator('[data-test-id="canvas-handle-plus"]').first();
	await plus.waitFor({ timeout: 60_000 });
	await plus.click();
	await page.locator(SEARCH_BAR).waitFor({ timeout: 30_000 });
}

/**
 * Types a query into the nodes panel's search box and returns the names it lists, top to bottom.
 * The list re-renders as the query is typed, so it is read until two reads a moment apart agree.
 */
export async function searchNodesPanel(page: Page, query: string): Promise<string[]> {
	const searchBar = page.locator(SEARCH_BAR);
	await searchBar.fill('');
	await searchBar.pressSequentially(query, { delay: 20 });
	const names = page.locator(`${PANEL} ${ITEM_NAME}`);
	const deadline = Date.now() + 15_000;
	let previous: string | undefined;
	for (;;) {
		await page.waitForTimeout(300);
		const listed = (await names.allTextContents()).map((name) => name.trim()).filter(Boolean);
		const noResults = await page.locator(NO_RESULTS).isVisible();
		const current = JSON.stringify(listed);
		if ((listed.length > 0 || noResults) && current === previous) return listed;
		if (Date.now() > deadline) return listed;
		previous = current;
	}
}
