import { OSS_ERROR_BODY_MAX_CHARS } from './constants';
import { redactOssSecrets } from './redact';
import { xmlText } from './xml';

/** The fields of an OSS `<Error>` answer that help a user; the rest (HostId, StringToSign ...) stays out. */
export interface OssErrorDocument {
	code?: string;
	message?: string;
	requestId?: string;
	/** OSS's detailed error code (`0002-00000080`), which its troubleshooting pages are named after. */
	ec?: string;
}

/** Reads `<Error><Code/><Message/><RequestId/></Error>`; undefined when the text is not an OSS error. */
export function parseOssError(body: string): OssErrorDocument | undefined {
	const xml = body.slice(0, OSS_ERROR_BODY_MAX_CHARS);
	if (!/<Error[\s>]/.test(xml)) return undefined;
	const document: OssErrorDocument = { code: xmlText(xml, 'Code'), message: xmlText(xml, 'Message'), requestId: xmlText(xml, 'RequestId') };
	const ec = xmlText(xml, 'EC');
	if (ec) document.ec = ec;
	return document;
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

/** Detailed codes whose cause is not the one their Code usually means. */
const EC_HINTS: Record<string, string> = {
	'0002-00000080':
		'This bucket no longer takes V1 signatures (OSS refuses them for accounts and buckets created since 2025): set OSS Signature Version to V4 in the credential, and OSS Region when the endpoint does not show it',
};

/** Same shape as the transport's ApiFailure (httpCode, code, message, requestId, description). */
export class OssRequestError extends Error {
	readonly operation: string;
	readonly httpCode?: number;
	readonly code?: string;
	readonly requestId?: string;
	readonly ec?: string;
	readonly description?: string;

	constructor(operation: string, failure: { httpCode?: number; code?: string; message: string; requestId?: string; ec?: string }) {
		super(`OSS ${operation} failed: ${failure.message}`);
		this.name = 'OssRequestError';
		this.operation = operation;
		this.httpCode = failure.httpCode;
		this.code = failure.code;
		this.requestId = failure.requestId;
		this.ec = failure.ec;
		this.description = (failure.ec ? EC_HINTS[failure.ec] : undefined) ?? (failure.code ? HINTS[failure.code] : undefined);
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
		ec: document?.ec,
	});
}
