/**
 * What every node package.json registers must bring with it: a contract row, an example workflow that
 * uses it (each example with its e2e check), an emulator route that answers its first request, and the
 * output schemas shipped beside it. `missingParts` names whatever is absent, node by node.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createAiSearchFamily } from '../../emulator/aiSearch';
import type { ApiFamily } from '../../emulator/family';
import { resolveOptions } from '../../emulator/options';
import { createPaiFamily } from '../../emulator/pai';
import { expectedSignature } from '../../emulator/pai/auth';
import { TaskStore } from '../../emulator/tasks';
import type { RegisteredNode } from '../../registry';
import { PACKAGE, REPO_ROOT } from '../../registry';
import type { Row } from './contractRows';

export interface Sources {
	rows: Record<string, Row>;
	/** Example name (file name without .json) → the node types its workflow uses. */
	examples: Record<string, string[]>;
	/** Example names that have a check in test/e2e/checks/. */
	checks: Set<string>;
	/** Whether nodes/<folder>/__schema__/ holds a schema. */
	hasSchema(folder: string): boolean;
}

export function repositorySources(rows: Record<string, Row>): Sources {
	const examplesDir = join(REPO_ROOT, 'examples');
	const examples = Object.fromEntries(
		readdirSync(examplesDir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => {
				const workflow = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as { nodes: Array<{ type: string }> };
				return [file.replace(/\.json$/, ''), workflow.nodes.map((node) => node.type)];
			}),
	);
	const checks = new Set(readdirSync(join(REPO_ROOT, 'test', 'e2e', 'checks')).map((file) => file.replace(/\.ts$/, '')));
	const hasSchema = (folder: string) => {
		const dir = join(REPO_ROOT, 'nodes', folder, '__schema__');
		return existsSync(dir) && readdirSync(dir, { recursive: true }).some((file) => String(file).endsWith('.json'));
	};
	return { rows, examples, checks, hasSchema };
}

const PAI_APP = { id: 'coverage-app', token: 'coverage-token' };

/** The emulator's two API families in-process, without a server: the same route tables and handlers. */
function emulatorFamilies(): ApiFamily[] {
	const options = resolveOptions({ apiKeys: ['coverage-key'], paiApps: { [PAI_APP.id]: PAI_APP.token }, taskLatencyMs: 0, syncLatencyMs: 0 });
	const sleep = async () => undefined;
	return [createAiSearchFamily({ options, tasks: new TaskStore(), sleep }), createPaiFamily({ options, sleep })];
}

/** Whether the emulator answers the row's first request (the submission or the call) with 200. */
async function emulatorAnswers(families: ApiFamily[], row: Row): Promise<string | undefined> {
	const [first] = row.requests;
	if (!first) return 'the contract row sends no request';
	const url = new URL(first.path, 'http://emulator.test');
	const body = Buffer.from(first.body === undefined ? '' : JSON.stringify(first.body));
	const family = families.find((candidate) => candidate.owns(url.pathname));
	const match = family?.match(first.method, url);
	if (!match || match.reject) return `no emulator route answers ${first.method} ${url.pathname}`;
	const authorization =
		family!.name === 'pai' ? `${PAI_APP.id}:${expectedSignature(PAI_APP.token, first.method, body, url.pathname)}` : 'Bearer coverage-key';
	const result = await match.handle({ method: first.method, url, headers: { authorization }, body, receivedAt: Date.now() });
	return result.status === 200 ? undefined : `the emulator answers ${first.method} ${url.pathname} with ${result.status} ${JSON.stringify(result.payload)}`;
}

/** One line per missing part, naming the node and where the part belongs. Empty: nothing is missing. */
export async function missingParts(nodes: RegisteredNode[], sources: Sources): Promise<string[]> {
	const missing: string[] = [];
	const families = emulatorFamilies();
	const rowsByNode = new Map(Object.values(sources.rows).map((row) => [row.node, row]));
	const registered = new Set(nodes.map((node) => node.type));
	for (const node of nodes) {
		const name = `${node.folder}:`;
		const row = rowsByNode.get(node.type);
		if (!row) missing.push(`${name} no contract row (node: '${node.type}') in test/unit/support/contractRows.ts, so no emulator route is checked either`);
		else {
			const problem = await emulatorAnswers(families, row);
			if (problem) missing.push(`${name} ${problem} (test/emulator/)`);
		}
		const type = `${PACKAGE}.${node.type}`;
		if (!Object.values(sources.examples).some((types) => types.includes(type))) missing.push(`${name} no example workflow in examples/ uses ${type}`);
		if (!sources.hasSchema(node.folder)) missing.push(`${name} no output schema in nodes/${node.folder}/__schema__/ (run npm run schemas)`);
	}
	for (const [example, types] of Object.entries(sources.examples)) {
		// An example that needs a chat model is imported by the e2e stage but not run (no model there), so it has no check.
		const needsLanguageModel = types.some((type) => type.startsWith('@n8n/n8n-nodes-langchain.'));
		if (!needsLanguageModel && !sources.checks.has(example)) missing.push(`examples/${example}.json: no check in test/e2e/checks/${example}.ts`);
	}
	for (const row of Object.values(sources.rows)) {
		if (!registered.has(row.node)) missing.push(`contract row for ${row.node}: no such node in package.json n8n.nodes`);
	}
	return missing;
}
