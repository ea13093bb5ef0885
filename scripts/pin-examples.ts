/**
 * `npm run examples:pin`: runs every example against the local emulator (through n8n-core's engine, as the
 * engine test does) and stores the output of its Alibaba nodes as the workflow's pinned data, so an
 * imported example opens with data before a credential exists. Examples that need a language model keep
 * the pinned data they have.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator } from '../test/emulator';
import { EXAMPLES_DIR, exampleNames, needsLanguageModel, PAI_APP, readExample, runExample } from '../test/engine/exampleRun';
import { API_KEY } from '../test/engine/fixtures';

async function main() {
	const emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP.appId]: PAI_APP.token }, taskLatencyMs: 300, paiJobLatencyMs: 150 });
	try {
		for (const name of exampleNames()) {
			const workflow = readExample(name);
			if (needsLanguageModel(workflow)) continue;
			const result = await runExample(workflow, emulator.url);
			if (result.status !== 'success') throw new Error(`${name}: ${result.error?.message ?? result.status}`);
			const pinData: Record<string, Array<{ json: unknown }>> = {};
			for (const node of workflow.nodes.filter((candidate) => candidate.type.startsWith('n8n-nodes-alibaba-multimodal.'))) {
				// Binary data cannot be pinned (n8n pins JSON only); the JSON names each binary's property.
				pinData[node.name] = result.output(node.name).map((item) => ({ json: item.json }));
			}
			writeFileSync(join(EXAMPLES_DIR, `${name}.json`), `${JSON.stringify({ ...workflow, pinData }, null, 2)}\n`);
			console.log(`pinned ${name}`);
		}
	} finally {
		await emulator.close();
	}
}

void main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
