import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../core/constants';
import { NOTHING_SENT, sentences } from '../core/errors';
import { applyCredential } from './authorize';
import { aiSearchBaseUrl, aiSearchWorkspacePath, EndpointProblem, paiBaseUrl } from './endpoint';

export type ServiceFamily = 'aiSearch' | 'pai';

const FAMILY_NAMES: Record<ServiceFamily, string> = {
	aiSearch: 'AI Search Open Platform',
	pai: 'PAI Multimedia Analysis',
};

/** What the transport needs from the credential. */
export interface ServiceTarget {
	family: ServiceFamily;
	baseUrl: string;
	/** AI Search only: /v3/openapi/workspaces/{name} */
	workspacePath: string;
	/** Values that must never appear in output, errors or logs. */
	secrets: string[];
	/**
	 * Applies the credential (read once per node run) to a request. n8n's httpRequestWithAuthentication
	 * reads the credential from the database and decrypts it again for every request, which at a high
	 * request rate costs more CPU than the request itself.
	 */
	authorize(request: IHttpRequestOptions): IHttpRequestOptions;
}

/**
 * The credential's hidden, computed Base URL, the one its test calls. n8n computes it from the stored fields
 * before they are resolved, so when the Endpoint field is itself an expression (an external secret, say) it
 * holds that expression's text rather than the host; then the same rules (endpoint.ts) apply here to the
 * resolved endpoint.
 */
function computedBaseUrl(value: unknown, endpoint: string): string | undefined {
	if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return undefined;
	const host = endpoint.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
	return value.includes(host) ? value : undefined;
}

export async function loadServiceTarget(ctx: IExecuteFunctions, family: ServiceFamily): Promise<ServiceTarget> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const authType = (credentials.authType as ServiceFamily | undefined) ?? 'aiSearch';
	if (authType !== family) {
		throw new NodeOperationError(
			ctx.getNode(),
			`This node calls the ${FAMILY_NAMES[family]}, but the selected credential is set up for ${FAMILY_NAMES[authType] ?? authType}`,
			{
				description: `Select or create an Alibaba Cloud Multimodal API credential whose Service Family is "${FAMILY_NAMES[family]}".`,
			},
		);
	}
	const endpoint = String(credentials.endpoint ?? '').trim();
	if (!endpoint) {
		throw new NodeOperationError(ctx.getNode(), 'The credential has no endpoint', {
			description: sentences('Open the Alibaba Cloud Multimodal API credential and enter the service endpoint', NOTHING_SENT),
		});
	}
	// The endpoint is checked even when the credential's computed Base URL is used, so a wrong one is refused before sending.
	let checkedBaseUrl: string;
	try {
		checkedBaseUrl = family === 'aiSearch' ? aiSearchBaseUrl(endpoint) : paiBaseUrl(endpoint, String(credentials.pathPrefix ?? ''));
	} catch (error) {
		const fix = error instanceof EndpointProblem ? ` ${error.fix}` : '';
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: sentences(`Open the Alibaba Cloud Multimodal API credential and correct its Endpoint.${fix}`, NOTHING_SENT),
		});
	}
	const baseUrl = computedBaseUrl(credentials.baseUrl, endpoint) ?? checkedBaseUrl;
	const authorize = (request: IHttpRequestOptions) => applyCredential(credentials, request);
	const secrets = [credentials.apiKey, credentials.token].filter((v): v is string => typeof v === 'string' && v !== '');
	return family === 'aiSearch'
		? {
				family,
				baseUrl,
				workspacePath: aiSearchWorkspacePath(String(credentials.workspace ?? 'default')),
				secrets,
				authorize,
			}
		: { family, baseUrl, workspacePath: '', secrets, authorize };
}
