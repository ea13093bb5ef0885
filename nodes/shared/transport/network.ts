/**
 * What a failed HTTP exchange tells about the request: its system error code (wherever the n8n
 * version put it), whether the request can have reached the service, and what the user can do.
 */

/** The request provably never left: nothing can have been created or charged, so it is retried. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The request cannot work as configured (bad URL, TLS against plain HTTP): not sent, and not worth retrying. */
const MISCONFIGURED = new Set(['ERR_INVALID_URL', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_TLS_CERT_ALTNAME_INVALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED']);

/** The Request Timeout ran out: the service may still be working on the request. */
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const CODE_IN_TEXT = /\b(E[A-Z][A-Z_]{3,}|ERR_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED)\b/;

function codeOf(value: unknown): string | undefined {
	return typeof value === 'string' && CODE_IN_TEXT.test(value) && CODE_IN_TEXT.exec(value)![1] === value ? value : undefined;
}

/**
 * The system error code of a failed exchange. n8n 2.41 keeps it on the error (or its cause); n8n-core
 * 2.8 wraps it in a NodeApiError whose code is gone and leaves it only in `messages[]`.
 */
export function networkCode(error: unknown): string | undefined {
	const e = error as {
		code?: unknown;
		cause?: { code?: unknown; cause?: { code?: unknown } };
		context?: { code?: unknown };
		messages?: unknown;
		message?: unknown;
		description?: unknown;
	};
	const direct = codeOf(e?.cause?.code) ?? codeOf(e?.cause?.cause?.code) ?? codeOf(e?.code) ?? codeOf(e?.context?.code);
	if (direct) return direct;
	const texts = [...(Array.isArray(e?.messages) ? e.messages : []), e?.message, e?.description].filter((t): t is string => typeof t === 'string');
	for (const text of texts) {
		const match = CODE_IN_TEXT.exec(text);
		if (match) return match[1];
		if (/wrong version number/i.test(text)) return 'EPROTO';
		if (/invalid url/i.test(text)) return 'ERR_INVALID_URL';
		if (/timeout of \d+ms exceeded/i.test(text)) return 'ECONNABORTED';
	}
	return undefined;
}

export type NetworkFailure = 'not-sent' | 'misconfigured' | 'timed-out' | 'unknown';

export function classifyNetworkCode(code: string | undefined): NetworkFailure {
	if (code && NOT_SENT.has(code)) return 'not-sent';
	if (code && (MISCONFIGURED.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))) return 'misconfigured';
	if (code && TIMED_OUT.has(code)) return 'timed-out';
	return 'unknown';
}

/** What to check when the service could not be reached at all. */
export function unreachableHint(code: string | undefined, baseUrl: string): string {
	const scheme = /^https:/i.test(baseUrl) ? 'https' : 'http';
	const other = scheme === 'https' ? 'http' : 'https';
	if (code === 'EPROTO' || code?.startsWith('ERR_SSL')) {
		return `The endpoint ${baseUrl} does not speak ${scheme}: check whether it should start with ${other}:// in the credential`;
	}
	if (code === 'ERR_INVALID_URL') return `The endpoint in the credential is not a valid URL (${baseUrl}); enter the host shown in the console`;
	if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `The TLS certificate of ${baseUrl} was not accepted (${code}); check the endpoint in the credential`;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host of ${baseUrl} was not found; check the endpoint in the credential`;
	return `Check the endpoint in the credential (${baseUrl}) and the network path to it (${code ?? 'network error'})`;
}
