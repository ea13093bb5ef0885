/**
 * Buckets, objects and multipart uploads. Bodies stay in memory up to `spillBytes` and go to a temp dir
 * above it, so a 30 MB upload does not sit in the test process's heap next to the client under test.
 * A completed multipart object is the list of its parts' blobs: nothing is copied.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

export interface Blob {
	size: number;
	/** Binary MD5 of the bytes (of the parts' MD5s for a multipart object). */
	md5: Buffer;
	stream(): Readable;
	dispose(): Promise<void>;
}

export interface StoredObject {
	bucket: string;
	key: string;
	blob: Blob;
	etag: string;
	contentType: string;
	lastModified: Date;
}

export interface StoredPart {
	partNumber: number;
	blob: Blob;
	etag: string;
}

export interface Upload {
	uploadId: string;
	bucket: string;
	key: string;
	contentType: string;
	initiated: Date;
	parts: Map<number, StoredPart>;
}

/** `"<MD5 HEX>"`, OSS's ETag of a simple object or a part. */
export function etagOf(md5: Buffer): string {
	return `"${md5.toString('hex').toUpperCase()}"`;
}

function memoryBlob(bytes: Buffer, md5: Buffer): Blob {
	return { size: bytes.length, md5, stream: () => Readable.from([bytes]), dispose: async () => undefined };
}

function fileBlob(path: string, size: number, md5: Buffer): Blob {
	return { size, md5, stream: () => createReadStream(path), dispose: () => unlink(path).catch(() => undefined) };
}

function compositeBlob(parts: Blob[], md5: Buffer): Blob {
	return {
		size: parts.reduce((n, p) => n + p.size, 0),
		md5,
		stream: () =>
			Readable.from(
				(async function* () {
					for (const part of parts) yield* part.stream();
				})(),
			),
		dispose: async () => {
			await Promise.all(parts.map((p) => p.dispose()));
		},
	};
}

export async function readAll(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

export function readBlob(blob: Blob): Promise<Buffer> {
	return readAll(blob.stream());
}

export class OssStore {
	private readonly buckets: Set<string>;
	private readonly objects = new Map<string, StoredObject>();
	private readonly uploads = new Map<string, Upload>();
	private dir?: Promise<string>;
	private files = 0;

	constructor(buckets: string[], private readonly spillBytes: number) {
		this.buckets = new Set(buckets);
	}

	hasBucket(bucket: string): boolean {
		return this.buckets.has(bucket);
	}

	/** Reads a request body to its end: MD5 on the fly, memory up to spillBytes, a temp file above. */
	async receive(body: AsyncIterable<Buffer>): Promise<Blob> {
		const hash = createHash('md5');
		let chunks: Buffer[] = [];
		let size = 0;
		let file: WriteStream | undefined;
		let path = '';
		for await (const chunk of body) {
			hash.update(chunk);
			size += chunk.length;
			if (!file) {
				chunks.push(chunk);
				if (size <= this.spillBytes) continue;
				path = join(await this.tempDir(), `blob-${++this.files}`);
				file = createWriteStream(path);
				const buffered = chunks;
				chunks = [];
				for (const c of buffered) if (!file.write(c)) await once(file, 'drain');
				continue;
			}
			if (!file.write(chunk)) await once(file, 'drain');
		}
		const md5 = hash.digest();
		if (!file) return memoryBlob(Buffer.concat(chunks, size), md5);
		file.end();
		await finished(file);
		return fileBlob(path, size, md5);
	}

	getObject(bucket: string, key: string): StoredObject | undefined {
		return this.objects.get(`${bucket}/${key}`);
	}

	async putObject(bucket: string, key: string, blob: Blob, contentType: string, etag = etagOf(blob.md5)): Promise<StoredObject> {
		const object: StoredObject = { bucket, key, blob, etag, contentType, lastModified: new Date() };
		const previous = this.objects.get(`${bucket}/${key}`);
		this.objects.set(`${bucket}/${key}`, object);
		await previous?.blob.dispose();
		return object;
	}

	async deleteObject(bucket: string, key: string): Promise<boolean> {
		const object = this.objects.get(`${bucket}/${key}`);
		this.objects.delete(`${bucket}/${key}`);
		await object?.blob.dispose();
		return object !== undefined;
	}

	listObjects(bucket?: string): StoredObject[] {
		return [...this.objects.values()].filter((o) => bucket === undefined || o.bucket === bucket);
	}

	initiate(bucket: string, key: string, contentType: string): Upload {
		const upload: Upload = { uploadId: randomBytes(16).toString('hex').toUpperCase(), bucket, key, contentType, initiated: new Date(), parts: new Map() };
		this.uploads.set(upload.uploadId, upload);
		return upload;
	}

	upload(uploadId: string, bucket: string, key: string): Upload | undefined {
		const upload = this.uploads.get(uploadId);
		return upload && upload.bucket === bucket && upload.key === key ? upload : undefined;
	}

	listUploads(bucket?: string): Upload[] {
		return [...this.uploads.values()].filter((u) => bucket === undefined || u.bucket === bucket);
	}

	async putPart(upload: Upload, partNumber: number, blob: Blob): Promise<StoredPart> {
		const part: StoredPart = { partNumber, blob, etag: etagOf(blob.md5) };
		const previous = upload.parts.get(partNumber);
		upload.parts.set(partNumber, part);
		await previous?.blob.dispose();
		return part;
	}

	/** Turns the chosen parts into the object; parts not chosen are dropped, as OSS drops them. */
	async complete(upload: Upload, chosen: StoredPart[]): Promise<StoredObject> {
		this.uploads.delete(upload.uploadId);
		// OSS's multipart ETag: MD5 of the parts' binary MD5s, then "-<count>".
		const md5OfParts = createHash('md5').update(Buffer.concat(chosen.map((p) => p.blob.md5))).digest();
		const etag = `"${md5OfParts.toString('hex').toUpperCase()}-${chosen.length}"`;
		const blob = compositeBlob(chosen.map((p) => p.blob), md5OfParts);
		const unused = [...upload.parts.values()].filter((p) => !chosen.includes(p));
		await Promise.all(unused.map((p) => p.blob.dispose()));
		return this.putObject(upload.bucket, upload.key, blob, upload.contentType, etag);
	}

	async abort(upload: Upload): Promise<void> {
		this.uploads.delete(upload.uploadId);
		await Promise.all([...upload.parts.values()].map((p) => p.blob.dispose()));
	}

	async clear(): Promise<void> {
		this.objects.clear();
		this.uploads.clear();
		const dir = this.dir;
		this.dir = undefined;
		if (dir) await rm(await dir, { recursive: true, force: true });
	}

	private tempDir(): Promise<string> {
		this.dir ??= mkdtemp(join(tmpdir(), 'oss-emulator-'));
		return this.dir;
	}
}
