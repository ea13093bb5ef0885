/**
 * Runs the PAI example workflows' own node (same parameters) through the in-process engine and applies
 * the e2e checks to its output, so the examples and their checks are exercised before the real-n8n stage.
 * The trigger and the Code/Set source node are replaced by the items they would produce.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import type { HarnessInputItem } from './harness';
import { runWorkflow } from './harness';
import { paiCredentials, paiWorkflow, startPaiEmulator } from './paiFixtures';

const EXAMPLES = [
	'pai-image-quality',
	'pai-face-analysis',
	'pai-image-tagging',
	'pai-image-editing',
	'pai-post-classification',
	'pai-video-quality',
	'pai-video-classification',
];

interface ExampleNode extends INode {
	parameters: Record<string, any>;
}

function sourceItems(source: ExampleNode): HarnessInputItem[] {
	if (source.type === 'n8n-nodes-base.code') {
		return new Function(source.parameters.jsCode as string)() as HarnessInputItem[];
	}
	const json = Object.fromEntries(
		(source.parameters.assignments.assignments as Array<{ name: string; value: string }>).map((a) => [a.name, a.value]),
	);
	return [{ json }];
}

describe('PAI example workflows (their node through the engine, with the e2e checks)', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startPaiEmulator({ paiApps: { 'pai-demo-app': 'pai-demo-token' } });
	});
	afterAll(async () => {
		await emulator.close();
	});

	it.each(EXAMPLES)('%s', async (name) => {
		const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', `${name}.json`), 'utf8'));
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
		const [trigger, source, ours] = workflow.nodes as ExampleNode[];
		expect(trigger.type).toBe('n8n-nodes-base.manualTrigger');
		expect(ours.type.startsWith('n8n-nodes-alibaba-multimodal.alibabaPai')).toBe(true);
		expect(ours.credentials).toEqual({ alibabaMultimodalApi: { id: 'paiEmulatorCred1', name: 'Alibaba PAI (emulator)' } });
		const fast = { ...ours, parameters: { ...ours.parameters, options: { ...(ours.parameters.options ?? {}), pollIntervalSeconds: 0.1 } } };
		const result = await runWorkflow({
			...paiWorkflow(emulator.url, fast, sourceItems(source)),
			credentials: paiCredentials(emulator.url, { appId: 'pai-demo-app', token: 'pai-demo-token' }),
		});
		expect(result.status).toBe('success');
		const check = (await import(`../e2e/checks/${name}`)) as { default: (output: (n: string) => Array<Record<string, any>>) => void };
		check.default((nodeName) => result.output(nodeName).map((item) => item.json as Record<string, any>));
	});
});
