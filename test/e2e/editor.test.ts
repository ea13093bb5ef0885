import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import type { Emulator } from '../emulator';
import { allNodesWorkflow, ALL_NODES_WORKFLOW_ID, packageNodes } from './support/allNodesWorkflow';
import { CREDENTIAL_IDS, DEMO_OWNER, type N8nInstance, type Server, startN8nWithEmulator } from './support/n8n';
import { NODE_SEARCH_WORKFLOW_ID, nodeSearchWorkflow, openNodesPanel, searchNodesPanel } from './support/nodesPanel';
import { REPO_ROOT } from './support/runtime';

const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * What users type into the nodes panel, and the nodes it must offer first among this package's.
 * Search matches a node's display name and its codex aliases (nodes/<Name>/<Name>.node.json).
 */
const SEARCHES: Array<[query: string, expected: string[]]> = [
	['OCR', ['Alibaba Image Content Extraction']],
	['text from image', ['Alibaba Image Content Extraction']],
	['image to text', ['Alibaba Image Content Extraction']],
	['object detection', ['Alibaba Object Detection']],
	['face', ['Alibaba PAI Face Analysis', 'Alibaba Object Detection']],
	['transcribe', ['Alibaba Transcription']],
	['speech to text', ['Alibaba Transcription']],
	['subtitles', ['Alibaba Transcription']],
	[
		'video',
		[
			'Alibaba Video Segmentation',
			'Alibaba Video Keyframes',
			'Alibaba Video Summarization',
			'Alibaba PAI Video Quality',
			'Alibaba PAI Video Classification',
			'Alibaba Transcription',
		],
	],
	['keyframes', ['Alibaba Video Keyframes']],
	['frames', ['Alibaba Video Keyframes']],
	['summary', ['Alibaba Video Summarization']],
	['summarize', ['Alibaba Video Summarization']],
	['image quality', ['Alibaba PAI Image Quality']],
	['tags', ['Alibaba PAI Image Tagging']],
	['tagging', ['Alibaba PAI Image Tagging']],
	['watermark', ['Alibaba PAI Image Editing']],
	['classify', ['Alibaba PAI Post Classification', 'Alibaba PAI Video Classification']],
];

/** Examples shown after a real run: imported without their pinned data, so Execute workflow runs every node. */
const SHOWCASE = { pipeline: 'folder-to-table', keyframes: 'video-keyframes', agent: 'agent-with-alibaba-tools' } as const;
function showcaseWorkflow(name: string): Record<string, unknown> {
	const workflow = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', `${name}.json`), 'utf8'));
	return { ...workflow, pinData: {} };
}

const CONTINUE_ON_FAIL_ID = 'edContinueOnFai1';
/** Two images, the second one the service cannot download: with On Error = Continue it becomes an error item. */
function continueOnFailWorkflow(): Record<string, unknown> {
	const trigger = "When clicking 'Execute workflow'";
	return {
		id: CONTINUE_ON_FAIL_ID,
		name: 'Continue On Fail: one image the service cannot download',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'c0f1a000-0000-4000-8000-000000000001', name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'c0f1a000-0000-4000-8000-000000000002',
				name: 'Images',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode:
						"return [\n  { json: { url: 'https://help-static-aliyun-doc.aliyuncs.com/assets/img/zh-CN/6802494071/p756843.png' } },\n  { json: { url: 'https://help-static-aliyun-doc.aliyuncs.com/assets/img/zh-CN/removed/failed-upload.png' } },\n];",
				},
			},
			{
				id: 'c0f1a000-0000-4000-8000-000000000003',
				name: 'Read Text',
				type: 'n8n-nodes-alibaba-multimodal.alibabaImageContent',
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: { operation: 'submitAndWait', serviceId: 'ops-image-analyze-ocr-001', inputType: 'url', url: '={{ $json.url }}', options: {} },
				credentials: { alibabaMultimodalApi: { id: CREDENTIAL_IDS.aiSearch, name: 'Alibaba AI Search account' } },
			},
		],
		connections: {
			[trigger]: { main: [[{ node: 'Images', type: 'main', index: 0 }]] },
			Images: { main: [[{ node: 'Read Text', type: 'main', index: 0 }]] },
		},
	};
}

describe('editor check: the n8n editor finds every node by search and shows it as installed, with its parameters', () => {
	let n8n: N8nInstance;
	let emulator: Emulator;
	let server: Server;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		({ n8n, emulator } = await startN8nWithEmulator('n8n-editor', { taskLatencyMs: 300 }));
		const workflows = join(n8n.userFolder, 'editor-workflows');
		mkdirSync(workflows);
		for (const workflow of [allNodesWorkflow(), nodeSearchWorkflow(), ...Object.values(SHOWCASE).map(showcaseWorkflow), continueOnFailWorkflow()]) {
			writeFileSync(join(workflows, `${workflow.id}.json`), JSON.stringify(workflow));
		}
		await n8n.importWorkflowFolder(workflows);
		server = await n8n.startMain();
		await n8n.setupOwner(server.url);
		browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await emulator?.close();
		n8n?.cleanup();
	});

	it('signs in through the login form', async () => {
		await page.goto(`${server.url}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(DEMO_OWNER.email);
		await page.locator('input[type="password"]').first().fill(DEMO_OWNER.password);
		await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 60_000 });
		expect(new URL(page.url()).pathname).not.toMatch(/signin|setup/);
		const cookies = await page.context().cookies(server.url);
		expect(cookies.map((cookie) => cookie.name)).toContain('n8n-auth');
	});

	it('opens the nodes panel from the + handle of a trigger', async () => {
		await page.goto(`${server.url}/workflow/${NODE_SEARCH_WORKFLOW_ID}`);
		await openNodesPanel(page);
		expect(await page.locator('[data-test-id="node-creator-search-bar"]').isVisible()).toBe(true);
	});

	it('lists all the package nodes when searching "Alibaba"', async () => {
		const listed = await searchNodesPanel(page, 'Alibaba');
		await page.screenshot({ path: join(SCREENSHOTS, 'editor-search-alibaba.png') });
		const packageNames = packageNodes().map((node) => node.displayName);
		expect(listed.filter((name) => packageNames.includes(name)).sort()).toEqual([...packageNames].sort());
	});

	it.each(SEARCHES)('searching "%s" offers %j first among the package nodes', async (query, expected) => {
		const packageNames = packageNodes().map((node) => node.displayName);
		for (const name of expected) expect(packageNames).toContain(name);
		const listed = await searchNodesPanel(page, query);
		const offered = listed.filter((name) => packageNames.includes(name));
		expect(offered.slice(0, expected.length).sort()).toEqual([...expected].sort());
	});

	it('opens the workflow with every package node, none unknown', async () => {
		await page.keyboard.press('Escape');
		await page.goto(`${server.url}/workflow/${ALL_NODES_WORKFLOW_ID}`);
		const nodes = packageNodes();
		const canvasNodes = page.locator('[data-test-id="canvas-node"]');
		await canvasNodes.first().waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1500);
		expect(await canvasNodes.count()).toBe(nodes.length);
		const onCanvas = await canvasNodes.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-node-name')));
		expect(onCanvas.sort()).toEqual(nodes.map((node) => node.displayName).sort());
		// Filled in as a user would, no node shows a warning mark (missing parameter or credential).
		expect(await page.locator('[data-test-id="canvas-node-status-warning"]').count()).toBe(0);
		await page.screenshot({ path: join(SCREENSHOTS, 'editor-workflow.png') });
		const text = await page.locator('body').innerText();
		expect(text).not.toMatch(/not currently installed|Install this node|unknown node/i);
	});

	it('runs a node from its panel (Execute step) and shows the result in the output panel', async () => {
		const displayName = 'Alibaba Image Content Extraction';
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${displayName}"]`).dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ timeout: 30_000 });
		await panel.locator('[data-test-id="node-execute-button"]').first().click();
		const output = panel.locator('[data-test-id="output-panel"]');
		await output.getByText('cat-on-sofa.jpg').first().waitFor({ timeout: 60_000 });
		expect(await output.innerText()).toMatch(/SUCCESS/);
		await page.screenshot({ path: join(SCREENSHOTS, 'editor-result.png') });
		expect(emulator.log.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${displayName}"] [data-test-id="canvas-node-status-success"]`).waitFor({ timeout: 10_000 });
	});

	it.each(packageNodes().map((node) => [node.displayName, node.name]))('opens the parameters panel of %s', async (displayName, name) => {
		await page.keyboard.press('Escape');
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${displayName}"]`);
		await node.dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ timeout: 30_000 });
		const parameters = panel.locator('[data-test-id="node-parameters"]');
		await parameters.waitFor({ timeout: 30_000 });
		const panelText = await panel.innerText();
		expect(panelText).not.toMatch(/not currently installed|Install this node/i);
		expect(await panel.locator('[data-test-id="parameter-input"], .parameter-input').count()).toBeGreaterThan(0);
		expect(await page.locator('[data-test-id="node-title-container"]').first().innerText()).toContain(displayName);
		// The credential of the node's service family is attached and shown by name.
		const credential = name.startsWith('alibabaPai') ? 'Alibaba PAI account' : 'Alibaba AI Search account';
		const credentialShown = await panel
			.locator('[data-test-id="node-credentials-slot"]')
			.first()
			.evaluate((slot) => [slot, ...Array.from(slot.querySelectorAll('input'))].map((el) => `${el.textContent ?? ''} ${(el as HTMLInputElement).value ?? ''}`).join(' '));
		expect(credentialShown).toContain(credential);
		await page.screenshot({ path: join(SCREENSHOTS, `editor-${name}.png`) });
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
	});
	describe('screenshots for the README, each taken after a real run', () => {
		const workflowIdOf = (name: string) => (JSON.parse(readFileSync(join(REPO_ROOT, 'examples', `${name}.json`), 'utf8')) as { id: string }).id;
		const panel = () => page.locator('[data-test-id="ndv"]');
		const closePanel = async () => {
			await page.keyboard.press('Escape');
			await panel().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
		};
		/** Opens an example, runs it with Execute workflow and waits until its last node shows success. */
		async function runWorkflow(id: string, lastNode: string) {
			await page.goto(`${server.url}/workflow/${id}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
			await page.locator('[data-test-id="execute-workflow-button"]').first().click();
			await page
				.locator(`[data-test-id="canvas-node"][data-node-name="${lastNode}"] [data-test-id="canvas-node-status-success"]`)
				.waitFor({ timeout: 120_000 });
		}
		async function openNode(name: string) {
			await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
			await panel().waitFor({ timeout: 30_000 });
		}

		it('the credential dialog of the AI Search family', async () => {
			await page.goto(`${server.url}/home/credentials/${CREDENTIAL_IDS.aiSearch}`);
			const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
			await dialog.waitFor({ timeout: 60_000 });
			await dialog.getByText('Service Family').first().waitFor({ timeout: 30_000 });
			await page.waitForTimeout(1000);
			// The dialog shows the family's fields (the name sits in an editable title, not in the text).
			const text = await dialog.innerText();
			expect(text).toMatch(/Endpoint/);
			expect(text).not.toMatch(/emulator/i);
			await page.screenshot({ path: join(SCREENSHOTS, 'credential-dialog.png') });
			await page.keyboard.press('Escape');
		});

		it('a pipeline after a run: files → OCR → description → table rows, with the output', async () => {
			await runWorkflow(workflowIdOf(SHOWCASE.pipeline), 'Table Row');
			await openNode('Table Row');
			const output = panel().locator('[data-test-id="output-panel"]');
			await output.getByText('dog_and_girl.jpeg').first().waitFor({ timeout: 30_000 });
			expect(await output.innerText()).not.toMatch(/emulator/i);
			await page.screenshot({ path: join(SCREENSHOTS, 'pipeline-run.png') });
			await closePanel();
			await page.screenshot({ path: join(SCREENSHOTS, 'pipeline-canvas.png') });
		});

		it('the Binary tab of Video Keyframes, one frame per item', async () => {
			await runWorkflow(workflowIdOf(SHOWCASE.keyframes), 'Extract Keyframes');
			await openNode('Extract Keyframes');
			const output = panel().locator('[data-test-id="output-panel"]');
			await output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('Binary', { exact: true }).click();
			await output.getByText('1_frame_0_0s.png').first().waitFor({ timeout: 30_000 });
			const text = await output.innerText();
			// The frame is a binary file named by its item, frame and time; nothing in the shot says "(emulator)".
			expect(text).toMatch(/\d+_frame_\d+_\d+s\.png/);
			expect(text).not.toMatch(/\(emulator\)/i);
			await page.screenshot({ path: join(SCREENSHOTS, 'keyframes-binary.png') });
			await closePanel();
		});

		it('a Continue On Fail error item beside the item that succeeded', async () => {
			await runWorkflow(CONTINUE_ON_FAIL_ID, 'Read Text');
			await openNode('Read Text');
			const output = panel().locator('[data-test-id="output-panel"]');
			await output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('JSON', { exact: true }).click();
			await output.getByText(/failed to download/).first().waitFor({ timeout: 30_000 });
			const text = await output.innerText();
			expect(text).toMatch(/errorCode/);
			// The before-execution wait hint is gone once the node has run; the run summary stays.
			expect(text).not.toMatch(/For a quick test, add the Timeout option/);
			expect(text).toMatch(/2 items: 1 done, 1 failed/);
			await page.screenshot({ path: join(SCREENSHOTS, 'continue-on-fail.png') });
			await closePanel();
		});

		it('an AI Agent with Alibaba tools', async () => {
			await page.goto(`${server.url}/workflow/${workflowIdOf(SHOWCASE.agent)}`);
			await page.locator('[data-test-id="canvas-node"][data-node-name="Read Image"]').waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1000);
			expect(await page.locator('body').innerText()).not.toMatch(/not currently installed|Install this node/i);
			await page.screenshot({ path: join(SCREENSHOTS, 'agent-tools.png') });
		});

		it('the Executions list with the runs of the examples', async () => {
			await page.goto(`${server.url}/home/executions`);
			const rows = page.locator('[data-test-id="global-execution-list-item"]');
			await rows.first().waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1500);
			// The three runs of this test (pipeline, keyframes, Continue On Fail) are listed.
			expect(await rows.count()).toBeGreaterThanOrEqual(3);
			expect(await page.locator('body').innerText()).toMatch(/Continue On Fail: one image the service cannot download/);
			await page.screenshot({ path: join(SCREENSHOTS, 'executions-list.png') });
		});
	});
});
