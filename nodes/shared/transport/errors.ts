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
}

export type ItemError = NodeApiError | NodeOperationError;

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

export function apiError(node: INode, failure: ApiFailure, itemIndex: number, secrets: string[] = []): NodeApiError {
	const message = redact(failure.code ? `${failure.message} [${failure.code}]` : failure.message, secrets);
	const details = [
		failure.description,
		failure.httpCode ? `HTTP ${failure.httpCode}` : undefined,
		failure.requestId ? `Request ID: ${failure.requestId}` : undefined,
	].filter(Boolean);
	const error = new NodeApiError(
		node,
		{ code: failure.code ?? null, message: failure.message, requestId: failure.requestId ?? null } as JsonObject,
		{
			message,
			description: redact(details.join('. '), secrets) || undefined,
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
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** Helpful text for the HTTP statuses a user can act on. */
export function hintForStatus(httpCode: number | undefined, family: 'aiSearch' | 'pai'): string | undefined {
	if (httpCode === 401 || httpCode === 403) {
		return family === 'aiSearch'
			? 'Check the API key and workspace in the Alibaba Cloud Multimodal API credential'
			: 'Check the AppID, token and path prefix in the Alibaba Cloud Multimodal API credential';
	}
	if (httpCode === 429) return 'The service kept throttling the requests: lower the QPS option or try again later';
	if (httpCode !== undefined && httpCode >= 500) return 'The service had an internal problem; try again later';
	return undefined;
}
