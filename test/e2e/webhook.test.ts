import type { Emulator } from '../emulator';
import { describeEachN8n } from './support/context';
import { EMULATOR_KEYS, type N8nInstance, type Server, startN8nWithEmulator } from './support/n8n';
import { callExtractWebhook, WEBHOOK_WORKFLOW_FILE, WEBHOOK_WORKFLOW_ID } from './support/webhook';

describeEachN8n('real n8n server: a webhook-triggered workflow using the node', (runtime) => {
	let n8n: N8nInstance;
	let emulator: Emulator;
	let server: Server;

	beforeAll(async () => {
		({ n8n, emulator } = await startN8nWithEmulator(`n8n-webhook-${runtime.version}`, { taskLatencyMs: 500 }, runtime));
		await n8n.importWorkflow(WEBHOOK_WORKFLOW_FILE);
		await n8n.publish(WEBHOOK_WORKFLOW_ID);
		server = await n8n.startMain();
	}, 300_000); // several CLI starts (install, imports, publish) and a server start; slow on a loaded machine

	afterAll(async () => {
		await server?.stop();
		await emulator?.close();
		n8n?.cleanup();
	});

	it('answers the webhook with the extracted content', async () => {
		const body = await callExtractWebhook(server.url, 'https://images.example.com/menu.png');
		expect(body).toMatchObject({
			content: 'Text recognized in https://images.example.com/menu.png',
			status: 'SUCCESS',
			serviceId: 'ops-image-analyze-ocr-001',
			source: { type: 'url', fileName: 'menu.png' },
		});
		expect(emulator.log.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
	});

	let cookie = '';

	/** n8n 1.x tests only a saved credential (an unsaved one answers 403 Forbidden); 2.x tests unsaved ones too. */
	async function savedCredentialId(data: Record<string, string>): Promise<string> {
		if (runtime.major >= 2) return '';
		const response = await fetch(`${server.url}/rest/credentials`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify({ name: `check ${Date.now()}`, type: 'alibabaMultimodalApi', data }),
		});
		if (!response.ok) throw new Error(`saving the credential answered ${response.status}: ${await response.text()}`);
		return ((await response.json()) as { data: { id: string } }).data.id;
	}

	async function testCredential(data: Record<string, string>) {
		const id = await savedCredentialId(data);
		const response = await fetch(`${server.url}/rest/credentials/test`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify({ credentials: { id, name: 'check', type: 'alibabaMultimodalApi', data } }),
		});
		if (!response.ok) throw new Error(`credential test answered ${response.status}: ${await response.text()}`);
		return ((await response.json()) as { data: { status: string; message: string } }).data;
	}

	it('tests credentials: a valid key, a wrong key and an unreachable endpoint are told apart', async () => {
		cookie = await n8n.setupOwner(server.url);
		const aiSearch = { authType: 'aiSearch', endpoint: emulator.url, workspace: 'default' };
		expect(await testCredential({ ...aiSearch, apiKey: EMULATOR_KEYS.aiSearchApiKey })).toMatchObject({ status: 'OK' });
		expect(await testCredential({ ...aiSearch, apiKey: 'OS-wrong' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/API key was rejected/),
		});
		const unreachable = await testCredential({ ...aiSearch, endpoint: 'http://127.0.0.1:9', apiKey: 'OS-x' });
		expect(unreachable.status).toBe('Error');
		expect(unreachable.message).toMatch(/ECONNREFUSED|refused/i);

		const pai = { authType: 'pai', endpoint: emulator.url, appId: EMULATOR_KEYS.paiAppId };
		expect(await testCredential({ ...pai, token: EMULATOR_KEYS.paiToken })).toMatchObject({ status: 'OK' });
		expect(await testCredential({ ...pai, token: 'wrong-token' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/token was rejected/),
		});
		expect(await testCredential({ ...pai, appId: 'no-such-app', token: 'x' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/AppID was not found|token was rejected/),
		});
	});

	it('lists the package node types, the AI-tool variant included', async () => {
		const response = await fetch(`${server.url}/types/nodes.json`, { headers: { cookie } });
		const types = (await response.json()) as Array<{ name: string }>;
		const names = types.map((type) => type.name);
		expect(names).toContain('n8n-nodes-alibaba-multimodal.alibabaImageContent');
		expect(names).toContain('n8n-nodes-alibaba-multimodal.alibabaImageContentTool');
	});
});
