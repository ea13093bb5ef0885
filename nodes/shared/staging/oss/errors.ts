import { OSS_ERROR_BODY_MAX_CHARS } from './constants';
import { redactOssSecrets } from './redact';
import { xmlText } from './xml';

/** The fields of an OSS `<Error>` answer that help a user; the rest (HostId, StringToSign ...) stays out. */
export interface OssErrorDocument {
	code?: string;
	message?: string;
	requestId?: string;
}

/** Reads `<Error><Code/><Message/><RequestId/></Error>`; undefined when the text is not an OSS error. */
export function parseOssError(body: string): OssErrorDocument | undefined {
	const xml = body.slice(0, OSS_ERROR_BODY_MAX_CHARS);
	if (!/<Error[\s>]/.test(xml)) return undefined;
	return { code: xmlText(xml, 'Code'), message: xmlText(xml, 'Message'), requestId: xmlText(xml, 'RequestId') };
}

/** What the user can do about the codes a staging upload meets. */
const HINTS: Record<string, string> = {
	SignatureDoesNotMatch: 'Check the AccessKey secret of the OSS credentials',
	InvalidAccessKeyId: 'Check the AccessKey ID of the OSS credentials (and the STS token, if any)',
	AccessDenied: 'The AccessKey needs oss:PutObject, oss:GetObject and oss:DeleteObject on the bucket (and the multipart upload actions)',
	NoSuchBucket: "Check the bucket name and that the endpoint is the bucket's region",
	RequestTimeTooSkewed: "The n8n host's clock differs from OSS time by more than 15 minutes",
	SecurityTokenExpired: 'The STS token has expired; fetch new temporary credentials',
};

/** Same shape as the transport's ApiFailure (httpCode, code, message, requestId, description). */
export class OssRequestError extends Error {
	readonly operation: string;
	readonly httpCode?: number;
	readonly code?: string;
	readonly requestId?: string;
	readonly description?: string;

	constructor(operation: string, failure: { httpCode?: number; code?: string; message: string; requestId?: string }) {
		super(`OSS ${operation} failed: ${failure.message}`);
		this.name = 'OssRequestError';
		this.operation = operation;
		this.httpCode = failure.httpCode;
		this.code = failure.code;
		this.requestId = failure.requestId;
		this.description = failure.code ? HINTS[failure.code] : undefined;
	}
}

/** The error for an answer outside the expected statuses; every text in it is redacted. */
export function ossAnswerError(
	operation: string,
	answer: { statusCode: number; body: string; requestIdHeader?: string },
	secrets: Array<string | undefined>,
): OssRequestError {
	const document = parseOssError(answer.body);
	const message = document?.message || document?.code || `HTTP ${answer.statusCode}`;
	return new OssRequestError(operation, {
		httpCode: answer.statusCode,
		code: document?.code,
		message: redactOssSecrets(message, secrets),
		requestId: document?.requestId || answer.requestIdHeader,
	});
}
