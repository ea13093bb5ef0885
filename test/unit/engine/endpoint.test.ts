import { aiSearchBaseUrl, aiSearchWorkspacePath, EndpointProblem, paiBaseUrl } from '../../../nodes/shared/transport/endpoint';

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

	it('refuses what no request can be sent to, saying which part is wrong', () => {
		const problem = (run: () => string) => {
			try {
				run();
			} catch (error) {
				expect(error).toBeInstanceOf(EndpointProblem);
				return (error as Error).message;
			}
			throw new Error('no problem found');
		};
		expect(problem(() => aiSearchBaseUrl('abc.example.com/v3/openapi/workspaces/default'))).toMatch(/includes the API path/);
		expect(problem(() => aiSearchBaseUrl('https://abc.example.com/x'))).toMatch(/has a path \(\/x\)/);
		expect(problem(() => aiSearchBaseUrl('abc.example.com?x=1'))).toMatch(/has a path/);
		expect(problem(() => aiSearchBaseUrl('https://https://abc.example.com'))).toMatch(/scheme twice/);
		expect(problem(() => aiSearchBaseUrl('ht!tp://bad host'))).toMatch(/does not start with http/);
		expect(problem(() => aiSearchBaseUrl('https://bad host'))).toMatch(/is not a host name/);
		expect(problem(() => aiSearchBaseUrl('https://abc.example.com:99999'))).toMatch(/is not a host name/);
		expect(problem(() => aiSearchBaseUrl('https://user:pw@abc.example.com'))).not.toMatch(/pw/);
		expect(problem(() => paiBaseUrl('http://h.example.com/api/v1/images'))).toMatch(/API path/);
		expect(problem(() => paiBaseUrl('ws://h.example.com'))).toMatch(/scheme ws:\/\//);
	});

	it('keeps what works: ports, IP addresses, a PAI gateway path', () => {
		expect(aiSearchBaseUrl('[::1]:8080')).toBe('https://[::1]:8080');
		expect(aiSearchBaseUrl('HTTP://abc.example.com')).toBe('http://abc.example.com');
		expect(paiBaseUrl('http://10.0.0.5:8000/gateway/', 'v2')).toBe('http://10.0.0.5:8000/gateway/v2');
	});

	it('builds the workspace path, defaulting the name', () => {
		expect(aiSearchWorkspacePath('default')).toBe('/v3/openapi/workspaces/default');
		expect(aiSearchWorkspacePath('  ')).toBe('/v3/openapi/workspaces/default');
		expect(aiSearchWorkspacePath('my ws')).toBe('/v3/openapi/workspaces/my%20ws');
	});
});
