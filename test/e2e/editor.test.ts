import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { e2eContext } from './support/context';
import { allNodesWorkflow, ALL_NODES_WORKFLOW_ID, packageNodes } from './support/allNodesWorkflow';
import { DEMO_OWNER, emulatorCredentials, N8nInstance, type Server } from './support/n8n';
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

describe('editor check: the n8n editor shows every node as installed, with its parameters', () => {
	let n8n: N8nInstance;
	let server: Server;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		const { runtime, tarball } = e2eContext();
		mkdirSync(SCREENSHOTS, { recursive: true });
		n8n = await N8nInstance.create(runtime, tarball, 'n8n-editor');
		await n8n.importCredentials(emulatorCredentials('http://127.0.0.1:9'));
		await n8n.importWorkflowObject(allNodesWorkflow());
		server = await n8n.startMain();
		await n8n.setupOwner(server.url);
		browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		n8n?.cleanup();
	});

	it('signs in through the login form', async () => {
		await page.goto(`${server.url}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(DEMO_OWNER.email);
		await page.locator('input[type="password"]').first().fill(DEMO_OWNER.password);
		await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 60_000 });
	});

	it('opens the workflow with every package node, none unknown', async () => {
		await page.goto(`${server.url}/workflow/${ALL_NODES_WORKFLOW_ID}`);
		const nodes = packageNodes();
		const canvasNodes = page.locator('[data-test-id="canvas-node"]');
		await canvasNodes.first().waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1500);
		expect(await canvasNodes.count()).toBe(nodes.length);
		await page.screenshot({ path: join(SCREENSHOTS, 'editor-workflow.png') });
		const text = await page.locator('body').innerText();
		expect(text).not.toMatch(/not currently installed|Install this node|unknown node/i);
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
		await page.screenshot({ path: join(SCREENSHOTS, `editor-${name}.png`) });
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
	});
});
