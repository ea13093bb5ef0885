/** The PAI multimedia-analysis API family (`/api/v1/...`, AppID + HMAC-SHA256 request signature). */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiFamily, ApiResult } from '../family';
import { parseAuthorization } from './auth';
import { PaiCode, PaiMessages, paiError, paiStatusError } from './errors';
import { PaiJobStore } from './jobs';
import { matchPaiRoute, PAI_API_PREFIX, type PaiDeps } from './routes';

export { PaiCode, PaiMessages } from './errors';
export { PAI_API_PREFIX } from './routes';
export { BUILTIN_MODELS } from './models';

export function createPaiFamily(deps: Omit<PaiDeps, 'jobs'> & { jobs?: PaiJobStore }): ApiFamily {
	const full: PaiDeps = { ...deps, jobs: deps.jobs ?? new PaiJobStore() };
	const { options } = full;
	const prefix = options.paiPathPrefix + PAI_API_PREFIX;
	return {
		name: 'pai',
		owns: (pathname) => pathname.startsWith(prefix),
		match: (method, url) => matchPaiRoute(method, url, full),
		// Headers alone can say whether the AppID exists; the signature needs the body (checked in handle()).
		isAuthorized: (headers) => {
			const auth = parseAuthorization(headers);
			return auth !== undefined && options.paiApps[auth.appId] !== undefined;
		},
		unauthorized: (headers: IncomingHttpHeaders): ApiResult => {
			const auth = parseAuthorization(headers);
			// The seed's video error table: 400 PARAMETER_ERROR "not found appid" for an unknown AppID.
			if (auth) return paiError(400, PaiCode.PARAMETER_ERROR, PaiMessages.notFoundAppId);
			return paiError(401, PaiCode.PARAMETER_ERROR, PaiMessages.signError);
		},
		notFound: (method, path) => paiError(404, PaiCode.NOT_FOUND, `no such API: ${method} ${path}`),
		statusError: paiStatusError,
		throttled: () => paiError(429, PaiCode.THROTTLED, PaiMessages.throttled),
		tooLarge: (bytes, limit) => paiError(400, PaiCode.PARAMETER_ERROR, `request body of ${bytes} bytes exceeds the ${limit} bytes limit`),
		qpsLimit: (service) => options.qps[service],
		envelope: (result) => ({ request_id: randomUUID(), ...result.payload }),
		malformedBody: () => `{"request_id":"${randomUUID()}","code":"OK","data":{`,
	};
}
