import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { packageClock } from '../core/time';
import { paiAuthorization, paiSignedPath } from './signature';

/**
 * Applies the credential to one request: a Bearer key for AI Search, a signature for PAI. PAI signs
 * METHOD, the MD5 of the exact body bytes and the path, so the body is turned into the string (or
 * bytes) that will be sent before it is signed; bytes are signed and sent as they are. The
 * credential's `authenticate` (n8n's own requests: the credential test, an HTTP Request node) and the
 * nodes' transport both use this one function.
 */
export function applyCredential(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const headers = { ...(requestOptions.headers ?? {}) };
	if (credentials.authType === 'pai') {
		const method = (requestOptions.method ?? 'GET').toUpperCase();
		const rawBody = requestOptions.body;
		const body =
			rawBody === undefined || rawBody === null || rawBody === '' || (Buffer.isBuffer(rawBody) && rawBody.length === 0)
				? ''
				: typeof rawBody === 'string' || Buffer.isBuffer(rawBody)
					? rawBody
					: JSON.stringify(rawBody);
		headers.Authorization = paiAuthorization(String(credentials.appId ?? ''), String(credentials.token ?? ''), method, body, paiSignedPath(requestOptions.url));
		headers['X-Request-Time'] = String(Math.floor(packageClock.now() / 1000));
		return { ...requestOptions, headers, body: body === '' ? undefined : body };
	}
	headers.Authorization = `Bearer ${String(credentials.apiKey ?? '')}`;
	return { ...requestOptions, headers };
}
