// Fails when any import circle exists in the package sources (type-only imports included).
// Run by the test command: node -r ts-node/register/transpile-only scripts/imports/check-cycles.ts [root]
import { join, resolve } from 'node:path';

import { buildGraph, findCycles, readSources } from './graph';

const root = process.argv[2] ? resolve(process.argv[2]) : join(__dirname, '..', '..');
const files = readSources(root, ['nodes', 'credentials']);
const graph = buildGraph(files);
const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
const cycles = findCycles(graph);
if (cycles.length > 0) {
	for (const cycle of cycles) console.error(`import circle: ${cycle.join(' → ')}`);
	console.error(`${cycles.length} import circle(s) in ${files.size} files`);
	process.exit(1);
}
console.log(`import graph: ${files.size} files, ${edges} imports, no circles`);
