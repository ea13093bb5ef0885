import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Facts about a failure that travel with the error into Continue On Fail items and messages. */
export interface FailureContext extends IDataObject {
	errorCode?: string;
	httpCode?: number;
	requestId?: string;
	taskId?: string;
	status?: string;
	serviceId?: string;
	/** PAI async job and batch job ids. */
	jobId?: string;
	batchId?: string;
	/** A status check stopped retrying because the wait's deadline came: the work itself may be fine. */
	deadlineReached?: boolean;
}

export type ItemError = NodeApiError | NodeOperationError;

/** Added to every error raised before the first request (an invalid item, parameter or credential field). */
export const NOTHING_SENT = 'Nothing was sent to the service: every item is checked before the first request';

/** Sentences joined with one full stop between them, whether or not each already ends with one. */
export function sentences(...parts: Array<string | null | undefined>): string {
	return parts
		.filter((part): part is string => typeof part === 'string' && part.trim() !== '')
		.map((part) => part.trim().replace(/\.+$/, ''))
		.join('. ');
}

/** Removes secrets from any text that may reach an item, a message or a log line. */
export function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('***');
	}
	return result;
}

export function contextOf(error: unknown): FailureContext {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	return (context ?? {}) as FailureContext;
}

/** Adds facts to an n8n error's context (other errors pass through unchanged) and returns it. */
export function withContext<T>(error: T, context: FailureContext): T {
	const target = (error as { context?: IDataObject } | undefined)?.context;
	if (!target || typeof target !== 'object') return error;
	for (const [key, value] of Object.entries(context)) {
		if (value !== undefined && value !== null && value !== '' && target[key] === undefined) target[key] = value;
	}
	return error;
}

export interface ApiFailure {
	httpCode?: number;
	code?: string;
	message: string;
	requestId?: string;
	description?: string;
}

/**
 * n8n replaces an error's headline with its own generic text when the headline or the error code is a
 * system error code ("ECONNRESET" becomes "…You can retry the request immediately", the advice that
 * charges twice). System codes therefore travel in the description and the item's errorCode only.
 */
const SYSTEM_CODE = /^(E[A-Z][A-Z_]+|ERR_[A-Z_]+|GETADDRINFO)$/;
const SYSTEM_CODE_IN_TEXT = /\b(E[A-Z][A-Z_]{3,}|ERR_[A-Z_]+|GETADDRINFO)\b/g;

export function apiError(node: INode, failure: ApiFailure, itemIndex: number, secrets: string[] = []): NodeApiError {
	const systemCode = failure.code !== undefined && SYSTEM_CODE.test(failure.code);
	const headline = failure.message.replace(SYSTEM_CODE_IN_TEXT, 'network error');
	const message = redact(failure.code && !systemCode ? `${headline} [${failure.code}]` : headline, secrets);
	const details = [
		failure.description,
		systemCode ? `Network error code: ${failure.code}` : undefined,
		failure.httpCode ? `HTTP ${failure.httpCode}` : undefined,
		failure.requestId ? `Request ID: ${failure.requestId}` : undefined,
	].filter(Boolean);
	const error = new NodeApiError(
		node,
		{ code: systemCode ? null : (failure.code ?? null), message: headline, requestId: failure.requestId ?? null } as JsonObject,
		{
			message,
			description: redact(sentences(...(details as string[])), secrets) || undefined,
			httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
			itemIndex,
		},
	);
	return withContext(error, { errorCode: failure.code, httpCode: failure.httpCode, requestId: failure.requestId });
}

export function operationError(node: INode, message: string, itemIndex: number, description?: string): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, description });
}

/** Turns anything thrown while handling an item into an n8n error that names the item. */
export function toItemError(node: INode, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const description = (error as { description?: unknown } | undefined)?.description;
	if (error instanceof Error && typeof description === 'string') {
		return new NodeOperationError(node, error.message, { itemIndex, description });
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * What to do about a service's error answer, from its status and, where the contracts name them, its
 * code and message. Undefined when there is nothing better to say than the answer itself.
 */
export function hintForAnswer(
	httpCode: number | undefined,
	answer: { code?: string; message?: string },
	family: 'aiSearch' | 'pai',
	purpose = '',
): string | undefined {
	const words = `${answer.code ?? ''} ${answer.message ?? ''}`.toLowerCase();
	const checking = /checking/.test(purpose);
	if (family === 'pai' && /not found appid/.test(words)) {
		return 'The AppID is not known to this PAI endpoint: check the AppID and the endpoint in the Alibaba Cloud Multimodal API credential';
	}
	if (/sign error/.test(words)) return 'The request signature was refused: check the token (and the AppID and path prefix) in the credential';
	if (/model not found/.test(words)) {
		return 'The model is not deployed for this AppID: pick a preset model, or ask Alibaba Cloud which model names your AppID has';
	}
	if (/tasknotexist|task.*not.*exist|job.*not.*(exist|found)|batch.*not.*(exist|found)/.test(words) || (checking && httpCode === 404)) {
		return 'The service does not know this id: check that it comes from this node\'s service (a task id belongs to the service it was submitted to) and that it has not expired';
	}
	if (/serviceidnotexist/.test(words)) return 'The service id is not offered in this region or workspace: check the endpoint and workspace in the credential';
	if (httpCode === 422 || /download|fetch|unreachable|not accessible/.test(words)) {
		return 'The service could not process the input: a URL must be downloadable by Alibaba Cloud (public or pre-signed, not only reachable from your network) and the file of a supported type';
	}
	if (httpCode === 400) return 'The service refused the request as invalid: check the input (a readable file of a type the service lists) and the node\'s parameters';
	if (httpCode === 401 || httpCode === 403) {
		return family === 'aiSearch'
			? 'Check the API key and workspace in the Alibaba Cloud Multimodal API credential'
			: 'Check the AppID, token and path prefix in the Alibaba Cloud Multimodal API credential';
	}
	if (httpCode === 404) return 'The service has no such route: check the endpoint (and, for PAI, the path prefix) in the credential';
	if (httpCode === 429) return 'The service kept throttling the requests: lower the Max Requests per Second option or try again later';
	if (httpCode !== undefined && httpCode >= 500) return 'The service had an internal problem; try again later';
	return undefined;
}
