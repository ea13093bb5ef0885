import type { ApiResult } from '../family';

/**
 * Error answers as the seed document's error tables give them: the HTTP status plus `code` and
 * `message` in the usual envelope. Which string sits in `code` and which in `message` is not
 * documented; the video table (code PARAMETER_ERROR, message "sign error" …) is followed.
 */
export const PaiCode = {
	OK: 'OK',
	PARAMETER_ERROR: 'PARAMETER_ERROR',
	SERVER_ERROR: 'SEVER_ERROR', // sic: the seed's spelling
	THROTTLED: 'THROTTLING',
	NOT_FOUND: 'NOT_FOUND',
	INTERNAL: 'INTERNAL_ERROR',
} as const;

export const PaiMessages = {
	signError: 'sign error',
	notFoundAppId: 'not found appid',
	modelNotFound: 'model not found',
	throttled: 'too many requests, please try again later',
} as const;

export function paiError(status: number, code: string, message: string): ApiResult {
	return { status, payload: { code, message } };
}

/** Thrown by validators; turned into 400 PARAMETER_ERROR. */
export class ParameterError extends Error {}

export function paiStatusError(status: number): ApiResult {
	if (status === 400) return paiError(400, PaiCode.PARAMETER_ERROR, 'invalid parameter');
	if (status === 401) return paiError(401, PaiCode.PARAMETER_ERROR, PaiMessages.signError);
	if (status === 404) return paiError(404, PaiCode.PARAMETER_ERROR, PaiMessages.modelNotFound);
	if (status === 422) return paiError(422, PaiCode.SERVER_ERROR, 'model service error');
	if (status === 429) return paiError(429, PaiCode.THROTTLED, PaiMessages.throttled);
	if (status >= 500) return paiError(status, PaiCode.INTERNAL, 'internal server error');
	return paiError(status, PaiCode.PARAMETER_ERROR, `request failed with HTTP ${status}`);
}
