/** Control endpoints under /__emulator/ (no auth) for tests that drive the emulator from another process. */
import { checkFault } from './faults';
import type { Fault, RequestLogEntry, TaskLatency } from './types';

export const CONTROL_PREFIX = '/__emulator/';

export interface ControlTarget {
	log: RequestLogEntry[];
	addFault(f: Fault): void;
	clearFaults(): void;
	reset(): void;
	faultCount(): number;
	setLatency(latency: TaskLatency): void;
	advance(ms: number): void;
}

function readJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

const isLatency = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= 0);

export interface ControlAnswer {
	status: number;
	body: unknown;
}

export function handleControl(method: string, pathname: string, body: Buffer, target: ControlTarget, self: RequestLogEntry): ControlAnswer {
	const route = `${method} ${pathname.replace(/\/+$/, '')}`;
	switch (route) {
		case 'GET /__emulator/health':
			return { status: 200, body: { ok: true, emulator: 'alibaba-ai-search' } };
		case 'GET /__emulator/log':
			self.status = 200; // the answer includes this request's own entry
			return { status: 200, body: target.log };
		case 'POST /__emulator/faults': {
			let fault: unknown;
			try {
				fault = JSON.parse(body.toString('utf8'));
			} catch {
				return { status: 400, body: { ok: false, error: 'body must be a JSON Fault' } };
			}
			const problem = checkFault(fault);
			if (problem) return { status: 400, body: { ok: false, error: problem } };
			target.addFault(fault as Fault);
			return { status: 200, body: { ok: true, faults: target.faultCount() } };
		}
		case 'DELETE /__emulator/faults':
			target.clearFaults();
			return { status: 200, body: { ok: true, faults: 0 } };
		case 'POST /__emulator/latency': {
			const latency = readJson(body) as TaskLatency | undefined;
			if (!latency || typeof latency !== 'object' || !isLatency(latency.taskLatencyMs) || !isLatency(latency.paiJobLatencyMs)) {
				return { status: 400, body: { ok: false, error: 'body must be { taskLatencyMs?, paiJobLatencyMs? } in ms' } };
			}
			target.setLatency(latency);
			return { status: 200, body: { ok: true } };
		}
		case 'POST /__emulator/advance': {
			const advance = readJson(body) as { ms?: unknown } | undefined;
			if (typeof advance?.ms !== 'number' || !Number.isFinite(advance.ms) || advance.ms < 0) {
				return { status: 400, body: { ok: false, error: 'body must be { ms } with ms >= 0' } };
			}
			target.advance(advance.ms);
			return { status: 200, body: { ok: true } };
		}
		case 'POST /__emulator/reset':
			target.reset();
			return { status: 200, body: { ok: true } };
		default:
			return { status: 404, body: { ok: false, error: `unknown control endpoint ${method} ${pathname}` } };
	}
}
