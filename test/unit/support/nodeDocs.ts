/**
 * The reference tables of the docs, built from the nodes' own descriptions so they cannot drift:
 * each docs/nodes/<Node>.md carries its parameters and options between markers, docs/options.md the
 * options most nodes share (described once), README.md the one operations table. `npm run docs` writes
 * them; test/unit/docs/nodePages.test.ts fails when a page and its node disagree.
 *
 * The nodes come from package.json's `n8n.nodes` (each dist path mapped back to its source), so a node
 * added to the package gets a page, and the tables follow whatever files the descriptions are built from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Options found in at least this many nodes are described once, in docs/options.md. */
const SHARED_MIN_NODES = 5;

export interface PackageNode {
	/** Folder and class name, e.g. AlibabaImageContent */
	className: string;
	description: INodeTypeDescription;
	/** docs/nodes/<className>.md */
	page: string;
}

/** Every node of the package, instantiated from its source in package.json order. */
export async function packageNodes(): Promise<PackageNode[]> {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	const nodes: PackageNode[] = [];
	for (const distPath of pkg.n8n.nodes) {
		const source = distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		const className = source.split('/').pop()!.replace(/\.node\.ts$/, '');
		const module = (await import(join(REPO_ROOT, source))) as Record<string, new () => { description: INodeTypeDescription }>;
		nodes.push({ className, description: new module[className]().description, page: `docs/nodes/${className}.md` });
	}
	return nodes;
}

/** What each node returns and how the service counts it: words, so written here, checked to cover every node. */
export const NODE_SUMMARIES: Record<string, { returns: string; billing: string }> = {
	alibabaImageContent: { returns: 'the text in the image (OCR), or a description with the text (VLM)', billing: 'VLM: output token; OCR: image' },
	alibabaObjectDetection: { returns: 'boxes with confidence, optionally one item per object', billing: 'image' },
	alibabaMainSubject: { returns: 'the main subjects, ranked, with their boxes', billing: 'image, billed as object detection' },
	alibabaTranscription: { returns: 'sentences with times, full text, optional SRT/VTT subtitles', billing: 'request (at least one minute)' },
	alibabaVideoSegmentation: { returns: 'segments with time range, transcript and keyframes', billing: 'request' },
	alibabaVideoKeyframes: { returns: 'frames as binary images (or OSS paths) with their times', billing: 'thousand frames' },
	alibabaVideoSummary: { returns: 'title, summary and tags of the video and of each segment', billing: 'input and output token' },
	alibabaPaiImageQuality: { returns: 'a quality score from 0 to 100 and the image size', billing: 'PAI: per call, see your PAI console' },
	alibabaPaiFaceAnalysis: { returns: 'faces with their boxes and attributes (face shape, hair), or ages with the Age model', billing: 'PAI: per call' },
	alibabaPaiImageTagging: { returns: 'top tags with scores, optional embedding; captions with the AI Painting Tagger', billing: 'PAI: per call' },
	alibabaPaiImageEditing: { returns: 'the edited image as a binary (reshaped figure, watermark removed)', billing: 'PAI: per call' },
	alibabaPaiPostClassification: { returns: 'categories, tags and an embedding of a post (video, images, text)', billing: 'PAI: per job' },
	alibabaPaiVideoQuality: { returns: 'a quality score per video, frame rate, duration, how static it is', billing: 'PAI: per job' },
	alibabaPaiVideoClassification: { returns: 'categories, tags and an embedding per video', billing: 'PAI: per job' },
	alibabaDocumentParsing: { returns: 'the document as Markdown (tables included), or one item per page or chunk', billing: 'see your AI Search console (not yet confirmed)' },
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';

/** A parameter's copy that only an AI agent's tool sees (n8n's `@tool` display condition). */
const isToolCopy = (property: INodeProperties) => property.displayOptions?.show?.['@tool'] !== undefined;

function choiceName(property: INodeProperties, value: unknown): string | undefined {
	const choice = (property.options as INodePropertyOptions[] | undefined)?.find((option) => option.value === value);
	return choice ? String(choice.name) : undefined;
}

function formatDefault(property: INodeProperties): string {
	const value = property.default;
	if (property.type === 'options') {
		const name = choiceName(property, value);
		return name ? name : value === '' ? '—' : code(String(value));
	}
	if (property.type === 'boolean') return value ? 'on' : 'off';
	if (value === '' || value === undefined || value === null) return '—';
	if (typeof value === 'string') return code(value.startsWith('=') ? value.slice(1) : value);
	if (typeof value === 'object') return Object.keys(value).length === 0 ? '—' : code(JSON.stringify(value));
	return String(value);
}

function formatRange(property: INodeProperties): string {
	if (property.type === 'options' || property.type === 'multiOptions') {
		return (property.options as INodePropertyOptions[]).map((option) => `${option.name} (${code(String(option.value))})`).join(', ');
	}
	const { minValue, maxValue } = property.typeOptions ?? {};
	if (minValue === undefined && maxValue === undefined) return '';
	if (maxValue === undefined) return `≥ ${minValue}`;
	if (minValue === undefined) return `≤ ${maxValue}`;
	return `${minValue} – ${maxValue}`;
}

/** "Operation: Get Result" from a display condition, in the names the editor shows. */
function formatShow(property: INodeProperties, siblings: INodeProperties[]): string {
	const show = property.displayOptions?.show ?? {};
	const parts: string[] = [];
	for (const [key, values] of Object.entries(show)) {
		if (key === '@tool') continue;
		const name = key.replace(/^\//, '');
		const owner = siblings.find((other) => other.name === name && !isToolCopy(other));
		const label = owner?.displayName ?? name;
		const shown = (values ?? []).map((value) => (owner ? (choiceName(owner, value) ?? String(value)) : String(value)));
		parts.push(`${label}: ${shown.join(', ')}`);
	}
	return parts.join('; ');
}

const anchorOf = (heading: string) =>
	heading
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');

/** Option name → the nodes that have it (only options of the nodes' "Options" collection). */
function optionUse(nodes: PackageNode[]): Map<string, Array<{ node: PackageNode; option: INodeProperties }>> {
	const use = new Map<string, Array<{ node: PackageNode; option: INodeProperties }>>();
	for (const node of nodes) {
		for (const option of optionsOf(node.description)) {
			use.set(option.name, [...(use.get(option.name) ?? []), { node, option }]);
		}
	}
	return use;
}

function optionsOf(description: INodeTypeDescription): INodeProperties[] {
	const collection = description.properties.find((property) => property.name === 'options' && property.type === 'collection');
	return (collection?.options as INodeProperties[] | undefined) ?? [];
}

function sharedOptionNames(nodes: PackageNode[]): Set<string> {
	return new Set([...optionUse(nodes)].filter(([, uses]) => uses.length >= SHARED_MIN_NODES).map(([name]) => name));
}

/** Parameters (outside the Options collection), collections opened one level, tool copies left out. */
function parameterRows(description: INodeTypeDescription): string[] {
	const top = description.properties.filter((property) => property.name !== 'options' && !isToolCopy(property));
	const rows: string[] = [];
	for (const property of top) {
		const shownWhen = formatShow(property, description.properties);
		if (property.type === 'collection' || property.type === 'fixedCollection') {
			const children = (property.options as Array<INodeProperties | INodePropertyCollection>).flatMap((child) =>
				'values' in child ? child.values : [child as INodeProperties],
			);
			for (const child of children) {
				rows.push(
					`| ${cell(`${property.displayName} → ${child.displayName}`)} | ${child.type} | ${cell(formatDefault(child))} | ${cell(formatRange(child))} | ${cell(child.description ?? '')} | ${cell(shownWhen)} |`,
				);
			}
			continue;
		}
		rows.push(
			`| ${cell(property.displayName)} | ${property.type} | ${cell(formatDefault(property))} | ${cell(formatRange(property))} | ${cell(property.description ?? property.hint ?? '')} | ${cell(shownWhen)} |`,
		);
	}
	return rows;
}

export const MARKER_START = '<!-- generated from the node description by `npm run docs`: do not edit below -->';
export const MARKER_END = '<!-- end of generated section -->';

/** The generated section of one node's page: its parameters and its options. */
export function nodeSection(node: PackageNode, nodes: PackageNode[]): string {
	const shared = sharedOptionNames(nodes);
	const { description } = node;
	const lines = [
		MARKER_START,
		'',
		'### Parameters',
		'',
		'| Parameter | Type | Default | Values or range | Description | Shown when |',
		'|---|---|---|---|---|---|',
		...parameterRows(description),
		'',
		'### Options',
		'',
		`Under **Options → Add Option**. Options marked *shared* work the same on every node: see [Options shared by the nodes](../options.md).`,
		'',
		'| Option | Type | Default | Values or range | Description |',
		'|---|---|---|---|---|',
		...optionsOf(description).map((option) => {
			const text = shared.has(option.name)
				? `*shared*: [${option.displayName}](../options.md#${anchorOf(option.displayName)})`
				: cell(option.description ?? '');
			const shownWhen = formatShow(option, description.properties);
			return `| ${cell(option.displayName)} | ${option.type} | ${cell(formatDefault(option))} | ${cell(formatRange(option))} | ${text}${shownWhen ? ` (${cell(shownWhen)})` : ''} |`;
		}),
		'',
		MARKER_END,
	];
	return lines.join('\n');
}

/** docs/options.md in full: every shared option once, with the defaults the nodes give it. */
export function optionsPage(nodes: PackageNode[]): string {
	const lines = [
		'# Options shared by the nodes',
		'',
		'Every node ends with an **Options** collection (**Add Option**). The options below appear on most nodes and',
		'work the same on each; a node\'s own page lists which of them it has and its defaults, and the options',
		'only it has. This page is generated from the node descriptions by `npm run docs`.',
		'',
	];
	const use = optionUse(nodes);
	for (const name of sharedOptionNames(nodes)) {
		const uses = use.get(name)!;
		const { option } = uses[0];
		const defaults = new Map<string, string[]>();
		for (const { node, option: variant } of uses) {
			const shown = formatDefault(variant);
			defaults.set(shown, [...(defaults.get(shown) ?? []), node.description.displayName.replace(/^Alibaba /, '')]);
		}
		const defaultText =
			defaults.size === 1
				? [...defaults.keys()][0]
				: [...defaults].map(([shown, names]) => `${shown} (${names.join(', ')})`).join('; ');
		// The PAI nodes say "job" (or "job or batch") where the AI Search nodes say "task": one text, one note.
		const worded = uses.map(({ option: variant }) => cell(variant.description ?? ''));
		const neutral = [...new Set(worded.map((text) => text.replace(/jobs or batches|job or batch(e?s)?|jobs?/g, (word) => (word.endsWith('s') ? 'tasks' : 'task'))))];
		const descriptions = neutral.length === 1 && new Set(worded).size > 1 ? [`${neutral[0]} (PAI nodes: *job*, or *job or batch*, for *task*.)`] : [...new Set(worded)];
		const choices = (option.options as INodePropertyOptions[] | undefined)?.filter((choice) => choice.description) ?? [];
		if (option.type === 'options' && choices.length > 0) {
			descriptions.push(choices.map((choice) => `- **${cell(String(choice.name))}**: ${cell(String(choice.description))}`).join('\n'));
		}
		lines.push(
			`## ${option.displayName}`,
			'',
			`- **Type**: ${option.type}${formatRange(option) ? `, ${formatRange(option)}` : ''}`,
			`- **Default**: ${defaultText}`,
			`- **Nodes**: ${uses.length === nodes.length ? 'all' : uses.map(({ node }) => node.description.displayName.replace(/^Alibaba /, '')).join(', ')}`,
			'',
			...descriptions.filter((text) => text).flatMap((text) => [text, '']),
		);
	}
	return `${lines.join('\n').trimEnd()}\n`;
}

const FAMILY = (node: PackageNode) => (node.description.name.startsWith('alibabaPai') ? 'PAI multimedia analysis' : 'AI Search Open Platform');

/** The README's operations table: node → service → operations → inputs → returns → billing unit → page. */
export function operationsTable(nodes: PackageNode[]): string {
	const rows = nodes.map((node) => {
		const { description } = node;
		const find = (name: string) => description.properties.find((property) => property.name === name && !isToolCopy(property));
		const operation = find('operation');
		const operations = operation ? (operation.options as INodePropertyOptions[]).map((option) => option.name).join(', ') : 'one request per item';
		const inputType = find('inputType');
		const inputs = inputType
			? (inputType.options as INodePropertyOptions[])
					.map((option) => (option.value === inputType.default ? `**${option.name}**` : String(option.name)))
					.join(', ')
			: '';
		const services = find('serviceId');
		const service = services
			? `${FAMILY(node)}: ${(services.options as INodePropertyOptions[]).map((option) => code(String(option.value))).join(', ')}`
			: FAMILY(node);
		const summary = NODE_SUMMARIES[description.name];
		const title = description.displayName.replace(/^Alibaba /, '');
		return `| [${title}](${node.page}) | ${service} | ${operations} | ${inputs} | ${summary ? cell(summary.returns) : ''} | ${summary ? cell(summary.billing) : ''} |`;
	});
	return [
		MARKER_START,
		'',
		'| Node | Service | Operations | Inputs (default in bold) | Returns | Billed per |',
		'|---|---|---|---|---|---|',
		...rows,
		'',
		MARKER_END,
	].join('\n');
}

/** The text between the markers (markers included), or undefined when a page has none. */
export function generatedPart(text: string): string | undefined {
	const start = text.indexOf(MARKER_START);
	const end = text.indexOf(MARKER_END);
	if (start < 0 || end < start) return undefined;
	return text.slice(start, end + MARKER_END.length);
}

/** The page with its generated part replaced (or appended when it has none yet). */
export function withGenerated(text: string, section: string): string {
	const current = generatedPart(text);
	if (current === undefined) return `${text.trimEnd()}\n\n${section}\n`;
	return text.replace(current, () => section);
}

/** What differs between two generated sections, row by row, in words a failing test can show. */
export function sectionDrift(onPage: string | undefined, expected: string): string[] {
	if (onPage === undefined) return ['the page has no generated section (run npm run docs)'];
	const pageRows = new Set(onPage.split('\n'));
	const expectedRows = new Set(expected.split('\n'));
	return [
		...[...expectedRows].filter((row) => !pageRows.has(row)).map((row) => `missing on the page: ${row}`),
		...[...pageRows].filter((row) => !expectedRows.has(row)).map((row) => `on the page but not in the node: ${row}`),
	];
}

/** Every file `npm run docs` writes: path → full text. */
export async function docFiles(given?: PackageNode[]): Promise<Record<string, string>> {
	const nodes = given ?? (await packageNodes());
	const files: Record<string, string> = { 'docs/options.md': optionsPage(nodes) };
	for (const node of nodes) {
		const path = join(REPO_ROOT, node.page);
		let text: string;
		try {
			text = readFileSync(path, 'utf8');
		} catch {
			text = `# ${node.description.displayName}\n\n${node.description.description}\n`;
		}
		files[node.page] = withGenerated(text, nodeSection(node, nodes));
	}
	files['README.md'] = withGenerated(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'), operationsTable(nodes));
	return files;
}
