/**
 * Turns what users paste from the consoles into base URLs. The credential computes the same base URL as its
 * hidden Base URL property (used by its test and by the nodes); these functions are the transport's fallback
 * when that property holds an unresolved endpoint expression. test/engine/credentialBaseUrl.test.ts keeps
 * the two in step.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function trimSlashes(value: string): string {
	return value.replace(/\/+$/, '');
}

/**
 * AI Search shows a bare host in its console ("xxx.platform-cn-shanghai.opensearch.aliyuncs.com");
 * the SDK defaults to HTTPS when no scheme is given, and so do we.
 */
export function aiSearchBaseUrl(endpoint: string): string {
	const host = endpoint.trim();
	return trimSlashes(SCHEME.test(host) ? host : `https://${host}`);
}

/**
 * PAI hosts come with their scheme (often plain http); the SDKs prepend http:// when it is missing.
 * The optional path prefix belongs to the URL only: the signature covers the /api/v1/... path alone.
 */
export function paiBaseUrl(endpoint: string, pathPrefix?: string): string {
	const host = endpoint.trim();
	const base = trimSlashes(SCHEME.test(host) ? host : `http://${host}`);
	const prefix = (pathPrefix ?? '').trim().replace(/^\/+/, '');
	return prefix ? `${base}/${trimSlashes(prefix)}` : base;
}

export function aiSearchWorkspacePath(workspace: string): string {
	const name = workspace.trim() || 'default';
	return `/v3/openapi/workspaces/${encodeURIComponent(name)}`;
}
