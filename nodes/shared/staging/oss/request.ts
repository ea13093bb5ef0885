import { CancelledError, packageClock } from '../../core/time';
import { objectKeyProblem, objectUrl, type OssBucketLocation } from './endpoint';
import { ossAnswerError, OssRequestError } from './errors';
import { redactOssSecrets } from './redact';
import { signRequestHeaders, type OssSigning } from './signer';
import type { HeaderMap, OssCredentials } from './signing';

export type OssMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';

/** One HTTP exchange, as the injected send function performs it. */
export interface OssHttpRequest {
	method: OssMethod;
	url: string;
	/** Send exactly these: Content-Type, Content-MD5 and x-oss-* are signed, so a transport must not add or change them. */
	headers: Record<string, string>;
	body?: Buffer;
	signal?: AbortSignal;
}

export interface OssHttpResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	/** The answer's text; only XML answers are read. */
	body?: string | Buffer;
}

/**
 * Performs one request and answers whatever status came back (it must not throw on 4xx/5xx). Over
 * n8n's `this.helpers.httpRequest` in the node, over Node's http in tests. Every OSS call here is safe to
 * repeat (same key, same part number), so the function may retry network errors and 5xx answers.
 */
export type OssSend = (request: OssHttpRequest) => Promise<OssHttpResponse>;

export interface OssConnection extends OssBucketLocation {
	credentials: OssCredentials;
	/** V4 with the bucket's region (the default of the credential), or V1 for buckets that still take it. */
	signing: OssSigning;
	send: OssSend;
	/** Clock for the signature date and pre-signed expiry; tests pin it. */
	now?: () => Date;
}

export interface OssCall {
	/** OSS API name, for messages: PutObject, UploadPart ... */
	operation: string;
	method: OssMethod;
	key: string;
	query?: Record<string, string>;
	headers?: HeaderMap;
	body?: Buffer;
	/** Statuses that mean success; anything else becomes an OssRequestError. */
	expect: number[];
	signal?: AbortSignal;
}

export interface OssAnswer {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
}

export function headerOf(headers: OssHttpResponse['headers'], name: string): string | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? value[0] : value;
}

export function connectionSecrets(connection: OssConnection): Array<string | undefined> {
	return [connection.credentials.accessKeySecret, connection.credentials.securityToken];
}

/** Signs, sends and checks one OSS call; failures come back redacted as OssRequestError (or CancelledError). */
export async function ossCall(connection: OssConnection, call: OssCall): Promise<OssAnswer> {
	const problem = objectKeyProblem(call.key);
	if (problem) throw new Error(problem);
	if (call.signal?.aborted) throw new CancelledError();
	const query = call.query ?? {};
	const headers = signRequestHeaders(
		connection.signing,
		connection.credentials,
		{ method: call.method, bucket: connection.bucket, key: call.key, query, headers: call.headers },
		(connection.now ?? (() => new Date(packageClock.now())))(),
	);
	if (call.body) headers['Content-Length'] = String(call.body.length);
	const url = objectUrl(connection, call.key, Object.entries(query));

	let response: OssHttpResponse | undefined;
	let failure: unknown;
	try {
		response = await connection.send({ method: call.method, url, headers, body: call.body, signal: call.signal });
	} catch (error) {
		failure = error;
	}
	if (!response) {
		if (call.signal?.aborted) throw new CancelledError();
		const reason = failure instanceof Error ? failure.message : String(failure);
		throw new OssRequestError(call.operation, { message: redactOssSecrets(reason, connectionSecrets(connection)) });
	}
	const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : (response.body ?? '');
	if (!call.expect.includes(response.statusCode)) {
		throw ossAnswerError(
			call.operation,
			{ statusCode: response.statusCode, body: text, requestIdHeader: headerOf(response.headers, 'x-oss-request-id') },
			connectionSecrets(connection),
		);
	}
	return { statusCode: response.statusCode, headers: response.headers, text };
}
