/**
 * One table row per capability: an item's parameters → the requests the service receives, and the
 * service's answers → the item's output. The answers follow the documented contracts (and their
 * quirks: numbers as strings, JSON-encoded PAI results, upper-case X/Y).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROWS } from '../support/contractRows';
import { buildOutputSchemas } from '../support/outputSchemas';
import { runContract } from '../support/contract';

describe('capability contracts: item → requests, answers → output', () => {
	it.each(Object.entries(ROWS))('%s', async (_name, row) => {
		const result = await runContract(row.capability, row.parameters, [...row.answers]);
		expect(result.requests).toEqual(row.requests);
		expect(result.items.map((item) => item.json)).toEqual(row.output);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});

describe('output schemas shipped with the nodes', () => {
	it('match what the nodes output (run `npm run schemas` after changing an output)', async () => {
		const files = await buildOutputSchemas();
		// One schema file per operation of each row's node; test/unit/registry.test.ts ties the rows to package.json.
		expect(Object.keys(files).length).toBeGreaterThanOrEqual(Object.keys(ROWS).length);
		for (const [path, text] of Object.entries(files)) expect(readFileSync(join(__dirname, '..', '..', '..', path), 'utf8')).toBe(text);
	});
});

describe('the wait hint of the asynchronous nodes', () => {
	it.each([
		['AlibabaTranscription', 10],
		['AlibabaVideoSummary', 10],
		['AlibabaPaiVideoQuality', 30],
	])('%s says how long the default wait lasts and how to keep a test short', async (name, minutes) => {
		const module = (await import(`../../../nodes/${name}/${name}.node`)) as Record<string, new () => { description: { hints?: Array<{ message: string; whenToDisplay?: string; location?: string }> } }>;
		const [hint] = new module[name]().description.hints ?? [];
		expect(hint.message).toContain(`up to ${minutes} minutes`);
		expect(hint.message).toMatch(/Submit Only/);
		expect(hint.whenToDisplay).toBe('beforeExecution');
		// n8n 2.41 hides a before-execution hint after the run only outside 'ndv' (RunData's hint filter).
		expect(hint.location).toBe('outputPane');
	});
});
