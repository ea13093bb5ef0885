import type { ApiResult } from '../family';

/**
 * Error codes. AUTH is an assumption (the real code for a bad API key is not documented);
 * keep it in this one constant so it is easy to change.
 */
export const ErrorCode = {
	AUTH: 'InvalidApiKey',
	INVALID_PARAMETER: 'InvalidParameter',
	SERVICE_ID_NOT_EXIST: 'ServiceIdNotExist',
	TASK_NOT_EXIST: 'BadRequest.TaskNotExist',
	THROTTLING_RATE: 'Throttling.RateQuota',
	NOT_FOUND: 'NotFound',
	INTERNAL: 'InternalServerError',
} as const;

export const Messages = {
	throttled: 'Requests rate limit exceeded, please try again later.',
	serviceIdNotExist: 'service_id is not exist.',
	internal: 'An internal error has occurred, please try again later.',
	taskNotExist: (id: string) => `task[${id}] not exist`,
} as const;

/** Code and message used when a 'status' fault injects an HTTP status. */
const STATUS_ERRORS: Record<number, [string, string]> = {
	400: [ErrorCode.INVALID_PARAMETER, 'Required parameter(s) missing or invalid, please check the request parameters.'],
	401: [ErrorCode.AUTH, 'Invalid API key.'],
	403: ['Forbidden', 'Access denied.'],
	404: [ErrorCode.NOT_FOUND, 'The requested resource does not exist.'],
	429: [ErrorCode.THROTTLING_RATE, Messages.throttled],
	500: [ErrorCode.INTERNAL, Messages.internal],
	502: ['BadGateway', 'Bad gateway: the upstream service returned an invalid response.'],
	503: ['ServiceUnavailable', 'The service is temporarily unavailable, please try again later.'],
	504: ['GatewayTimeout', 'Gateway timeout: the upstream service did not answer in time.'],
};

export function apiError(status: number, code: string, message: string, headers?: Record<string, string>): ApiResult {
	return { status, payload: { code, message }, headers };
}

export function statusError(status: number): ApiResult {
	const known = STATUS_ERRORS[status];
	if (known) return apiError(status, known[0], known[1]);
	if (status >= 500) return apiError(status, ErrorCode.INTERNAL, Messages.internal);
	return apiError(status, 'BadRequest', `Request failed with HTTP ${status}.`);
}

/** Thrown by validators; routes turn it into 400 InvalidParameter. */
export class InvalidParameter extends Error {}
