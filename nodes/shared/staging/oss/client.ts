import { packageClock } from '../../core/time';
import { bucketNameProblem, ossPath } from './endpoint';
import {
	abortMultipartUpload,
	completeMultipartUpload,
	initiateMultipartUpload,
	uploadPart,
	type UploadedPart,
} from './multipart';
import { deleteObject, putObject, type PutOptions } from './objects';
import type { ByteSource } from './parts';
import { presignGetUrl } from './presign';
import type { OssConnection } from './request';
import { uploadStream, type UploadOptions, type UploadResult } from './upload';

export type { OssBucketLocation } from './endpoint';
export type { OssConnection, OssHttpRequest, OssHttpResponse, OssSend } from './request';
export type { OssCredentials } from './signing';
export type { OssSigning } from './signer';
export type { ByteSource } from './parts';
export type { LeftoverUpload, UploadOptions, UploadResult } from './upload';
export type { UploadedPart } from './multipart';
export { OssRequestError } from './errors';
export { redactOssSecrets } from './redact';
export { ossPath, parseOssPath } from './endpoint';

/** One bucket of the user's, reached with their AccessKey through the injected send function. */
export interface OssClient {
	readonly bucket: string;
	/** Buffer or stream of any size: PutObject up to one part, multipart above; aborted on failure or cancel. */
	upload(key: string, source: Buffer | ByteSource, options?: UploadOptions): Promise<UploadResult>;
	putObject(key: string, body: Buffer, options?: PutOptions): Promise<{ etag: string }>;
	deleteObject(key: string): Promise<void>;
	initiateMultipartUpload(key: string, options?: { contentType?: string; signal?: AbortSignal }): Promise<string>;
	uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer, signal?: AbortSignal): Promise<UploadedPart>;
	completeMultipartUpload(key: string, uploadId: string, parts: UploadedPart[], signal?: AbortSignal): Promise<{ etag: string }>;
	abortMultipartUpload(key: string, uploadId: string): Promise<void>;
	/** GET URL valid for `expiresSeconds` (default one hour), for services that only take URLs. */
	presignGet(key: string, expiresSeconds?: number): string;
	/** `oss://bucket/key`, for AI Search services. */
	ossPath(key: string): string;
}

async function* once(body: Buffer): AsyncGenerator<Buffer> {
	yield body;
}

export function createOssClient(connection: OssConnection): OssClient {
	const problem = bucketNameProblem(connection.bucket);
	if (problem) throw new Error(problem);
	const now = () => (connection.now ? connection.now() : new Date(packageClock.now()));
	return {
		bucket: connection.bucket,
		upload: (key, source, options) =>
			uploadStream(connection, key, Buffer.isBuffer(source) ? once(source) : source, {
				...options,
				size: options?.size ?? (Buffer.isBuffer(source) ? source.length : undefined),
			}),
		putObject: (key, body, options) => putObject(connection, key, body, options),
		deleteObject: (key) => deleteObject(connection, key),
		initiateMultipartUpload: (key, options) => initiateMultipartUpload(connection, key, options),
		uploadPart: (key, uploadId, partNumber, body, signal) => uploadPart(connection, key, uploadId, partNumber, body, signal),
		completeMultipartUpload: (key, uploadId, parts, signal) => completeMultipartUpload(connection, key, uploadId, parts, signal),
		abortMultipartUpload: (key, uploadId) => abortMultipartUpload(connection, key, uploadId),
		presignGet: (key, expiresSeconds) => presignGetUrl(connection, key, expiresSeconds, now()),
		ossPath: (key) => ossPath(connection.bucket, key),
	};
}
