/** The parts of ali-oss (dev dependency, no bundled types) that the cross-check tests use. */
declare module 'ali-oss' {
	namespace OSS {
		interface Options {
			accessKeyId: string;
			accessKeySecret: string;
			stsToken?: string;
			bucket?: string;
			endpoint?: string;
			region?: string;
			/** Bucket in the path instead of the host. */
			sldEnable?: boolean;
			cname?: boolean;
			secure?: boolean;
			timeout?: number;
			refreshSTSTokenInterval?: number;
			/** Sign with OSS V4 (OSS4-HMAC-SHA256); the region option names the signing region. */
			authorizationV4?: boolean;
		}
		interface Response {
			status: number;
			headers: Record<string, string>;
			requestUrls?: string[];
		}
		interface OssError extends Error {
			status: number;
			code: string;
			requestId?: string;
		}
	}
	class OSS {
		constructor(options: OSS.Options);
		put(name: string, body: Buffer, options?: { mime?: string; headers?: Record<string, string> }): Promise<{ name: string; res: OSS.Response }>;
		get(name: string): Promise<{ content: Buffer; res: OSS.Response }>;
		head(name: string): Promise<{ status: number; res: OSS.Response }>;
		delete(name: string): Promise<{ res: OSS.Response }>;
		signatureUrl(name: string, options?: { expires?: number; method?: string }): string;
		/** A V4 pre-signed URL, `expires` seconds from now. */
		signatureUrlV4(method: string, expires: number, request?: { headers?: Record<string, string>; queries?: Record<string, unknown> }, objectName?: string, additionalHeaders?: string[]): Promise<string>;
		multipartUpload(name: string, file: Buffer, options?: { partSize?: number; parallel?: number; mime?: string }): Promise<{ name: string; etag?: string; res: OSS.Response }>;
		initMultipartUpload(name: string, options?: { mime?: string }): Promise<{ uploadId: string; res: OSS.Response }>;
		uploadPart(name: string, uploadId: string, partNo: number, file: string, start: number, end: number): Promise<{ etag: string }>;
		listParts(name: string, uploadId: string): Promise<{ parts: Array<{ PartNumber: string; ETag: string; Size: string }> }>;
		abortMultipartUpload(name: string, uploadId: string): Promise<{ res: OSS.Response }>;
	}
	export = OSS;
}

declare module 'ali-oss/lib/common/signUtils' {
	export function buildCanonicalString(method: string, resource: string, request: { headers: Record<string, string>; parameters?: unknown }, expires?: string): string;
	export function computeSignature(accessKeySecret: string, canonicalString: string): string;
	export function authorizationV4(
		accessKeyId: string,
		accessKeySecret: string,
		region: string,
		method: string,
		request: { headers: Record<string, string>; queries?: Record<string, unknown> },
		bucketName?: string,
		objectName?: string,
		additionalHeaders?: string[],
	): string;
	export function getSignatureV4(accessKeySecret: string, date: string, region: string, stringToSign: string): string;
	export function getCanonicalRequest(
		method: string,
		request: { headers: Record<string, string>; queries?: Record<string, unknown> },
		bucketName?: string,
		objectName?: string,
		additionalHeaders?: string[],
	): string;
}
