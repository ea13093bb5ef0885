/**
 * npm run demo [-- --once] [-- --port N]
 * Builds and packs the package, starts the local emulator of the Alibaba APIs and a real n8n with the
 * package installed as a community package, runs every example workflow headless and prints what each
 * produced, then keeps the editor open (login printed) until Ctrl-C. --once stops after the examples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator } from '../test/emulator';
import { DEMO_OWNER, EMULATOR_KEYS, emulatorCredentials, itemsOf, N8nInstance, type Server } from '../test/e2e/support/n8n';
import { ensureRuntime, packPackage, REPO_ROOT } from '../test/e2e/support/runtime';

// `npm run demo -- --once` passes the flag to the script; `npm run demo --once` sets npm_config_once instead.
const once = process.argv.includes('--once') || process.env.npm_config_once === 'true';
const portArg = process.argv.indexOf('--port');
const say = (line = '') => process.stdout.write(`${line}\n`);

/** "key: value" pairs of an item, values shortened, wrapped to the terminal width. */
function describeItem(json: Record<string, unknown>, indent: string, width = 118): string[] {
	const short = (value: unknown) => {
		const text = typeof value === 'string' ? value : JSON.stringify(value);
		return text.length > 72 ? `${text.slice(0, 71)}…` : text;
	};
	const lines: string[] = [];
	let line = '';
	for (const [key, value] of Object.entries(json)) {
		const part = `${key}: ${short(value)}`;
		if (line && indent.length + line.length + part.length + 3 > width) {
			lines.push(indent + line);
			line = part;
		} else {
			line = line ? `${line} · ${part}` : part;
		}
	}
	if (line) lines.push(indent + line);
	return lines;
}

async function main() {
	const t0 = Date.now();
	say('Alibaba multimodal nodes for n8n: demo');
	say('1/5 n8n runtime (Node 24 + n8n, cached outside the repository)');
	const runtime = await ensureRuntime(true);
	say('2/5 building and packing the package');
	const tarball = await packPackage();
	say('3/5 starting the emulator of the Alibaba APIs');
	const emulator = await startEmulator({
		apiKeys: [EMULATOR_KEYS.aiSearchApiKey],
		taskLatencyMs: 1500,
		paiApps: { [EMULATOR_KEYS.paiAppId]: EMULATOR_KEYS.paiToken },
		paiJobLatencyMs: 800,
	});
	say(`    emulator: ${emulator.url}`);
	const n8n = await N8nInstance.create(runtime, tarball, 'n8n-demo');
	let server: Server | undefined;
	const shutdown = async (code: number) => {
		await server?.stop();
		await emulator.close();
		n8n.cleanup();
		process.exit(code);
	};
	process.once('SIGINT', () => void shutdown(0));
	process.once('SIGTERM', () => void shutdown(0));

	await n8n.importCredentials(emulatorCredentials(emulator.url));
	const examplesDir = join(REPO_ROOT, 'examples');
	const files = readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort();
	await n8n.importWorkflowFolder(examplesDir);

	say(`4/5 running ${files.length} example workflows in n8n (headless, n8n execute)`);
	let failures = 0;
	for (const file of files) {
		const workflow = JSON.parse(readFileSync(join(examplesDir, file), 'utf8'));
		// An agent example needs a chat model and its credential: it is imported for the editor, not run here.
		if ((workflow.nodes as Array<{ type: string }>).some((node) => node.type.startsWith('@n8n/n8n-nodes-langchain.'))) {
			say();
			say(`── ${workflow.name}  (examples/${file})`);
			say('   imported, not run: it needs a chat model credential (open it in the editor)');
			continue;
		}
		const result = await n8n.execute(workflow.id);
		const runError = result.run?.data.resultData.error?.message;
		say();
		say(`── ${workflow.name}  (examples/${file})`);
		if (result.code !== 0 || !result.run || runError) {
			failures++;
			say(`   FAILED: ${runError ?? `exit ${result.code}`}`);
			continue;
		}
		for (const node of workflow.nodes as Array<{ name: string; type: string }>) {
			if (!node.type.startsWith('n8n-nodes-alibaba-multimodal.')) continue;
			const items = itemsOf(result.run, node.name);
			say(`   ${node.name}: ${items.length} item${items.length === 1 ? '' : 's'}`);
			items.slice(0, 3).forEach((item, index) => {
				const binary = item.binary ? { binary: Object.keys(item.binary).join(', ') } : {};
				describeItem({ ...item.json, ...binary }, '         ').forEach((text, line) =>
					say(line === 0 ? `     [${index}] ${text.trimStart()}` : text),
				);
			});
			if (items.length > 3) say(`     … ${items.length - 3} more`);
		}
	}
	say();
	say(`${files.length - failures} of ${files.length} examples succeeded or were imported (${Math.round((Date.now() - t0) / 1000)} s so far)`);
	if (once) return shutdown(failures === 0 ? 0 : 1);

	say('5/5 starting the n8n editor');
	server = await n8n.startMain(portArg > 0 ? { N8N_PORT: process.argv[portArg + 1] } : {});
	await n8n.setupOwner(server.url);
	say();
	say(`   n8n editor: ${server.url}`);
	say(`   login:      ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
	say(`   The examples and two credentials (AI Search and PAI, pointing at the local emulator) are imported.`);
	say('   Press Ctrl-C to stop n8n and the emulator.');
}

main().catch((error) => {
	process.stderr.write(`demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
