import { throwIfCancelled } from '../../core/time';
import { OSS_MAX_PARTS } from './constants';
import { OssRequestError } from './errors';
import {
	abortMultipartUpload,
	completeMultipartUpload,
	initiateMultipartUpload,
	uploadPart,
	type UploadedPart,
} from './multipart';
import { putObject } from './objects';
import { choosePartSize, readParts, type ByteSource } from './parts';
import type { OssConnection } from './request';

export interface UploadOptions {
	contentType?: string;
	/** Size in bytes when known (binary metadata): lets a very large file get parts big enough for 10 000. */
	size?: number;
	/** Default OSS_PART_SIZE_BYTES; kept within OSS's 100 KB - 5 GB. */
	partSize?: number;
	/** Cancels between parts and inside the request in flight; the multipart upload is then aborted. */
	signal?: AbortSignal;
}

export interface UploadResult {
	key: string;
	etag: string;
	bytes: number;
	/** 1 for a PutObject. */
	parts: number;
	multipart: boolean;
}

/** Set on the thrown error when the failed upload could not be aborted either: its parts stay billed. */
export interface LeftoverUpload {
	bucket: string;
	key: string;
	uploadId: string;
	reason: string;
}

/**
 * Uploads a stream of any size to `key`: a source that fits in one part becomes one PutObject; a larger
 * one becomes a multipart upload whose parts are read and sent one after the other, so memory stays at
 * about one part. If anything fails or the signal fires, the multipart upload is aborted before the error
 * is thrown (an abort that fails too is reported as `leftoverUpload` on the error).
 */
export async function uploadStream(connection: OssConnection, key: string, source: ByteSource, options: UploadOptions = {}): Promise<UploadResult> {
	const { signal, contentType } = options;
	throwIfCancelled(signal);
	const partSize = choosePartSize(options.partSize, options.size);
	let uploadId: string | undefined;
	const uploaded: UploadedPart[] = [];
	let bytes = 0;
	let failure: unknown;
	try {
		for await (const part of readParts(source, partSize)) {
			throwIfCancelled(signal);
			bytes += part.data.length;
			// A source that fits in one part goes up as a single PutObject: multipart would spend three extra
			// requests (initiate, complete and the part) on the same bytes.
			if (part.number === 1 && part.last) {
				const { etag } = await putObject(connection, key, part.data, { contentType, signal });
				return { key, etag, bytes, parts: 1, multipart: false };
			}
			if (part.number > OSS_MAX_PARTS) {
				throw new OssRequestError('UploadPart', {
					message: `the file needs more than ${OSS_MAX_PARTS} parts of ${partSize} bytes; pass its size so the part size can grow`,
				});
			}
			uploadId ??= await initiateMultipartUpload(connection, key, { contentType, signal });
			uploaded.push(await uploadPart(connection, key, uploadId, part.number, part.data, signal));
		}
		throwIfCancelled(signal);
		if (uploadId === undefined) throw new OssRequestError('UploadPart', { message: 'no part was uploaded' });
		const { etag } = await completeMultipartUpload(connection, key, uploadId, uploaded, signal);
		return { key, etag, bytes, parts: uploaded.length, multipart: true };
	} catch (error) {
		failure = error;
	}
	if (uploadId !== undefined) {
		const leftover = await abortQuietly(connection, key, uploadId);
		if (leftover && failure && typeof failure === 'object') Object.assign(failure, { leftoverUpload: leftover });
	}
	throw failure;
}

/** Aborts and reports, instead of throwing, what could not be aborted: the upload's own failure comes first. */
async function abortQuietly(connection: OssConnection, key: string, uploadId: string): Promise<LeftoverUpload | undefined> {
	try {
		await abortMultipartUpload(connection, key, uploadId);
		return undefined;
	} catch (error) {
		return { bucket: connection.bucket, key, uploadId, reason: error instanceof Error ? error.message : String(error) };
	}
}
