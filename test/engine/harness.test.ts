/**
 * Self-test of the engine harness (test/engine/harness): tiny test-only node types run through
 * n8n-core's real WorkflowExecute, with real HTTP to a throwaway local server.
 */
import { binaryBuffer, harnessTempRoot, runWorkflow } from './harness';

import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Throwaway HTTP server
// ---------------------------------------------------------------------------------------------

interface SeenRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

let server: Server;
let baseUrl: string;
const seen: SeenRequest[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const path = (req.url ?? '').split('?')[0];
			if (path === '/status/400') {
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ code: 'InvalidParameter', message: 'bad thing' }));
				return;
			}
			if (path === '/slow') {
				const timer = setTimeout(() => res.end('{}'), 2000);
				res.on('close', () => clearTimeout(timer));
				return;
			}
			const body = Buffer.concat(chunks).toString('utf8');
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ok: true, path: req.url }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	seen.length = 0;
});

// ---------------------------------------------------------------------------------------------
// Test-only credential types
// ---------------------------------------------------------------------------------------------

/** Function-style authenticate: HMAC over the exact body string. */
class TestFnApi implements ICredentialType {
	name = 'testFnApi';
	displayName = 'Test Fn API';
	properties = [
		{ displayName: 'Key ID', name: 'keyId', type: 'string' as const, default: '' },
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string' as const,
			typeOptions: { password: true },
			default: '',
		},
	];
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const body = typeof requestOptions.body === 'string' ? requestOptions.body : '';
		const signature = createHmac('sha256', credentials.secret as string).update(body).digest('hex');
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'x-key-id': credentials.keyId as string,
				'x-signature': signature,
			},
		};
	}
}

/** Generic authenticate, plus a hidden property whose default is an expression. */
class TestGenericApi implements ICredentialType {
	name = 'testGenericApi';
	displayName = 'Test Generic API';
	properties = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string' as const,
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Region', name: 'region', type: 'string' as const, default: 'cn-hangzhou' },
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'hidden' as const,
			default: '={{ "https://" + $self["region"] + ".example.com" }}',
		},
	];
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
			qs: { region: '={{$credentials.region}}' },
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Test-only node types
// ---------------------------------------------------------------------------------------------

function describe_(name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: name,
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	};
}

/** POSTs each item's json (as an exact string body) to `${url}` with the chosen credential. */
class ApiCaller implements INodeType {
	description = describe_('apiCaller', {
		credentials: [
			{ name: 'testFnApi', required: false },
			{ name: 'testGenericApi', required: false },
		],
		properties: [
			{ displayName: 'Credential Type', name: 'credType', type: 'string', default: 'testFnApi' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const credType = this.getNodeParameter('credType', i) as string;
			const url = this.getNodeParameter('url', i) as string;
			const credentials = await this.getCredentials(credType, i);
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, credType, {
				method: 'POST',
				url,
				body: JSON.stringify(items[i].json),
				headers: { 'content-type': 'application/json' },
				json: true,
			})) as object;
			out.push({
				json: { response: response as never, endpoint: (credentials.endpoint as string) ?? null },
				pairedItem: { item: i },
			});
		}
		return [out];
	}
}

/** Reads binary `data` with getBinaryDataBuffer and reports its length. */
class BinaryLength implements INodeType {
	description = describe_('binaryLength');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const meta = this.helpers.assertBinaryData(i, 'data');
			const buffer = await this.helpers.getBinaryDataBuffer(i, 'data');
			out.push({
				json: {
					length: buffer.length,
					text: buffer.toString('utf8'),
					id: meta.id ?? null,
					mimeType: meta.mimeType,
					fileName: meta.fileName ?? null,
				},
				pairedItem: { item: i },
			});
		}
		return [out];
	}
}

/** Outputs binary produced with prepareBinaryData. */
class BinaryMaker implements INodeType {
	description = describe_('binaryMaker');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const data = await this.helpers.prepareBinaryData(
				Buffer.from(`made ${items[i].json.n as number}`),
				'made.txt',
				'text/plain',
			);
			out.push({ json: { n: items[i].json.n }, binary: { data }, pairedItem: { item: i } });
		}
		return [out];
	}
}

/** Polls until the execution is cancelled. */
class Waiter implements INodeType {
	description = describe_('waiter');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const signal = this.getExecutionCancelSignal();
		let loops = 0;
		while (!signal?.aborted) {
			await sleep(50);
			loops++;
		}
		return [
			[
				{
					json: { aborted: signal?.aborted ?? null, isAbortSignal: signal instanceof AbortSignal, loops },
					pairedItem: { item: 0 },
				},
			],
		];
	}
}

/** Always throws NodeOperationError. */
class Failer implements INodeType {
	description = describe_('failer');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new NodeOperationError(this.getNode(), 'boom', { description: 'it went boom', itemIndex: 0 });
	}
}

/** The usual n8n pattern: per item, on error push { json: { error } } when continueOnFail(). */
class CatchingFailer implements INodeType {
	description = describe_('catchingFailer');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				throw new NodeOperationError(this.getNode(), `boom ${i}`, { itemIndex: i });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

const nodeTypes = {
	'test.apiCaller': new ApiCaller(),
	'test.binaryLength': new BinaryLength(),
	'test.binaryMaker': new BinaryMaker(),
	'test.waiter': new Waiter(),
	'test.failer': new Failer(),
	'test.catchingFailer': new CatchingFailer(),
};

function node(name: string, type: keyof typeof nodeTypes, extra: Partial<INode> = {}): INode {
	return {
		id: name,
		name,
		type,
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
		...extra,
	};
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('engine harness', () => {
	const credentialTypes = [new TestFnApi(), new TestGenericApi()];
	const credentials = {
		testFnApi: { keyId: 'kid-1', secret: 's3cret' },
		testGenericApi: { apiKey: 'gen-key', region: 'cn-shanghai' },
	};

	test('function-style authenticate signs the exact body; request really hits the server', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials,
			nodes: [node('Call', 'test.apiCaller', { parameters: { credType: 'testFnApi', url: `${baseUrl}/fn` } })],
			connections: {},
			firstNode: 'Call',
			items: [{ json: { hello: 'world', n: 1 } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(seen).toHaveLength(1);
		const [req] = seen;
		expect(req.method).toBe('POST');
		expect(req.url).toBe('/fn');
		expect(req.body).toBe('{"hello":"world","n":1}');
		expect(req.headers['x-key-id']).toBe('kid-1');
		expect(req.headers['x-signature']).toBe(createHmac('sha256', 's3cret').update(req.body).digest('hex'));
		expect(result.output('Call')[0].json.response).toEqual({ ok: true, path: '/fn' });
		expect(result.output('Call')[0].pairedItem).toEqual({ item: 0 });
	});

	test('generic authenticate resolves $credentials in headers and qs; credential defaults resolve', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials,
			nodes: [
				node('Call', 'test.apiCaller', { parameters: { credType: 'testGenericApi', url: `${baseUrl}/gen` } }),
			],
			connections: {},
			firstNode: 'Call',
			items: [{ json: { a: 1 } }],
		});

		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].headers.authorization).toBe('Bearer gen-key');
		expect(seen[0].url).toBe('/gen?region=cn-shanghai');
		expect(result.output('Call')[0].json.endpoint).toBe('https://cn-shanghai.example.com');
	});

	test.each(['default', 'filesystem'] as const)(
		'binary input reaches the node via getBinaryDataBuffer (%s mode)',
		async (binaryMode) => {
			const result = await runWorkflow({
				nodeTypes,
				nodes: [node('Len', 'test.binaryLength')],
				connections: {},
				firstNode: 'Len',
				binaryMode,
				items: [
					{ json: { i: 0 }, binary: { data: { data: Buffer.from('hello'), fileName: 'a.txt', mimeType: 'text/plain' } } },
					{ json: { i: 1 }, binary: { data: { data: Buffer.alloc(1000, 7), fileName: 'b.png', mimeType: 'image/png' } } },
				],
			});

			expect(result.error).toBeUndefined();
			const out = result.output('Len');
			expect(out.map((o) => o.json.length)).toEqual([5, 1000]);
			expect(out[0].json.text).toBe('hello');
			expect(out[0].json.fileName).toBe('a.txt');
			expect(out[1].json.mimeType).toBe('image/png');
			if (binaryMode === 'filesystem') {
				expect(out[0].json.id).toMatch(/^filesystem-v2:/);
			} else {
				expect(out[0].json.id).toBeNull();
			}
		},
	);

	test.each(['default', 'filesystem'] as const)(
		'binary output from prepareBinaryData reads back with binaryBuffer (%s mode)',
		async (binaryMode) => {
			const result = await runWorkflow({
				nodeTypes,
				nodes: [node('Make', 'test.binaryMaker')],
				connections: {},
				firstNode: 'Make',
				binaryMode,
				items: [{ json: { n: 1 } }, { json: { n: 2 } }],
			});

			expect(result.error).toBeUndefined();
			const out = result.output('Make');
			expect(out).toHaveLength(2);
			expect((await binaryBuffer(out[1])).toString()).toBe('made 2');
			expect(out[0].binary?.data.mimeType).toBe('text/plain');
			expect(Boolean(out[0].binary?.data.id)).toBe(binaryMode === 'filesystem');
		},
	);

	test('cancelAfterMs aborts getExecutionCancelSignal() and the run ends promptly', async () => {
		const result = await runWorkflow({
			nodeTypes,
			nodes: [node('Wait', 'test.waiter')],
			connections: {},
			firstNode: 'Wait',
			items: [{ json: {} }],
			cancelAfterMs: 200,
		});

		expect(result.cancelledAtMs).toBeGreaterThanOrEqual(200);
		expect(result.durationMs - (result.cancelledAtMs ?? 0)).toBeLessThan(1000);
		expect(result.status).toBe('canceled');
		expect(result.error?.name).toBe('ManualExecutionCancelledError');
		// The node's own return value is still recorded.
		expect(result.output('Wait')[0].json).toMatchObject({ aborted: true, isAbortSignal: true });
	});

	test('a node error fails the run with the NodeOperationError details', async () => {
		const result = await runWorkflow({
			nodeTypes,
			nodes: [node('Fail', 'test.failer')],
			connections: {},
			firstNode: 'Fail',
			items: [{ json: { x: 1 } }],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('boom');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.description).toBe('it went boom');
		expect(result.error?.node?.name).toBe('Fail');
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Fail');
		expect(result.output('Fail')).toEqual([]);
	});

	test.each([
		['onError: continueRegularOutput', { onError: 'continueRegularOutput' as const }],
		['legacy continueOnFail: true', { continueOnFail: true }],
	])('%s: continueOnFail() pattern emits json.error items', async (_label, extra) => {
		const result = await runWorkflow({
			nodeTypes,
			nodes: [node('Fail', 'test.catchingFailer', extra)],
			connections: {},
			firstNode: 'Fail',
			items: [{ json: { x: 1 } }, { json: { x: 2 } }],
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.output('Fail').map((o) => o.json)).toEqual([{ error: 'boom 0' }, { error: 'boom 1' }]);
	});

	test('continueRegularOutput on a node that throws: the engine forwards its input items', async () => {
		const result = await runWorkflow({
			nodeTypes,
			nodes: [
				node('Fail', 'test.failer', { onError: 'continueRegularOutput' }),
				node('Next', 'test.catchingFailer', { position: [400, 0], onError: 'continueRegularOutput' }),
			],
			connections: { Fail: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
			firstNode: 'Fail',
			items: [{ json: { x: 1 } }],
		});

		expect(result.status).toBe('success');
		expect(result.output('Fail').map((o) => o.json)).toEqual([{ x: 1 }]); // input, no json.error
		const task = result.run.data.resultData.runData.Fail[0];
		expect(task.error?.message).toBe('boom');
		expect(task.executionStatus).toBe('error');
		expect(result.output('Next')).toHaveLength(1);
	});

	test('engine quirk: a throwing continueOnFail node that runs LAST leaves the run in status error', async () => {
		const result = await runWorkflow({
			nodeTypes,
			nodes: [node('Fail', 'test.failer', { onError: 'continueRegularOutput' })],
			connections: {},
			firstNode: 'Fail',
			items: [{ json: { x: 1 } }],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('boom');
		expect(result.output('Fail').map((o) => o.json)).toEqual([{ x: 1 }]);
	});

	test('HTTP 4xx surfaces as NodeApiError with the response body on context.data', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials,
			nodes: [
				node('Call', 'test.apiCaller', { parameters: { credType: 'testGenericApi', url: `${baseUrl}/status/400` } }),
			],
			connections: {},
			firstNode: 'Call',
			items: [{ json: {} }],
		});

		expect(result.status).toBe('error');
		const error = result.error as unknown as Record<string, unknown>;
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('400');
		expect(error.message).toBe('Bad request - please check your parameters');
		expect(error.description).toBe('bad thing');
		expect(error.context).toEqual({ data: { code: 'InvalidParameter', message: 'bad thing' } });
	});

	test('realTime: cancel during an in-flight request aborts it (the node error wins over ManualExecutionCancelledError)', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials,
			nodes: [node('Call', 'test.apiCaller', { parameters: { credType: 'testFnApi', url: `${baseUrl}/slow` } })],
			connections: {},
			firstNode: 'Call',
			items: [{ json: {} }],
			cancelAfterMs: 150,
		});

		expect(result.status).toBe('canceled');
		expect(result.durationMs).toBeLessThan(1000);
		expect(result.error?.name).toBe('NodeApiError');
		expect((result.error as unknown as { httpCode?: string }).httpCode).toBe('ERR_CANCELED');
	});

	test('missing required parameters reject with the workflow issues spelled out', async () => {
		await expect(
			runWorkflow({
				nodeTypes: {
					'test.required': {
						description: describe_('required', {
							properties: [{ displayName: 'U', name: 'u', type: 'string', default: '', required: true }],
						}),
						execute: async () => [[]],
					},
				},
				nodes: [{ ...node('Req', 'test.apiCaller'), type: 'test.required' }],
				connections: {},
				firstNode: 'Req',
				items: [{ json: {} }],
			}),
		).rejects.toThrow(/"Req":\{"parameters":\{"u":\["Parameter \\"U\\" is required\."\]/);
	});

	test('n8n-core writes its encryption key into the harness temp folder, not ~/.n8n', () => {
		expect(process.env.N8N_USER_FOLDER).toBe(harnessTempRoot);
		expect(existsSync(join(harnessTempRoot, '.n8n', 'config'))).toBe(true);
	});
});
