/** The object operations: which one a request is, and what it does to the store. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Address } from './addressing';
import type { OssStore, StoredObject } from './store';
import type { OssOperation } from './types';
import { parseCompleteBody, xmlDocument, type OssErrorAnswer } from './xml';

/** OSS's limits that a client must respect (values from the OSS API reference). */
export const MIN_PART_BYTES = 100 * 1024;
export const MAX_PART_NUMBER = 10_000;

export interface OssRequest {
	method: string;
	headers: IncomingHttpHeaders;
	query: URLSearchParams;
	address: Address;
	/** The request body, read only by operations that take one. */
	body: AsyncIterable<Buffer>;
}

export interface OssReply {
	status: number;
	headers?: Record<string, string>;
	/** XML text, or the object's bytes. */
	body?: string | Readable;
	error?: OssErrorAnswer;
	uploadId?: string;
	partNumber?: number;
}

export function operationOf(method: string, address: Address, query: URLSearchParams): OssOperation {
	if (!address.key) return 'unknown';
	switch (method) {
		case 'PUT':
			return query.has('uploadId') ? 'UploadPart' : 'PutObject';
		case 'POST':
			if (query.has('uploads')) return 'InitiateMultipartUpload';
			return query.has('uploadId') ? 'CompleteMultipartUpload' : 'unknown';
		case 'DELETE':
			return query.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
		case 'GET':
			return query.has('uploadId') ? 'ListParts' : 'GetObject';
		case 'HEAD':
			return 'HeadObject';
		default:
			return 'unknown';
	}
}

const fail = (status: number, code: string, message: string, details?: Record<string, string>): OssReply => ({
	status,
	error: { status, code, message, details },
});

function objectHeaders(object: StoredObject): Record<string, string> {
	return {
		'Content-Type': object.contentType,
		'Content-Length': String(object.blob.size),
		ETag: object.etag,
		'Last-Modified': object.lastModified.toUTCString(),
	};
}

function contentTypeOf(headers: IncomingHttpHeaders): string {
	return (headers['content-type'] as string | undefined) || 'application/octet-stream';
}

/** Content-MD5, when sent, must match the bytes received (as OSS checks it). */
function digestProblem(headers: IncomingHttpHeaders, md5: Buffer): OssReply | undefined {
	const sent = headers['content-md5'] as string | undefined;
	if (sent === undefined || sent === md5.toString('base64')) return undefined;
	return fail(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
}

async function textOf(body: AsyncIterable<Buffer>): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

export async function handleOperation(operation: OssOperation, req: OssRequest, store: OssStore): Promise<OssReply> {
	const { bucket, key } = req.address;
	switch (operation) {
		case 'PutObject': {
			const blob = await store.receive(req.body);
			const problem = digestProblem(req.headers, blob.md5);
			if (problem) {
				await blob.dispose();
				return problem;
			}
			const object = await store.putObject(bucket, key, blob, contentTypeOf(req.headers));
			return { status: 200, headers: { ETag: object.etag } };
		}
		case 'GetObject':
		case 'HeadObject': {
			const object = store.getObject(bucket, key);
			if (!object) return fail(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
			return { status: 200, headers: objectHeaders(object), body: operation === 'GetObject' ? object.blob.stream() : undefined };
		}
		case 'DeleteObject':
			await store.deleteObject(bucket, key);
			return { status: 204 };
		case 'InitiateMultipartUpload': {
			const upload = store.initiate(bucket, key, contentTypeOf(req.headers));
			return {
				status: 200,
				uploadId: upload.uploadId,
				body: xmlDocument('InitiateMultipartUploadResult', { Bucket: bucket, Key: key, UploadId: upload.uploadId }),
			};
		}
		case 'UploadPart': {
			const uploadId = req.query.get('uploadId') ?? '';
			const partNumber = Number(req.query.get('partNumber'));
			const upload = store.upload(uploadId, bucket, key);
			if (!upload) return { ...fail(404, 'NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId }), uploadId };
			if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
				return { ...fail(400, 'InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}.`), uploadId };
			}
			const blob = await store.receive(req.body);
			const problem = digestProblem(req.headers, blob.md5);
			if (problem) {
				await blob.dispose();
				return { ...problem, uploadId, partNumber };
			}
			const part = await store.putPart(upload, partNumber, blob);
			return { status: 200, headers: { ETag: part.etag }, uploadId, partNumber };
		}
		case 'CompleteMultipartUpload': {
			const uploadId = req.query.get('uploadId') ?? '';
			const upload = store.upload(uploadId, bucket, key);
			const xml = await textOf(req.body);
			if (!upload) return { ...fail(404, 'NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId }), uploadId };
			const listed = parseCompleteBody(xml);
			if (!listed || listed.length === 0) return { ...fail(400, 'MalformedXML', 'The XML you provided was not well-formed.'), uploadId };
			const chosen = [];
			for (let i = 0; i < listed.length; i++) {
				const { partNumber, etag } = listed[i];
				if (i > 0 && partNumber <= listed[i - 1].partNumber) {
					return { ...fail(400, 'InvalidPartOrder', 'The list of parts was not in ascending order.'), uploadId };
				}
				const part = upload.parts.get(partNumber);
				const given = etag.replace(/"/g, '').toUpperCase();
				if (!part || part.etag.replace(/"/g, '') !== given) {
					return { ...fail(400, 'InvalidPart', 'One or more of the specified parts could not be found or the specified entity tag might not have matched the part\'s entity tag.', { PartNumber: String(partNumber), ETag: etag }), uploadId };
				}
				if (i < listed.length - 1 && part.blob.size < MIN_PART_BYTES) {
					return { ...fail(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size.', { PartNumber: String(partNumber) }), uploadId };
				}
				chosen.push(part);
			}
			const object = await store.complete(upload, chosen);
			return {
				status: 200,
				uploadId,
				headers: { ETag: object.etag },
				body: xmlDocument('CompleteMultipartUploadResult', { Location: `/${bucket}/${key}`, Bucket: bucket, Key: key, ETag: object.etag }),
			};
		}
		case 'AbortMultipartUpload': {
			const uploadId = req.query.get('uploadId') ?? '';
			const upload = store.upload(uploadId, bucket, key);
			if (!upload) return { ...fail(404, 'NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId }), uploadId };
			await store.abort(upload);
			return { status: 204, uploadId };
		}
		case 'ListParts': {
			const uploadId = req.query.get('uploadId') ?? '';
			const upload = store.upload(uploadId, bucket, key);
			if (!upload) return { ...fail(404, 'NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId }), uploadId };
			const parts = [...upload.parts.values()]
				.sort((a, b) => a.partNumber - b.partNumber)
				.map((p) => ({ PartNumber: p.partNumber, LastModified: upload.initiated.toISOString(), ETag: p.etag, Size: p.blob.size }));
			return {
				status: 200,
				uploadId,
				body: xmlDocument('ListPartsResult', { Bucket: bucket, Key: key, UploadId: uploadId, MaxParts: 1000, IsTruncated: false, Part: parts }),
			};
		}
		default:
			return fail(405, 'MethodNotAllowed', `The emulator does not support ${req.method} on ${key ? 'an object' : 'a bucket'} with this query.`);
	}
}
