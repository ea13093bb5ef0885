// The engine's direction is a rule: each rule fails on a planted violation in a temporary tree, and the
// real tree passes. The lint zones run through ESLint itself (a child process, as `npx eslint` runs them);
// the circle check through the graph the test command uses.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { buildGraph, findCycles, readSources, type SourceFiles } from '../../../scripts/imports/graph';

const repo = join(__dirname, '..', '..', '..');
const eslintBin = join(repo, 'node_modules', 'eslint', 'bin', 'eslint.js');
const tsNode = join(repo, 'node_modules', 'ts-node', 'register', 'transpile-only');
const checkCycles = join(repo, 'scripts', 'imports', 'check-cycles.ts');

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
	return new Promise((resolve) => {
		execFile(command, args, { cwd, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
			resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
		});
	});
}

function plant(root: string, files: Record<string, string>): void {
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), text);
	}
}

/** A tree shaped like the package: one file per layer importing the layer below, as allowed. */
const LEGAL: Record<string, string> = {
	'nodes/shared/core/values.ts': 'export const one = 1;\n',
	'nodes/shared/scheduler/budget.ts': "import { one } from '../core/values';\nexport const budget = one;\n",
	'nodes/shared/ui/descriptions.ts': "import { one } from '../core/values';\nexport const label = one;\n",
	'nodes/shared/transport/request.ts': "import { budget } from '../scheduler/budget';\nexport const send = budget;\n",
	'nodes/shared/staging/oss/upload.ts': "import { one } from '../../core/values';\nexport const upload = one;\n",
	'nodes/shared/staging/stager.ts': "import { upload } from './oss/upload';\nimport { send } from '../transport/request';\nexport const stage = upload + send;\n",
	'nodes/shared/work/work.ts': "import { send } from '../transport/request';\nexport const work = send;\n",
	'nodes/shared/io/input.ts': "import { stage } from '../staging/stager';\nexport const input = stage;\n",
	'nodes/shared/capability/runner.ts': "import { input } from '../io/input';\nimport { work } from '../work/work';\nexport const runner = input + work;\n",
	'nodes/aiSearch/protocol.ts': "import { runner } from '../shared/capability/runner';\nexport const aiSearch = runner;\n",
	'nodes/pai/protocol.ts': "import { runner } from '../shared/capability/runner';\nexport const pai = runner;\n",
	'nodes/AlibabaFirst/AlibabaFirst.node.ts': "import { aiSearch } from '../aiSearch/protocol';\nimport { label } from '../shared/ui/descriptions';\nexport const first = aiSearch + label;\n",
	'nodes/AlibabaSecond/AlibabaSecond.node.ts': "import { pai } from '../pai/protocol';\nexport const second = pai;\n",
	'credentials/Api.credentials.ts': "import { send } from '../nodes/shared/transport/request';\nexport const credential = send;\n",
};

/** One file per rule, each breaking it exactly once; the key names the rule it breaks. */
const VIOLATIONS: Record<string, string> = {
	'nodes/shared/core/upward.ts': "import { runner } from '../capability/runner';\nexport const upward = runner;\n",
	'nodes/shared/work/upwardTypeOnly.ts': "import type { input } from './../io/input';\nexport type UpwardTypeOnly = typeof input;\n",
	'nodes/shared/work/peerLayer.ts': "import { stage } from '../staging/stager';\nexport const peer = stage;\n",
	'nodes/shared/staging/oss/upwardFromOss.ts': "import { work } from '../../work/work';\nexport const fromOss = work;\n",
	'nodes/shared/io/familyInShared.ts': "import { pai } from '../../pai/protocol';\nexport const family = pai;\n",
	'nodes/shared/capability/nodeInShared.ts': "import { first } from '../../AlibabaFirst/AlibabaFirst.node';\nexport const node = first;\n",
	'nodes/pai/crossFamily.ts': "import { aiSearch } from '../aiSearch/protocol';\nexport const cross = aiSearch;\n",
	'nodes/aiSearch/nodeInFamily.ts': "import { second } from '../AlibabaSecond/AlibabaSecond.node';\nexport const fromNode = second;\n",
	'nodes/AlibabaSecond/otherNode.ts': "import { first } from '../AlibabaFirst/AlibabaFirst.node';\nexport const other = first;\n",
};

const ESLINT_CONFIG = (root: string): string =>
	`import { layerRules } from ${JSON.stringify(pathToFileURL(join(repo, 'scripts', 'lint', 'layers.mjs')).href)};\n` +
	`export default layerRules(${JSON.stringify(root)});\n`;

interface LintResult {
	filePath: string;
	messages: Array<{ ruleId: string | null; message: string; line: number }>;
}

async function lintTree(root: string, paths: string[]): Promise<LintResult[]> {
	const result = await run(process.execPath, [eslintBin, '--format', 'json', ...paths], root);
	if (result.stdout.trim() === '') throw new Error(`eslint printed no report (exit ${result.code}): ${result.stderr}`);
	return JSON.parse(result.stdout) as LintResult[];
}

describe('layer zones (import-x/no-restricted-paths, scripts/lint/layers.mjs)', () => {
	let root: string;

	beforeAll(() => {
		root = mkdtempSync(join(tmpdir(), 'layer-zones-'));
		plant(root, { ...LEGAL, ...VIOLATIONS, 'eslint.config.mjs': ESLINT_CONFIG(root) });
	});
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('reports each planted violation once, with its reason, and nothing in the legal tree', async () => {
		const results = await lintTree(root, ['.']);
		const problems = new Map<string, LintResult['messages']>();
		for (const result of results) {
			const file = result.filePath.slice(root.length + 1);
			if (result.messages.length > 0) problems.set(file, result.messages);
		}
		expect([...problems.keys()].sort()).toEqual(Object.keys(VIOLATIONS).sort());
		for (const [file, messages] of problems) {
			expect({ file, rules: messages.map((m) => m.ruleId) }).toEqual({ file, rules: ['import-x/no-restricted-paths'] });
		}
		expect(problems.get('nodes/shared/core/upward.ts')![0].message).toContain('imports point down the layers');
		expect(problems.get('nodes/shared/work/upwardTypeOnly.ts')![0].message).toContain('nodes/shared/work sits below');
		expect(problems.get('nodes/shared/work/peerLayer.ts')![0].message).toContain('nodes/shared/work sits below staging');
		expect(problems.get('nodes/shared/staging/oss/upwardFromOss.ts')![0].message).toContain('nodes/shared/staging sits below');
		expect(problems.get('nodes/shared/io/familyInShared.ts')![0].message).toContain('imports no family');
		expect(problems.get('nodes/shared/capability/nodeInShared.ts')![0].message).toContain('imports no family');
		expect(problems.get('nodes/pai/crossFamily.ts')![0].message).toContain('not the other family');
		expect(problems.get('nodes/aiSearch/nodeInFamily.ts')![0].message).toContain('not the other family or a node');
		expect(problems.get('nodes/AlibabaSecond/otherNode.ts')![0].message).toContain('never another node folder');
	});

	it('passes on the real tree', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'layer-zones-real-'));
		try {
			// The real sources, linted with the zones alone (the full lint runs them with every other rule).
			writeFileSync(join(dir, 'eslint.config.mjs'), ESLINT_CONFIG(repo));
			const results = await lintTree(repo, ['--config', join(dir, 'eslint.config.mjs'), 'nodes', 'credentials']);
			expect(results.length).toBeGreaterThan(50);
			expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`))).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('import circles (scripts/imports/graph.ts, type-only imports included)', () => {
	const files = (entries: Record<string, string>): SourceFiles => new Map(Object.entries(entries));

	it('finds a circle closed by a type-only import', () => {
		const graph = buildGraph(
			files({
				'nodes/shared/capability/batchMode.ts': "import type { Capability } from './capability';\nexport type BatchMode = 'off';\n",
				'nodes/shared/capability/capability.ts': "import { BatchMode } from './batchMode';\nexport interface Capability { batch: BatchMode }\n",
			}),
		);
		expect(findCycles(graph)).toEqual([
			['nodes/shared/capability/batchMode.ts', 'nodes/shared/capability/capability.ts', 'nodes/shared/capability/batchMode.ts'],
		]);
	});

	it('finds a circle through a re-export and three files, and none in a chain', () => {
		const circle = files({
			'a.ts': "export { b } from './b';\n",
			'b.ts': "import { c } from './c';\nexport const b = c;\n",
			'c.ts': "import('./a');\nexport const c = 1;\n",
		});
		expect(findCycles(buildGraph(circle))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
		const chain = files({ 'a.ts': "export { b } from './b';\n", 'b.ts': "import { c } from './c';\nexport const b = c;\n", 'c.ts': 'export const c = 1;\n' });
		expect(buildGraph(chain).get('a.ts')).toEqual(['b.ts']);
		expect(findCycles(buildGraph(chain))).toEqual([]);
	});

	it('fails the test command on a planted circle and passes on the real tree', async () => {
		const root = mkdtempSync(join(tmpdir(), 'import-circle-'));
		try {
			plant(root, {
				'nodes/shared/io/imageTypes.ts': "import type { Input } from './input';\nexport type ImageType = Input;\n",
				'nodes/shared/io/input.ts': "import { ImageType } from './imageTypes';\nexport type Input = { type?: ImageType };\n",
			});
			const planted = await run(process.execPath, ['-r', tsNode, checkCycles, root], repo);
			expect(planted.code).toBe(1);
			expect(planted.stderr).toContain('import circle: nodes/shared/io/imageTypes.ts → nodes/shared/io/input.ts → nodes/shared/io/imageTypes.ts');
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
		const real = readSources(repo, ['nodes', 'credentials']);
		expect(real.size).toBeGreaterThan(50);
		expect(findCycles(buildGraph(real))).toEqual([]);
	});
});
