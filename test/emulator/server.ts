/**
 * HTTP server: reads each request, logs it, answers control routes, then for API routes applies
 * auth -> route errors -> injected faults -> QPS -> body limit -> family handler.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createAiSearchFamily } from './aiSearch';
import { createPaiFamily } from './pai';
import { PaiJobStore } from './pai/jobs';
import { startOssEmulator } from './oss';
import type { OssEmulator } from './oss/types';
import { stagedResolver } from './staged';
import { readBody } from './body';
import { CONTROL_PREFIX, handleControl } from './control';
import type { ApiFamily, ApiResult } from './family';
import { FaultSet } from './faults';
import { RequestLog } from './log';
import { resolveOptions } from './options';
import { RateLimiter } from './rateLimit';
import { TaskStore } from './tasks';
import { Delays, emulatorNow } from './timers';
import type { Emulator, EmulatorOptions, Fault, RequestLogEntry, TaskLatency } from './types';

const HOST = '127.0.0.1';

export async function startEmulator(options: EmulatorOptions = {}, port = 0): Promise<Emulator> {
	const opts = resolveOptions(options);
	const log = new RequestLog();
	const faults = new FaultSet();
	const limiter = new RateLimiter();
	const tasks = new TaskStore();
	const jobs = new PaiJobStore();
	const delays = new Delays();
	const sleep = (ms: number) => delays.sleep(ms);
	/** API families, first match on path prefix wins; the first one also answers unknown paths. */
	// Services fetch staged files from the OSS endpoint, which starts after the API listener.
	const started: { oss?: OssEmulator } = {};
	const staged = stagedResolver(() => started.oss);
	const families: ApiFamily[] = [createAiSearchFamily({ options: opts, tasks, sleep, staged }), createPaiFamily({ options: opts, sleep, staged, jobs })];
	let throttled429s = 0;

	const reset = () => {
		log.clear();
		faults.clear();
		tasks.clear();
		limiter.clear();
		throttled429s = 0;
	};

	const setLatency = (latency: TaskLatency) => {
		if (latency.taskLatencyMs !== undefined) opts.taskLatencyMs = latency.taskLatencyMs;
		if (latency.paiJobLatencyMs !== undefined) opts.paiJobLatencyMs = latency.paiJobLatencyMs;
	};
	const advance = (ms: number) => {
		tasks.advance(ms);
		jobs.advance(ms);
	};

	/** Retry-After value for a rate-limit 429 under the `retryAfter` option. */
	const policyRetryAfter = (): string | undefined => {
		const n = throttled429s++;
		if (opts.retryAfter === 'none') return undefined;
		if (opts.retryAfter === 'alternate' && n % 2 === 1) return undefined;
		return '1';
	};

	const finish = (entry: RequestLogEntry) => {
		opts.onRequest?.(entry);
	};

	const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': 'application/json;charset=UTF-8',
			'Content-Length': String(Buffer.byteLength(text)),
			...headers,
		});
		res.end(text);
	};

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const receivedAt = emulatorNow();
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', `http://${HOST}`);
		const entry = log.start(method, url.pathname + url.search, receivedAt);
		const body = await readBody(req, opts.maxBodyBytes);
		entry.bodyBytes = body.bytes;
		entry.bodyMd5 = body.md5;
		const family = families.find((f) => f.owns(url.pathname)) ?? families[0];
		entry.authorized = family.isAuthorized(req.headers);

		if (url.pathname.startsWith(CONTROL_PREFIX) || url.pathname === CONTROL_PREFIX.slice(0, -1)) {
			entry.kind = 'control';
			const answer = handleControl(method, url.pathname, body.buf, { log: log.entries, addFault: (f) => faults.add(f), clearFaults: () => faults.clear(), reset, faultCount: () => faults.size, setLatency, advance }, entry);
			entry.status = answer.status;
			sendJson(res, answer.status, answer.body);
			finish(entry);
			return;
		}

		const send = (result: ApiResult) => {
			entry.status = result.status;
			if (result.taskId) entry.taskId = result.taskId;
			if (result.taskStatus) entry.taskStatus = result.taskStatus;
			sendJson(res, result.status, family.envelope(result, receivedAt), result.headers);
			finish(entry);
		};
		const throttled = (retryAfter: string | undefined): ApiResult => {
			const r = family.throttled();
			return retryAfter === undefined ? r : { ...r, headers: { ...r.headers, 'Retry-After': retryAfter } };
		};

		const route = family.match(method, url);
		if (route) {
			entry.kind = route.kind;
			entry.service = route.service;
			entry.serviceId = route.serviceId;
		}
		if (!entry.authorized) return send(family.unauthorized(req.headers));
		if (!route) return send(family.notFound(method, url.pathname));
		if (route.reject) return send(route.reject);

		const fault = faults.take({ method, kind: route.kind, service: route.service, path: url.pathname + url.search });
		if (fault) entry.fault = fault.type;
		if (fault?.type === 'status') return send(family.statusError(fault.status ?? 500));
		if (fault?.type === 'reset') {
			entry.status = 0;
			finish(entry);
			req.socket.destroy();
			return;
		}
		if (fault?.type === 'html') {
			const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
			entry.status = fault.status ?? 502;
			res.writeHead(entry.status, { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(page)) });
			res.end(page);
			finish(entry);
			return;
		}
		if (fault?.type === 'empty') {
			entry.status = 200;
			sendJson(res, 200, { request_id: 'fault-empty-200' });
			finish(entry);
			return;
		}
		if (fault?.type === 'throttle') {
			return send(throttled(fault.retryAfter === undefined ? policyRetryAfter() : (fault.retryAfter ?? undefined)));
		}

		let result: ApiResult;
		if (opts.enforceQps && !limiter.admit(route.service, family.qpsLimit(route.service) ?? Infinity)) {
			result = throttled(policyRetryAfter());
		} else if (body.tooLarge) {
			result = family.tooLarge(body.bytes, opts.maxBodyBytes);
		} else {
			result = await route.handle({ method, url, headers: req.headers, body: body.buf, receivedAt });
		}

		if (fault?.type === 'drop') {
			// The request was processed (a submit did create its task) but nobody hears about it.
			entry.taskId = result.taskId;
			entry.taskStatus = result.taskStatus;
			entry.status = 0;
			finish(entry);
			req.socket.destroy();
			return;
		}
		if (fault?.type === 'slow') await delays.realSleep(fault.delayMs ?? 0);
		if (fault?.type === 'malformed') {
			entry.status = 200;
			entry.taskId = result.taskId;
			entry.taskStatus = result.taskStatus;
			const text = family.malformedBody();
			res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)) });
			res.end(text);
			finish(entry);
			return;
		}
		send(result);
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((err: Error) => {
			if (res.headersSent || req.socket.destroyed) return;
			const family = families[0];
			const result = family.statusError(500);
			try {
				sendJson(res, 500, family.envelope({ ...result, payload: { ...result.payload, message: `emulator error: ${err.message}` } }, emulatorNow()));
			} catch {
				req.socket.destroy();
			}
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
	const oss = options.oss
		? await startOssEmulator(options.oss === true ? {} : options.oss).catch((error: Error) => {
				server.close();
				throw error;
			})
		: undefined;
	started.oss = oss;

	let closing: Promise<void> | undefined;
	return {
		url: `http://${HOST}:${boundPort}`,
		port: boundPort,
		log: log.entries,
		addFault: (f: Fault) => faults.add(f),
		clearFaults: () => faults.clear(),
		reset: () => {
			reset();
			void oss?.reset();
		},
		oss,
		setLatency,
		advance,
		close: () => {
			closing ??= Promise.all([
				new Promise<void>((resolve) => {
					delays.cancelAll();
					server.close(() => resolve());
					for (const socket of sockets) socket.destroy();
				}),
				oss?.close(),
			]).then(() => undefined);
			return closing;
		},
	};
}
