/** Test transports for the OSS client: Node's http as the injected send function, and raw requests. */
import { request as httpRequest } from 'node:http';
import type { OssSend } from '../../nodes/shared/staging/oss/client';

/**
 * An OssSend over Node's http. `connectTo` (an emulator URL) plays DNS: a virtual-hosted URL such as
 * https://test-bucket.oss-cn-hangzhou.aliyuncs.com/key is sent to the emulator with that Host header.
 */
export function nodeHttpSend(options: { connectTo?: string; onRequest?: (method: string, url: string) => void } = {}): OssSend {
	return (req) =>
		new Promise((resolve, reject) => {
			options.onRequest?.(req.method, req.url);
			const target = new URL(req.url);
			const via = options.connectTo ? new URL(options.connectTo) : target;
			const outgoing = httpRequest(
				{
					host: via.hostname,
					port: via.port || (via.protocol === 'https:' ? 443 : 80),
					method: req.method,
					path: target.pathname + target.search,
					headers: { ...req.headers, Host: target.host },
					signal: req.signal,
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
					res.on('error', reject);
				},
			);
			outgoing.on('error', reject);
			outgoing.end(req.body);
		});
}

export interface RawReply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	text: string;
}

/** One plain request (a browser following a pre-signed URL, a client with a hand-made header). */
export function rawRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<RawReply> {
	return new Promise((resolve, reject) => {
		const outgoing = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const body = Buffer.concat(chunks);
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
			});
		});
		outgoing.on('error', reject);
		outgoing.end(init.body);
	});
}
