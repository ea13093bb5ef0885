import type { IExecuteFunctions, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import { PACKAGE_USER_AGENT, RETRY_POLICY } from '../core/constants';
import { backoffMs } from '../transport/retry';
import type { OssSend } from './oss/client';
import { CancelledError, pause } from '../core/time';
import { OSS_REQUEST_TIMEOUT_MS } from './constants';

/**
 * OSS requests over n8n's HTTP helper (proxy settings, no runtime dependency). Every OSS call the node
 * makes is safe to repeat (same key, same part number), so network failures and 5xx answers are retried
 * a few times with the engine's backoff (backoffMs); the headers go out exactly as signed.
 */
export function n8nOssSend(ctx: IExecuteFunctions): OssSend {
	return async (request) => {
		for (let attempt = 0; ; attempt++) {
			let response: IN8nHttpFullResponse | undefined;
			let failure: unknown;
			try {
				response = (await ctx.helpers.httpRequest({
					method: request.method as IHttpRequestMethods,
					url: request.url,
					headers: { ...request.headers, 'User-Agent': PACKAGE_USER_AGENT },
					body: request.body,
					encoding: 'text',
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: OSS_REQUEST_TIMEOUT_MS,
					abortSignal: request.signal,
				})) as IN8nHttpFullResponse;
			} catch (error) {
				failure = error;
			}
			if (request.signal?.aborted) throw new CancelledError();
			const transient = response === undefined || response.statusCode >= 500;
			if (!transient || attempt >= RETRY_POLICY.maxTransientRetries) {
				if (response) return { statusCode: response.statusCode, headers: response.headers as Record<string, string>, body: response.body as string };
				throw failure;
			}
			await pause(backoffMs(attempt), request.signal);
		}
	};
}
