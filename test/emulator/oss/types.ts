/** Public types of the OSS emulator (an object endpoint of the user's own bucket). */

export interface OssAccessKey {
	secret: string;
	/** STS credentials: requests must carry this token (`x-oss-security-token` header or `security-token` query). */
	securityToken?: string;
	/** Buckets this key may use; default all. Others answer 403 AccessDenied. */
	buckets?: string[];
}

export interface OssEmulatorOptions {
	/** AccessKeyId -> key. Default { [DEFAULT_OSS_ACCESS_KEY_ID]: { secret: DEFAULT_OSS_ACCESS_KEY_SECRET } }. */
	accessKeys?: Record<string, OssAccessKey>;
	/** Buckets that exist; default [DEFAULT_OSS_BUCKET]. Any other answers 404 NoSuchBucket. */
	buckets?: string[];
	/** Largest difference between the request's date and the emulator's clock; default 15 minutes, as OSS. */
	maxClockSkewMs?: number;
	/** The bucket's region, which V4 signatures must name; default DEFAULT_OSS_REGION (cn-hangzhou). */
	region?: string;
	/**
	 * Take V1 signatures too, as an old bucket does; default false: V1 gets OSS's 403 AccessDenied
	 * (EC 0002-00000080), as for buckets created since 2025-09-01.
	 */
	allowV1?: boolean;
	/** Bodies above this many bytes are kept in a temp dir instead of memory; default 1 MiB. */
	spillBytes?: number;
	/** Clock in ms for expiry and skew checks; default the emulator's clock (see timers.ts). */
	now?: () => number;
	/** Called once per request when its log entry is final. */
	onRequest?: (entry: OssLogEntry) => void;
}

export type OssOperation =
	| 'PutObject'
	| 'GetObject'
	| 'HeadObject'
	| 'DeleteObject'
	| 'InitiateMultipartUpload'
	| 'UploadPart'
	| 'CompleteMultipartUpload'
	| 'AbortMultipartUpload'
	| 'ListParts'
	| 'control'
	| 'unknown';

export interface OssLogEntry {
	seq: number;
	time: number;
	method: string;
	/** Host header as received (virtual-hosted requests carry the bucket here). */
	host: string;
	/** Path and query, with signatures and security tokens replaced by ***. */
	path: string;
	operation: OssOperation;
	bucket?: string;
	key?: string;
	uploadId?: string;
	partNumber?: number;
	/** How the request was authenticated: Authorization header, pre-signed URL, or neither. */
	auth: 'header' | 'presigned' | 'none';
	/** Which signature version the request carried. */
	signature?: 'v1' | 'v4';
	accessKeyId?: string;
	/** The signature (and token, expiry, bucket permission) checked out. */
	authorized: boolean;
	status: number;
	/** OSS error code of a failed request. */
	code?: string;
	bodyBytes: number;
	/** Set for a pre-signed URL or oss:// path resolved in-process by resolveOssReference (a service's fetch). */
	resolved?: boolean;
}

export interface OssObjectInfo {
	bucket: string;
	key: string;
	size: number;
	etag: string;
	contentType: string;
}

export type OssResolution =
	| { ok: true; object: OssObjectInfo; bytes: Buffer }
	| { ok: false; status: number; code: string; message: string };

/** What a service learns of a staged file it fetched: the object, and the MD5 (hex) of the bytes it read. */
export type OssDigest = { ok: true; object: OssObjectInfo; md5: string } | { ok: false; status: number; code: string; message: string };

export interface OssEmulator {
	/** `http://127.0.0.1:<port>`: path-style (`/<bucket>/<key>`), or virtual-hosted through the Host header. */
	url: string;
	port: number;
	/** Live array; reset() empties it in place. */
	log: OssLogEntry[];
	/** A stored object's bytes, or undefined. */
	getObject(bucket: string, key: string): Promise<Buffer | undefined>;
	/** Objects and multipart uploads in progress, for assertions. */
	listObjects(bucket?: string): OssObjectInfo[];
	listUploads(bucket?: string): Array<{ bucket: string; key: string; uploadId: string; parts: number }>;
	/** An `oss://bucket/key` path or a pre-signed URL -> the stored bytes, checked as OSS would check them. */
	resolve(reference: string): Promise<OssResolution>;
	/** As resolve, streamed through an MD5 instead of read into memory (for very large staged files). */
	digest(reference: string): Promise<OssDigest>;
	/** Clears log, objects and uploads (buckets and keys stay). */
	reset(): Promise<void>;
	close(): Promise<void>;
}
