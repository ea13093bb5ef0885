import { aiSearchBaseUrl, aiSearchWorkspacePath, paiBaseUrl } from '../../../nodes/shared/transport/endpoint';

describe('endpoint normalisation', () => {
	it('defaults AI Search hosts to https and keeps a given scheme', () => {
		expect(aiSearchBaseUrl('abc.platform-cn-shanghai.opensearch.aliyuncs.com')).toBe(
			'https://abc.platform-cn-shanghai.opensearch.aliyuncs.com',
		);
		expect(aiSearchBaseUrl(' http://abc.example.com/ ')).toBe('http://abc.example.com');
		expect(aiSearchBaseUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
	});

	it('adds the PAI path prefix to the URL', () => {
		expect(paiBaseUrl('http://ai-service.example.com/')).toBe('http://ai-service.example.com');
		expect(paiBaseUrl('ai-service.example.com', '/gateway/')).toBe('http://ai-service.example.com/gateway');
		expect(paiBaseUrl('https://h', 'a/b')).toBe('https://h/a/b');
	});

	it('builds the workspace path, defaulting the name', () => {
		expect(aiSearchWorkspacePath('default')).toBe('/v3/openapi/workspaces/default');
		expect(aiSearchWorkspacePath('  ')).toBe('/v3/openapi/workspaces/default');
		expect(aiSearchWorkspacePath('my ws')).toBe('/v3/openapi/workspaces/my%20ws');
	});
});
