import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Emulator } from '../emulator';
import { describeEachN8n } from './support/context';
import { itemsOf, type N8nInstance, NODE_TYPE_PREFIX, startN8nWithEmulator } from './support/n8n';
import { REPO_ROOT } from './support/runtime';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const examples = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();
/**
 * Examples with LangChain nodes (an AI Agent and its chat model) need a language model and its credential:
 * they are imported with the others (an import that fails fails the suite), not executed. `n8n execute`
 * ignores pinned data (n8n applies it to manual executions only), so every other example runs its real nodes.
 */
const needsLanguageModel = (file: string) => readFileSync(join(EXAMPLES_DIR, file), 'utf8').includes('"@n8n/n8n-nodes-langchain.');
const runnable = examples.filter((file) => !needsLanguageModel(file));

/**
 * Examples whose later nodes read an earlier node's item through `$('<node>').item`. n8n 1.123.81's `n8n execute`
 * evaluates those expressions to null in an Edit Fields (Set 3.4) node, also with n8n's own No Operation node in
 * place of the package's node (measured), while 2.41.1 resolves them; their checks read those fields, so they run
 * on n8n 2.x only. The package nodes' own output is the same on both (docs/compatibility.md).
 */
const readsPairedItems = (file: string) => readFileSync(join(EXAMPLES_DIR, file), 'utf8').includes("$('");

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

	const runnableHere = runtime.major >= 2 ? runnable : runnable.filter((file) => !readsPairedItems(file));

	it.each(runnableHere)('%s runs and produces the expected items', async (file) => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
		const result = await n8n.execute(workflow.id);
		// n8n 1.123.81's `n8n execute` now and then ends by a signal after printing the complete, finished run (seen
		// on a loaded machine in about one run of fifteen, with nothing on stderr); the printed run is the result there.
		const endedAfterPrinting = runtime.major < 2 && result.signal !== undefined && result.run?.finished === true;
		if ((result.code !== 0 && !endedAfterPrinting) || !result.run) {
			throw new Error(`n8n execute failed (exit ${result.code}${result.signal ? `, ${result.signal}` : ''}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
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
