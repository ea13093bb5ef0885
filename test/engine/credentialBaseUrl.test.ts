// The credential's hidden, computed Base URL (n8n's idiom: a hidden property with an expression default over
// `$self`), resolved the way n8n resolves a stored credential: a credential saved without the property gets
// it, the credential test calls it, the nodes' transport uses it, and it agrees with transport/endpoint.ts,
// the transport's fallback for an Endpoint field that is itself an expression.
import type { ICredentialDataDecryptedObject, IExecuteFunctions, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { AlibabaMultimodalApi } from '../../credentials/AlibabaMultimodalApi.credentials';
import { loadServiceTarget } from '../../nodes/shared/transport/credentials';
import { aiSearchBaseUrl, paiBaseUrl } from '../../nodes/shared/transport/endpoint';
import { HarnessCredentialsHelper } from './harness';

const TYPE = 'alibabaMultimodalApi';

async function resolved(stored: ICredentialDataDecryptedObject): Promise<ICredentialDataDecryptedObject> {
	const helper = new HarnessCredentialsHelper([new AlibabaMultimodalApi()], { [TYPE]: stored });
	return await helper.getDecrypted({} as IWorkflowExecuteAdditionalData, { id: 'cred-1', name: 'Alibaba' }, TYPE, 'internal');
}

function contextWith(credentials: ICredentialDataDecryptedObject): IExecuteFunctions {
	return {
		getCredentials: async () => credentials,
		getNode: () => ({ name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
	} as unknown as IExecuteFunctions;
}

const AI_SEARCH_ENDPOINTS = [
	'abc.platform-cn-shanghai.opensearch.aliyuncs.com',
	'  abc.platform-cn-shanghai.opensearch.aliyuncs.com/ ',
	'http://127.0.0.1:4000',
	'https://abc.example.com//',
];
const PAI_ENDPOINTS: Array<[string, string]> = [
	['http://ai-service.example.com/', ''],
	['ai-service.example.com', '/gateway/'],
	['https://h.example.com', 'a/b'],
	['https://h.example.com', '  '],
];

describe('the credential computes its Base URL once, for its test and for the nodes', () => {
	it.each(AI_SEARCH_ENDPOINTS)('AI Search endpoint %p: stored without Base URL, resolved like endpoint.ts', async (endpoint) => {
		const data = await resolved({ authType: 'aiSearch', endpoint, workspace: 'default', apiKey: 'OS-key' });
		expect(data.baseUrl).toBe(aiSearchBaseUrl(endpoint));
		const target = await loadServiceTarget(contextWith(data), 'aiSearch');
		expect(target.baseUrl).toBe(aiSearchBaseUrl(endpoint));
		expect(target.workspacePath).toBe('/v3/openapi/workspaces/default');
	});

	it.each(PAI_ENDPOINTS)('PAI endpoint %p with path prefix %p: resolved like endpoint.ts', async (endpoint, pathPrefix) => {
		const data = await resolved({ authType: 'pai', endpoint, pathPrefix, appId: 'app', token: 'secret' });
		expect(data.baseUrl).toBe(paiBaseUrl(endpoint, pathPrefix));
		expect((await loadServiceTarget(contextWith(data), 'pai')).baseUrl).toBe(paiBaseUrl(endpoint, pathPrefix));
	});

	it('a credential saved before the property existed (no authType either) gets the AI Search default', async () => {
		const data = await resolved({ endpoint: 'abc.example.com', apiKey: 'OS-key' });
		expect(data).toMatchObject({ authType: 'aiSearch', baseUrl: 'https://abc.example.com' });
	});

	it('the credential test calls the computed Base URL', () => {
		const credential = new AlibabaMultimodalApi();
		expect(credential.test.request.baseURL).toBe('={{ $credentials.baseUrl }}');
		expect(credential.properties.find((property) => property.name === 'baseUrl')).toMatchObject({ type: 'hidden' });
	});

	it('the nodes use the resolved property as it stands', async () => {
		const target = await loadServiceTarget(
			contextWith({ authType: 'pai', endpoint: 'http://h.example.com', baseUrl: 'http://h.example.com/edge', appId: 'a', token: 't' }),
			'pai',
		);
		expect(target.baseUrl).toBe('http://h.example.com/edge');
	});

	it('an Endpoint given as an expression (computed from its text, not its value) falls back to endpoint.ts', async () => {
		// What n8n computes when the stored endpoint is "={{ $secrets.vault.endpoint }}": the text, not the host.
		const stale = 'https://={{ $secrets.vault.endpoint }}';
		const target = await loadServiceTarget(
			contextWith({ authType: 'aiSearch', endpoint: 'abc.example.com', baseUrl: stale, workspace: 'ws', apiKey: 'OS-key' }),
			'aiSearch',
		);
		expect(target.baseUrl).toBe('https://abc.example.com');
	});
});
