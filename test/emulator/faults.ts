import type { ApiServiceType, Fault, FaultType } from './types';

const FAULT_TYPES: FaultType[] = ['status', 'html', 'drop', 'reset', 'slow', 'malformed', 'empty', 'throttle'];

export interface FaultTarget {
	method: string;
	kind: 'submit' | 'poll' | 'sync';
	service: ApiServiceType;
	/** Path with query string. */
	path: string;
}

interface ArmedFault {
	fault: Fault;
	remaining: number;
}

/** Returns an error message when `f` is not a usable Fault (used by the control endpoint). */
export function checkFault(f: unknown): string | undefined {
	if (!f || typeof f !== 'object' || Array.isArray(f)) return 'fault must be a JSON object';
	const fault = f as Fault;
	if (!FAULT_TYPES.includes(fault.type)) return `fault.type must be one of ${FAULT_TYPES.join(', ')}`;
	if (fault.match !== undefined && (typeof fault.match !== 'object' || fault.match === null)) {
		return 'fault.match must be an object';
	}
	if (fault.type === 'slow' && typeof fault.delayMs !== 'number') return 'fault.delayMs (number) required for slow';
	return undefined;
}

/** Armed faults, first added first matched; each hits `times` matching requests. */
export class FaultSet {
	private armed: ArmedFault[] = [];

	add(fault: Fault): void {
		const problem = checkFault(fault);
		if (problem) throw new Error(problem);
		this.armed.push({ fault: { ...fault }, remaining: fault.times ?? 1 });
	}

	clear(): void {
		this.armed = [];
	}

	get size(): number {
		return this.armed.length;
	}

	/** Finds the first fault matching the request and consumes one of its hits. */
	take(target: FaultTarget): Fault | undefined {
		const i = this.armed.findIndex((a) => matches(a.fault, target));
		if (i < 0) return undefined;
		const a = this.armed[i];
		if (a.remaining > 0) {
			a.remaining--;
			if (a.remaining === 0) this.armed.splice(i, 1);
		}
		return a.fault;
	}
}

function matches(fault: Fault, t: FaultTarget): boolean {
	const m = fault.match;
	if (!m) return true;
	if (m.method && m.method.toUpperCase() !== t.method.toUpperCase()) return false;
	if (m.kind && m.kind !== t.kind) return false;
	if (m.service && m.service !== t.service) return false;
	if (m.path && !t.path.includes(m.path)) return false;
	return true;
}
