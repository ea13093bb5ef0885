/** The AI Search Open Platform API family (`/v3/openapi/workspaces/...`). */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiFamily, ApiResult } from '../family';
import { apiError, ErrorCode, Messages, statusError } from './errors';
import { matchRoute, type AiSearchDeps } from './routes';
import { AI_SEARCH_PREFIX } from './services';
import { emulatorNow } from '../timers';

export { ErrorCode } from './errors';
export { FAIL_ERROR } from './results';
export { SERVICE_IDS, AI_SEARCH_PREFIX } from './services';

function bearer(headers: IncomingHttpHeaders): string | undefined {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	return m?.[1];
}

export function newRequestId(): string {
	return randomUUID().toUpperCase();
}

export function createAiSearchFamily(deps: AiSearchDeps): ApiFamily {
	const { options } = deps;
	return {
		name: 'ai-search',
		owns: (pathname) => pathname.startsWith(AI_SEARCH_PREFIX),
		match: (method, url) => matchRoute(method, url, deps),
		isAuthorized: (headers) => {
			const key = bearer(headers);
			return key !== undefined && options.apiKeys.includes(key);
		},
		unauthorized: (headers): ApiResult =>
			apiError(
				401,
				ErrorCode.AUTH,
				headers.authorization
					? 'Invalid API key.'
					: "Missing Authorization header; expected 'Authorization: Bearer <API key>'.",
			),
		notFound: (method, path) => apiError(404, ErrorCode.NOT_FOUND, `No such API: ${method} ${path}`),
		statusError,
		throttled: () => apiError(429, ErrorCode.THROTTLING_RATE, Messages.throttled),
		tooLarge: (bytes, limit) => {
			// Decimal megabytes, as the service documents its "8 MB" limit.
			const mb = limit / 1_000_000;
			const limitText = Number.isInteger(mb) ? `${mb} MB` : `${limit} bytes`;
			return apiError(400, ErrorCode.INVALID_PARAMETER, `Request body of ${bytes} bytes exceeds the ${limitText} limit`);
		},
		qpsLimit: (service) => options.qps[service],
		envelope: (result, receivedAt) => ({
			request_id: newRequestId(),
			latency: emulatorNow() - receivedAt,
			http_code: result.status,
			...result.payload,
		}),
		malformedBody: () => `{"request_id":"${newRequestId()}","latency":1,"http_code":200,"result":{`,
	};
}
