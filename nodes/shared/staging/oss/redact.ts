/**
 * OSS texts that can reach an error message, an item or a log line carry credentials in several shapes:
 * the Authorization header (`OSS <id>:<signature>`, or V4's `OSS4-HMAC-SHA256 Credential=...,Signature=<hex>`),
 * a pre-signed URL's `Signature`, `x-oss-signature` and token parameters, an STS token in `x-oss-security-token`, and the `SignatureProvided`/`StringToSign` elements
 * of a SignatureDoesNotMatch answer. This removes all of them, plus every literal secret it is given
 * (raw and URL-encoded), and leaves the rest readable.
 */
export function redactOssSecrets(text: string, secrets: Array<string | undefined> = []): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join('***');
	}
	return result
		.replace(/\bOSS(\s+[^\s:,]+):[A-Za-z0-9+/=]+/g, 'OSS$1:***')
		.replace(/(\bSignature=)[0-9a-f]{64}\b/gi, '$1***')
		.replace(/([?&](?:Signature|security-token|x-oss-signature|x-oss-security-token)=)[^&#\s"'<>]*/gi, '$1***')
		.replace(/(x-oss-security-token["']?\s*[:=]\s*["']?)[^\s"',&<]+/gi, '$1***')
		.replace(/(<(SignatureProvided|StringToSign|StringToSignBytes|CanonicalRequest)>)[\s\S]*?(<\/\2>)/g, '$1***$3');
}
