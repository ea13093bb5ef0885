/**
 * The OSS endpoint's behaviour, apart from the socket: address -> bucket check -> signature check ->
 * operation, each request logged. Both the HTTP listener and resolveOssReference (a service fetching a
 * staged file in-process) go through `answer`, so a pre-signed URL is checked the same way either way.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { addressOf } from './addressing';
import { authenticate } from './auth';
import { OssLog } from './log';
import type { ResolvedOssOptions } from './options';
import { handleOperation, operationOf, type OssReply } from './routes';
import { OssStore, readAll, readBlob } from './store';
import type { OssDigest, OssLogEntry, OssObjectInfo, OssResolution } from './types';
import { emulatorNow } from '../timers';

export interface IncomingOssRequest {
	method: string;
	host: string;
	url: URL;
	headers: IncomingHttpHeaders;
	body: AsyncIterable<Buffer>;
}

const fail = (status: number, code: string, message: string, details?: Record<string, string>): OssReply => ({
	status,
	error: { status, code, message, details },
});

async function* nothing(): AsyncGenerator<Buffer> {
	// an empty body
}

export class OssBackend {
	readonly log = new OssLog();
	readonly store: OssStore;

	constructor(readonly options: ResolvedOssOptions) {
		this.store = new OssStore(options.buckets, options.spillBytes);
	}

	/** Logs the request in `entry` and answers it; the caller sends the reply and then calls finish(). */
	async answer(req: IncomingOssRequest, entry: OssLogEntry): Promise<OssReply> {
		const address = addressOf(req.host, req.url.pathname);
		if (!address) return fail(400, 'InvalidURI', 'The request URI is not valid.');
		entry.bucket = address.bucket;
		if (address.key) entry.key = address.key;
		const query = req.url.searchParams;
		entry.operation = operationOf(req.method, address, query);
		if (query.has('uploadId')) entry.uploadId = query.get('uploadId') ?? undefined;
		if (query.has('partNumber')) entry.partNumber = Number(query.get('partNumber'));

		if (!this.store.hasBucket(address.bucket)) {
			return fail(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: address.bucket });
		}
		const auth = authenticate(
			{ method: req.method, headers: req.headers, query, bucket: address.bucket, key: address.key },
			{
				keys: this.options.accessKeys,
				nowMs: this.options.now(),
				maxClockSkewMs: this.options.maxClockSkewMs,
				region: this.options.region,
				allowV1: this.options.allowV1,
			},
		);
		entry.auth = auth.mode;
		entry.signature = auth.version;
		entry.accessKeyId = auth.accessKeyId;
		if (auth.failure) return fail(auth.failure.status, auth.failure.code, auth.failure.message, auth.failure.details);
		entry.authorized = true;
		const body = (async function* () {
			for await (const chunk of req.body) {
				entry.bodyBytes += chunk.length;
				yield chunk;
			}
		})();
		return handleOperation(entry.operation, { method: req.method, headers: req.headers, query, address, body }, this.store);
	}

	finish(entry: OssLogEntry, reply: OssReply): void {
		entry.status = reply.status;
		if (reply.error) entry.code = reply.error.code;
		if (reply.uploadId) entry.uploadId = reply.uploadId;
		this.options.onRequest?.(entry);
	}

	/**
	 * What a service sees when it fetches a staged file: `oss://bucket/key` (the service reads the user's
	 * bucket through its own role: bucket and key must exist), or a pre-signed URL (signature, token and
	 * expiry checked as for an HTTP GET). Logged as a GetObject with `resolved: true`.
	 */
	async resolve(reference: string): Promise<OssResolution> {
		const fetched = await this.fetch(reference);
		if (!fetched.ok) return fetched;
		return { ok: true, object: fetched.object, bytes: await readAll(fetched.body) };
	}

	/** As resolve, but the bytes are only streamed through an MD5: what a service sees of a 500 MB video, without holding it. */
	async digest(reference: string): Promise<OssDigest> {
		const fetched = await this.fetch(reference);
		if (!fetched.ok) return fetched;
		const hash = createHash('md5');
		let size = 0;
		for await (const chunk of fetched.body) {
			hash.update(chunk as Buffer);
			size += (chunk as Buffer).length;
		}
		return { ok: true, object: { ...fetched.object, size }, md5: hash.digest('hex') };
	}

	private async fetch(reference: string): Promise<{ ok: true; object: OssObjectInfo; body: AsyncIterable<Buffer> } | Extract<OssResolution, { ok: false }>> {
		const entry = this.log.start('GET', '', reference, emulatorNow());
		entry.resolved = true;
		entry.operation = 'GetObject';
		let reply: OssReply;
		const path = /^oss:\/\/([^/]+)\/(.+)$/.exec(reference.trim());
		if (path) {
			const [, bucket, key] = path;
			entry.bucket = bucket;
			entry.key = key;
			entry.authorized = true;
			if (!this.store.hasBucket(bucket)) reply = fail(404, 'NoSuchBucket', 'The specified bucket does not exist.');
			else reply = await handleOperation('GetObject', { method: 'GET', headers: {}, query: new URLSearchParams(), address: { bucket, key }, body: nothing() }, this.store);
		} else {
			let url: URL | undefined;
			try {
				url = new URL(reference);
			} catch {
				url = undefined;
			}
			if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
				reply = fail(400, 'InvalidArgument', 'Not an oss:// path or an http(s) URL.');
			} else {
				entry.host = url.host;
				reply = await this.answer({ method: 'GET', host: url.host, url, headers: {}, body: nothing() }, entry);
			}
		}
		this.finish(entry, reply);
		if (reply.error || reply.status !== 200 || !reply.body || typeof reply.body === 'string') {
			return { ok: false, status: reply.status, code: reply.error?.code ?? 'Unknown', message: reply.error?.message ?? `HTTP ${reply.status}` };
		}
		const object = this.store.getObject(entry.bucket ?? '', entry.key ?? '');
		const info: OssObjectInfo = {
			bucket: entry.bucket ?? '',
			key: entry.key ?? '',
			size: object?.blob.size ?? 0,
			etag: object?.etag ?? '',
			contentType: object?.contentType ?? 'application/octet-stream',
		};
		return { ok: true, object: info, body: reply.body as AsyncIterable<Buffer> };
	}

	listObjects(bucket?: string): OssObjectInfo[] {
		return this.store.listObjects(bucket).map((o) => ({ bucket: o.bucket, key: o.key, size: o.blob.size, etag: o.etag, contentType: o.contentType }));
	}

	listUploads(bucket?: string): Array<{ bucket: string; key: string; uploadId: string; parts: number }> {
		return this.store.listUploads(bucket).map((u) => ({ bucket: u.bucket, key: u.key, uploadId: u.uploadId, parts: u.parts.size }));
	}

	async getObject(bucket: string, key: string): Promise<Buffer | undefined> {
		const object = this.store.getObject(bucket, key);
		return object ? readBlob(object.blob) : undefined;
	}

	async reset(): Promise<void> {
		this.log.clear();
		await this.store.clear();
	}
}
