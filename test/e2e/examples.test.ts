import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Emulator } from '../emulator';
import { describeEachN8n } from './support/context';
import { itemsOf, type N8nInstance, NODE_TYPE_PREFIX, startN8nWithEmulator } from './support/n8n';
import { REPO_ROOT } from './support/runtime';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const examples = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();

describeEachN8n('example workflows in real n8n (CLI: import + execute)', (runtime) => {
	let n8n: N8nInstance;
	let emulator: Emulator;

	beforeAll(async () => {
		({ n8n, emulator } = await startN8nWithEmulator(`n8n-examples-${runtime.version}`, { taskLatencyMs: 800, paiJobLatencyMs: 800 }, runtime));
		await n8n.importWorkflowFolder(EXAMPLES_DIR);
	}, 300_000); // a package install and three CLI starts (n8n needs seconds each; minutes on a loaded machine)

	afterAll(async () => {
		await emulator?.close();
		n8n?.cleanup();
	});

	it('has examples, each using this package with its production node type', () => {
		expect(examples.length).toBeGreaterThan(0);
		for (const file of examples) {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
			expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
			expect(workflow.nodes.some((n: { type: string }) => n.type.startsWith(NODE_TYPE_PREFIX))).toBe(true);
		}
	});

	it.each(examples)('%s runs and produces the expected items', async (file) => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
		const result = await n8n.execute(workflow.id);
		if (result.code !== 0 || !result.run) {
			throw new Error(`n8n execute failed (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		}
		expect(result.run.data.resultData.error).toBeUndefined();
		const checkModule = (await import(join(__dirname, 'checks', file.replace(/\.json$/, '')))) as {
			default: (output: (nodeName: string) => Array<Record<string, any>>) => void;
		};
		const check = checkModule.default;
		check((nodeName) => itemsOf(result.run!, nodeName).map((item) => item.json));
	});

	it('keeps the package\'s own headline when a submission\'s outcome is unknown (n8n must not advise an immediate retry)', async () => {
		emulator.clearFaults();
		emulator.addFault({ type: 'drop', match: { kind: 'submit' } });
		try {
			const result = await n8n.execute('exImageContent01');
			const error = result.run?.data.resultData.error as { message?: string; description?: string } | undefined;
			const shown = error ? `${error.message}\n${error.description}` : `${result.stdout}\n${result.stderr}`;
			expect(shown).toMatch(/The connection broke while submitting the task; the service may or may not have received it/);
			expect(shown).toMatch(/not sent again/);
			expect(shown).not.toMatch(/retry the request immediately/i);
		} finally {
			emulator.clearFaults();
		}
	});
});
