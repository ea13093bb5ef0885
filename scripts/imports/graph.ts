// The package's import graph as TypeScript sees it, type-only imports and re-exports included, so a
// circle that `import type` hides from the emitted JavaScript still counts: it still ties two files'
// designs together. Works on a real folder or on in-memory files, so a test can plant a circle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** File path (posix, relative to the root) → its source text. */
export type SourceFiles = Map<string, string>;

/** File → the files it imports (relative imports only: packages are not part of the design). */
export type ImportGraph = Map<string, string[]>;

const EXTENSIONS = ['.ts', '.d.ts', '/index.ts'];

/** Reads every .ts file under each folder (relative to root) into memory. */
export function readSources(root: string, folders: string[]): SourceFiles {
	const files: SourceFiles = new Map();
	const walk = (dir: string): void => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (name.endsWith('.ts')) files.set(relative(root, full).split(sep).join('/'), readFileSync(full, 'utf8'));
		}
	};
	for (const folder of folders) if (existsSync(join(root, folder))) walk(join(root, folder));
	return files;
}

function resolveSpecifier(from: string, specifier: string, files: SourceFiles): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = posix.normalize(posix.join(posix.dirname(from), specifier));
	if (files.has(base)) return base;
	for (const extension of EXTENSIONS) if (files.has(base + extension)) return base + extension;
	return undefined;
}

/** Every relative import, `import type`, `export … from` and `import('…')` type of each file. */
export function buildGraph(files: SourceFiles): ImportGraph {
	const graph: ImportGraph = new Map();
	for (const [file, text] of files) {
		const imported = ts.preProcessFile(text, true, true).importedFiles.map((entry) => entry.fileName);
		const targets = new Set<string>();
		for (const specifier of imported) {
			const target = resolveSpecifier(file, specifier, files);
			if (target !== undefined && target !== file) targets.add(target);
		}
		graph.set(file, [...targets].sort());
	}
	return graph;
}

/** Each import circle once, as the files in import order with the first repeated at the end. */
export function findCycles(graph: ImportGraph): string[][] {
	// Tarjan's strongly connected components: every component of more than one file holds a circle.
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const components: string[][] = [];
	const visit = (node: string): void => {
		index.set(node, counter);
		low.set(node, counter);
		counter++;
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!index.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) {
				low.set(node, Math.min(low.get(node)!, index.get(next)!));
			}
		}
		if (low.get(node) === index.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1) components.push(component);
		}
	};
	for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
	return components.map((component) => cycleThrough(component, graph));
}

/** One concrete circle inside a component, found by a breadth-first walk back to its first file. */
function cycleThrough(component: string[], graph: ImportGraph): string[] {
	const members = new Set(component);
	const start = [...component].sort()[0];
	const previous = new Map<string, string>();
	const queue = [start];
	while (queue.length > 0) {
		const node = queue.shift()!;
		for (const next of graph.get(node) ?? []) {
			if (!members.has(next)) continue;
			if (next === start) {
				const path = [node];
				while (path[0] !== start) path.unshift(previous.get(path[0])!);
				return [...path, start];
			}
			if (!previous.has(next)) {
				previous.set(next, node);
				queue.push(next);
			}
		}
	}
	return [...component, component[0]];
}
