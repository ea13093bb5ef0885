/**
 * The OSS listener: its own port beside the API emulator, because OSS is addressed differently
 * (virtual-hosted requests carry the bucket in the Host header and the key as the whole path, so no
 * path prefix can claim them), answers XML, and takes bodies far above the API's 8 MB limit as streams.
 * Control routes as the API emulator's: GET /__emulator/health, GET /__emulator/log, POST /__emulator/reset.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OssBackend } from './backend';
import { resolveOssOptions } from './options';
import type { OssReply } from './routes';
import type { OssEmulator, OssEmulatorOptions } from './types';
import { errorDocument, newRequestId } from './xml';
import { emulatorNow } from '../timers';

const HOST = '127.0.0.1';

async function drain(req: IncomingMessage): Promise<number> {
	let bytes = 0;
	for await (const chunk of req) bytes += (chunk as Buffer).length;
	return bytes;
}

async function send(req: IncomingMessage, res: ServerResponse, reply: OssReply, requestId: string): Promise<void> {
	const headers: Record<string, string> = {
		'x-oss-request-id': requestId,
		Server: 'AliyunOSS',
		Date: new Date().toUTCString(),
		...(reply.headers ?? {}),
	};
	if (reply.error) {
		const xml = errorDocument(reply.error, requestId, req.headers.host ?? HOST);
		if (req.method === 'HEAD') {
			// HEAD answers have no body; OSS puts the error document in x-oss-err instead.
			res.writeHead(reply.status, { ...headers, 'x-oss-err': Buffer.from(xml).toString('base64') });
			res.end();
			return;
		}
		res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(xml)) });
		res.end(xml);
		return;
	}
	if (typeof reply.body === 'string') {
		res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(reply.body)) });
		res.end(reply.body);
		return;
	}
	if (reply.body instanceof Readable) {
		res.writeHead(reply.status, headers);
		if (req.method === 'HEAD') {
			reply.body.destroy();
			res.end();
			return;
		}
		await pipeline(reply.body, res);
		return;
	}
	res.writeHead(reply.status, { ...headers, 'Content-Length': headers['Content-Length'] ?? '0' });
	res.end();
}

export async function startOssEmulator(options: OssEmulatorOptions = {}, port = 0): Promise<OssEmulator> {
	const backend = new OssBackend(resolveOssOptions(options));

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const host = req.headers.host ?? HOST;
		const url = new URL(req.url ?? '/', `http://${HOST}`);
		const entry = backend.log.start(method, host, url.pathname + url.search, emulatorNow());
		const requestId = newRequestId();

		if (url.pathname.startsWith('/__emulator/')) {
			entry.operation = 'control';
			entry.bodyBytes = await drain(req);
			const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
			let status = 200;
			let body: unknown = { ok: true };
			if (route === 'GET /__emulator/health') body = { ok: true, emulator: 'alibaba-oss' };
			else if (route === 'GET /__emulator/log') body = backend.log.entries;
			else if (route === 'POST /__emulator/reset') await backend.reset();
			else [status, body] = [404, { ok: false, error: `unknown control endpoint ${route}` }];
			entry.status = status;
			const text = JSON.stringify(body);
			res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
			res.end(text);
			return;
		}

		const reply = await backend.answer({ method, host, url, headers: req.headers, body: req }, entry);
		// Read what the operation left unread (a refused upload) so the client can finish sending.
		if (!req.readableEnded) entry.bodyBytes += await drain(req);
		backend.finish(entry, reply);
		await send(req, res, reply, requestId);
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((err: Error) => {
			if (res.headersSent || req.socket.destroyed) {
				req.socket.destroy();
				return;
			}
			const xml = errorDocument({ status: 500, code: 'InternalError', message: `emulator error: ${err.message}` }, newRequestId(), HOST);
			res.writeHead(500, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(xml)) });
			res.end(xml);
		});
	});
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, HOST, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const boundPort = typeof address === 'object' && address ? address.port : port;

	let closing: Promise<void> | undefined;
	return {
		url: `http://${HOST}:${boundPort}`,
		port: boundPort,
		log: backend.log.entries,
		getObject: (bucket, key) => backend.getObject(bucket, key),
		listObjects: (bucket) => backend.listObjects(bucket),
		listUploads: (bucket) => backend.listUploads(bucket),
		resolve: (reference) => backend.resolve(reference),
		digest: (reference) => backend.digest(reference),
		reset: () => backend.reset(),
		close: () => {
			closing ??= new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			}).then(() => backend.store.clear());
			return closing;
		},
	};
}
