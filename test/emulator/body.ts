import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface ReadBody {
	/** Whole body, or empty when it exceeded the limit. */
	buf: Buffer;
	bytes: number;
	md5: string;
	tooLarge: boolean;
}

/** Reads the whole request (always to the end, so the client can finish sending), keeping at most `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
	return new Promise((resolve, reject) => {
		const hash = createHash('md5');
		const chunks: Buffer[] = [];
		let bytes = 0;
		req.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
			hash.update(chunk);
			if (bytes <= limit) chunks.push(chunk);
		});
		req.on('end', () => {
			const tooLarge = bytes > limit;
			resolve({ buf: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), bytes, md5: hash.digest('hex'), tooLarge });
		});
		req.on('error', reject);
		req.on('aborted', () => reject(new Error('request aborted')));
	});
}
