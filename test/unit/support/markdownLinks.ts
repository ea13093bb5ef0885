/**
 * Link checking for the docs without network: every relative link and anchor must resolve, and every
 * external address must be one of those listed in docs/links.md, the one place they are kept.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export interface Link {
	file: string;
	line: number;
	target: string;
}

/** Markdown text without fenced code blocks and inline code, line count kept. */
function withoutCode(text: string): string {
	return text
		.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ''))
		.replace(/`[^`\n]*`/g, '');
}

/** Inline links and images: [text](target "title") and ![alt](target). */
export function linksIn(file: string, text: string): Link[] {
	const links: Link[] = [];
	withoutCode(text)
		.split('\n')
		.forEach((content, index) => {
			for (const match of content.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
				links.push({ file, line: index + 1, target: match[1] });
			}
		});
	return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, duplicates numbered. */
export function anchorsOf(text: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const line of withoutCode(text).split('\n')) {
		const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
		if (heading) {
			const base = heading[1]
				.replace(/<[^>]+>/g, '')
				.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.replace(/\s/g, '-');
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			anchors.add(count === 0 ? base : `${base}-${count}`);
		}
		for (const id of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id[1]);
	}
	return anchors;
}

export const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Markdown files the check covers: README.md, CONTRIBUTING.md and everything under docs/. */
export function docsFiles(root: string): string[] {
	const walk = (dir: string): string[] =>
		readdirSync(join(root, dir)).flatMap((name) => {
			const path = join(dir, name);
			return statSync(join(root, path)).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : [];
		});
	return ['README.md', 'CONTRIBUTING.md'].filter((file) => existsSync(join(root, file))).concat(walk('docs'));
}

/**
 * What is wrong with the links of `files`: a relative target that does not exist, an anchor its page
 * does not have, an external address not listed in docs/links.md. `pending` pages (written on other
 * branches) may be missing; once they exist their anchors are checked like any other.
 */
export function brokenLinks(root: string, files: string[], options: { pending?: string[]; read?: (path: string) => string } = {}): string[] {
	const read = options.read ?? ((path: string) => readFileSync(join(root, path), 'utf8'));
	const exists = (path: string) => (options.read ? files.includes(path) : existsSync(join(root, path)));
	const listed = new Set(linksIn('docs/links.md', exists('docs/links.md') ? read('docs/links.md') : '').filter((link) => isExternal(link.target)).map((link) => link.target));
	const problems: string[] = [];
	for (const file of files) {
		for (const link of linksIn(file, read(file))) {
			const where = `${file}:${link.line} → ${link.target}`;
			if (isExternal(link.target)) {
				if (file !== 'docs/links.md' && !listed.has(link.target)) problems.push(`${where}: external address not listed in docs/links.md`);
				continue;
			}
			const [pathPart, anchor] = link.target.split('#', 2);
			const target = pathPart ? normalize(join(dirname(file), decodeURIComponent(pathPart))) : file;
			if (relative(root, join(root, target)).startsWith('..')) {
				problems.push(`${where}: points outside the repository`);
				continue;
			}
			if (!exists(target)) {
				if (!(options.pending ?? []).includes(target)) problems.push(`${where}: no such file`);
				continue;
			}
			if (anchor && target.endsWith('.md') && !anchorsOf(read(target)).has(anchor)) problems.push(`${where}: ${target} has no heading #${anchor}`);
		}
	}
	return problems;
}
