/**
 * Every relative link and anchor in README.md, CONTRIBUTING.md and docs/ resolves, and every external
 * address is one of those kept in docs/links.md. No network: the check is about our own pages.
 */
import { brokenLinks, docsFiles } from '../support/markdownLinks';
import { REPO_ROOT } from '../support/nodeDocs';

/**
 * Pages other branches write (linked from the README already): tolerated while absent, checked once they
 * exist. Remove an entry once its page is on main.
 */
const PENDING_PAGES: string[] = [];

describe('links in the docs', () => {
	it('resolve: files, anchors, and external addresses listed in docs/links.md', () => {
		expect(brokenLinks(REPO_ROOT, docsFiles(REPO_ROOT), { pending: PENDING_PAGES })).toEqual([]);
	});

	it('finds a missing file, a missing anchor and an unlisted address (planted in a page)', () => {
		const pages: Record<string, string> = {
			'README.md': '# Top\n\n## Set up, then run\n\n[ok](#set-up-then-run) [a](docs/a.md#part-two) [gone](docs/gone.md) [bad](docs/a.md#nowhere) [web](https://example.org/x)\n\n```\n[in code](nowhere.md)\n```\n',
			'docs/a.md': '# A\n\n## Part two\n\n[back](../README.md#top) [listed](https://example.org/listed)\n',
			'docs/links.md': '# Links\n\n- [listed](https://example.org/listed)\n',
		};
		const problems = brokenLinks('/repo', Object.keys(pages), { read: (path) => pages[path] });
		expect(problems).toEqual([
			'README.md:5 → docs/gone.md: no such file',
			'README.md:5 → docs/a.md#nowhere: docs/a.md has no heading #nowhere',
			'README.md:5 → https://example.org/x: external address not listed in docs/links.md',
		]);
	});
});
