/**
 * Turns what users paste from the consoles into base URLs. The credential computes the same base URL as its
 * hidden Base URL property (used by its test and by the nodes); these functions are the transport's fallback
 * when that property holds an unresolved endpoint expression. test/engine/credentialBaseUrl.test.ts keeps
 * the two in step.
 */

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** A host name (labels of letters, digits, dashes; underscores as some private networks use them), an IPv4 or a bracketed IPv6 address. */
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?|\[[0-9A-Fa-f:.]+\])$/;

/** Why an endpoint cannot be used, and what to enter instead. */
export class EndpointProblem extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'EndpointProblem';
	}
}

interface Endpoint {
	scheme: string;
	authority: string;
	path: string;
}

/**
 * Splits an endpoint into scheme, host[:port] and path, refusing what no request can be sent to: another
 * scheme than http(s), the scheme twice (`https://https://…`), credentials, characters no host has. Without
 * this, `ht!tp://bad host` became `https://ht!tp://bad host` and failed as a DNS error of that text.
 */
function parseEndpoint(raw: string, defaultScheme: 'http' | 'https', example: string): Endpoint {
	const value = raw.trim().replace(/\/+$/, '');
	const shown = JSON.stringify(value);
	const scheme = SCHEME.exec(value);
	if (!scheme && value.includes('://')) {
		throw new EndpointProblem(`The credential's Endpoint ${shown} does not start with http:// or https://`, `Enter the host alone (${example}) or with http:// or https:// in front.`);
	}
	if (scheme && !/^https?$/i.test(scheme[1])) {
		throw new EndpointProblem(`The credential's Endpoint ${shown} uses the scheme ${scheme[1]}://, not http:// or https://`, `Enter the host alone (${example}) or with http:// or https:// in front.`);
	}
	const rest = scheme ? value.slice(scheme[0].length) : value;
	if (/^https?:/i.test(rest)) {
		throw new EndpointProblem(`The credential's Endpoint ${shown} has the scheme twice`, `Enter it once, for example https://${example}.`);
	}
	const cut = rest.search(/[/?#]/);
	const authority = cut === -1 ? rest : rest.slice(0, cut);
	const path = cut === -1 ? '' : rest.slice(cut);
	if (authority.includes('@')) {
		// Never echoed: the part before @ may be a user name and password.
		throw new EndpointProblem("The credential's Endpoint carries a user name or password before its host", `Enter the host alone (${example}); the key or token goes in its own field.`);
	}
	const port = /:(\d{1,5})$/.exec(authority);
	const host = port ? authority.slice(0, -port[0].length) : authority;
	if (host === '' || !HOST.test(host) || (port && Number(port[1]) > 65535)) {
		throw new EndpointProblem(
			`The credential's Endpoint ${shown} is not a host name`,
			`A host has letters, digits, dots and dashes only (no spaces), optionally a :port; enter it as the console shows it, for example ${example}.`,
		);
	}
	return { scheme: (scheme?.[1] ?? defaultScheme).toLowerCase(), authority, path };
}

const AI_SEARCH_EXAMPLE = 'xxxx.platform-cn-shanghai.opensearch.aliyuncs.com';

/**
 * AI Search shows a bare host in its console ("xxx.platform-cn-shanghai.opensearch.aliyuncs.com");
 * the SDK defaults to HTTPS when no scheme is given, and so do we. The node builds the whole path
 * (/v3/openapi/workspaces/{workspace}/…), so a path pasted into the endpoint would be sent twice.
 */
export function aiSearchBaseUrl(endpoint: string): string {
	const { scheme, authority, path } = parseEndpoint(endpoint, 'https', AI_SEARCH_EXAMPLE);
	if (/^\/v3\/openapi(\/|$)/i.test(path)) {
		throw new EndpointProblem(
			`The credential's Endpoint includes the API path (${path.length > 60 ? `${path.slice(0, 60)}…` : path})`,
			`Enter the host only (${scheme}://${authority}): the node adds /v3/openapi/workspaces/… itself, and the workspace name goes in the Workspace field.`,
		);
	}
	if (path !== '') {
		throw new EndpointProblem(`The credential's Endpoint has a path (${path.length > 60 ? `${path.slice(0, 60)}…` : path})`, `Enter the host only (${scheme}://${authority}), as the API Keys page of the AI Search console shows it.`);
	}
	return `${scheme}://${authority}`;
}

/**
 * PAI hosts come with their scheme (often plain http); the SDKs prepend http:// when it is missing.
 * The optional path prefix belongs to the URL only: the signature covers the /api/v1/... path alone.
 * A gateway path in the endpoint itself works like the prefix; the API path does not, the node adds it.
 */
export function paiBaseUrl(endpoint: string, pathPrefix?: string): string {
	const { scheme, authority, path } = parseEndpoint(endpoint, 'http', 'http://ai-service.xxxx.cn-hangzhou.alicontainer.com');
	if (/(^|\/)api\/v1(\/|$)/i.test(path) || /[?#]/.test(path)) {
		throw new EndpointProblem(
			`The credential's Endpoint includes the API path or a query (${path.length > 60 ? `${path.slice(0, 60)}…` : path})`,
			`Enter the service host only (${scheme}://${authority}): the node adds /api/v1/… itself; a gateway's path goes in Path Prefix.`,
		);
	}
	const base = `${scheme}://${authority}${path.replace(/\/+$/, '')}`;
	const prefix = (pathPrefix ?? '').trim().replace(/^\/+/, '').replace(/\/+$/, '');
	return prefix ? `${base}/${prefix}` : base;
}

export function aiSearchWorkspacePath(workspace: string): string {
	const name = workspace.trim() || 'default';
	return `/v3/openapi/workspaces/${encodeURIComponent(name)}`;
}
