/** The benchmark's table: printed to the terminal and written as markdown and JSON for the README. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Row } from './scenarios';

export const COLUMNS = ['what ran', 'wall s', '× bound', 'requests/task', '429s', 'peak RSS growth', 'delivered'] as const;

const fixed = (value: number | undefined, digits: number) => (value === undefined ? '—' : value.toFixed(digits));

export function cells(row: Row): string[] {
	return [
		row.what,
		fixed(row.wallSeconds, 1),
		row.wallSeconds === undefined ? '—' : `${(row.wallSeconds / row.boundSeconds).toFixed(2)}×`,
		fixed(row.requestsPerTask, 2),
		row.throttled === undefined ? '—' : `${row.throttled} (${fixed(row.throttledPercent, 1)} %)`,
		row.rssGrowthMb === undefined ? '—' : `${Math.round(row.rssGrowthMb)} MB`,
		row.delivered ?? '—',
	];
}

function scenariosOf(rows: Row[]): string[] {
	return [...new Set(rows.map((row) => row.scenario))];
}

/** Plain-text table per scenario, columns padded to line up. */
export function textTable(rows: Row[]): string {
	const all = [[...COLUMNS], ...rows.map(cells)];
	const widths = COLUMNS.map((_, c) => Math.max(...all.map((line) => line[c].length)));
	const format = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ');
	const out: string[] = [];
	for (const scenario of scenariosOf(rows)) {
		out.push('', `## ${scenario}`, format([...COLUMNS]), widths.map((w) => '-'.repeat(w)).join('-|-'));
		for (const row of rows.filter((r) => r.scenario === scenario)) {
			out.push(format(cells(row)));
			if (row.note) out.push(`   note: ${row.note}`);
		}
	}
	return out.join('\n');
}

export function markdownTable(rows: Row[], heading: string): string {
	const out = [heading];
	for (const scenario of scenariosOf(rows)) {
		out.push('', `**${scenario}**`, '', `| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map((_, c) => (c === 0 ? '---' : '---:')).join('|')}|`);
		for (const row of rows.filter((r) => r.scenario === scenario)) out.push(`| ${cells(row).join(' | ')} |`);
		const notes = rows.filter((r) => r.scenario === scenario && r.note);
		if (notes.length) out.push('', ...notes.map((r) => `- ${r.what}: ${r.note}`));
	}
	return `${out.join('\n')}\n`;
}

/** Writes results.json and results.md into the folder; returns their paths. */
export function writeResults(folder: string, rows: Row[], heading: string): string[] {
	mkdirSync(folder, { recursive: true });
	const json = join(folder, 'results.json');
	const md = join(folder, 'results.md');
	writeFileSync(json, JSON.stringify({ heading, rows }, null, 2));
	writeFileSync(md, markdownTable(rows, heading));
	return [json, md];
}
