import { OSS_MAX_PART_SIZE_BYTES, OSS_MAX_PARTS, OSS_MIN_PART_SIZE_BYTES, OSS_PART_SIZE_BYTES } from './constants';

/**
 * A byte source read in order: a Node Readable (n8n's `getBinaryStream`) is one, and so is any async
 * generator. Typed structurally because runtime code may not import `stream`.
 */
export type ByteSource = AsyncIterable<Uint8Array | string>;

export interface Part {
	/** 1-based, as OSS numbers parts. */
	number: number;
	data: Buffer;
	/** No byte follows this part: a first part that is also the last is a whole small file. */
	last: boolean;
}

function toBuffer(chunk: Uint8Array | string): Buffer {
	if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
	return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * The part size for a file: the requested size (default 8 MiB) within OSS's bounds, grown when a file of
 * known size would otherwise need more than 10 000 parts.
 */
export function choosePartSize(requested: number = OSS_PART_SIZE_BYTES, totalBytes?: number): number {
	let size = Math.min(Math.max(Math.floor(requested), OSS_MIN_PART_SIZE_BYTES), OSS_MAX_PART_SIZE_BYTES);
	if (totalBytes !== undefined && Math.ceil(totalBytes / size) > OSS_MAX_PARTS) {
		const mebibyte = 1024 * 1024;
		size = Math.min(Math.ceil(totalBytes / OSS_MAX_PARTS / mebibyte) * mebibyte, OSS_MAX_PART_SIZE_BYTES);
	}
	return size;
}

/**
 * Cuts a byte source into parts of exactly `partSize` bytes (the last one shorter), pulling only what the
 * next part needs: while the caller uploads a part, the source is not read, so memory holds one part plus
 * one source chunk. One chunk is read ahead to tell whether a full part is the last. Stopping early
 * (break, throw) ends the source, which destroys a Readable.
 */
export async function* readParts(source: ByteSource, partSize: number): AsyncGenerator<Part> {
	const chunks = source[Symbol.asyncIterator]();
	let pending: Buffer = Buffer.alloc(0);
	let ended = false;
	/** Fills `pending` with at least one byte unless the source is done. */
	const pull = async (): Promise<void> => {
		while (!ended && pending.length === 0) {
			const next = await chunks.next();
			if (next.done) ended = true;
			else pending = toBuffer(next.value);
		}
	};
	try {
		for (let number = 1; ; number++) {
			const collected: Buffer[] = [];
			let filled = 0;
			while (filled < partSize) {
				await pull();
				if (pending.length === 0) break;
				const take = Math.min(partSize - filled, pending.length);
				collected.push(pending.subarray(0, take));
				pending = pending.subarray(take);
				filled += take;
			}
			await pull();
			const last = pending.length === 0;
			const data = collected.length === 1 ? collected[0] : Buffer.concat(collected, filled);
			// Drop the chunks before yielding: while the part is uploaded, only the part itself is held.
			collected.length = 0;
			yield { number, data, last };
			if (last) return;
		}
	} finally {
		if (!ended) await chunks.return?.();
	}
}
