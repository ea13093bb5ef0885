/**
 * Contract between the generic server (auth order, faults, QPS, log, body limit) and one API family
 * (AI Search `/v3/openapi/...` today; PAI `/api/v1/...` can be added beside it as another ApiFamily).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiServiceType } from './types';

/** What a handler answers; the family's envelope() turns it into the wire body. */
export interface ApiResult {
	status: number;
	payload: Record<string, unknown>;
	headers?: Record<string, string>;
	taskId?: string;
	taskStatus?: string;
}

export interface ApiRequest {
	method: string;
	url: URL;
	headers: IncomingHttpHeaders;
	/** Whole body (empty when it exceeded maxBodyBytes). */
	body: Buffer;
	receivedAt: number;
}

export interface RouteMatch {
	kind: 'submit' | 'poll' | 'sync';
	/** Log field, fault matching and QPS bucket. */
	service: ApiServiceType;
	serviceId: string;
	/** Set when the route is known but the request is refused before any handling (e.g. ServiceIdNotExist). */
	reject?: ApiResult;
	handle(req: ApiRequest): Promise<ApiResult>;
}

export interface ApiFamily {
	readonly name: string;
	/** Whether a path belongs to this family (prefix test). */
	owns(pathname: string): boolean;
	/** undefined: not a route of this family (answered with notFound). */
	match(method: string, url: URL): RouteMatch | undefined;
	isAuthorized(headers: IncomingHttpHeaders): boolean;
	unauthorized(headers: IncomingHttpHeaders): ApiResult;
	notFound(method: string, path: string): ApiResult;
	/** Error answer for an injected HTTP status. */
	statusError(status: number): ApiResult;
	/** 429 answer (the server adds Retry-After). */
	throttled(): ApiResult;
	tooLarge(bytes: number, limit: number): ApiResult;
	qpsLimit(service: ApiServiceType): number | undefined;
	/** Adds request_id, latency, http_code ... to a result. */
	envelope(result: ApiResult, receivedAt: number): Record<string, unknown>;
	/** A 200 body that is not valid JSON. */
	malformedBody(): string;
}
