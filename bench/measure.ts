/** What the benchmark reads: the mock service's own request log and the n8n process's resident memory. */
import { readFileSync } from 'node:fs';

import type { RequestLogEntry } from '../test/emulator';

export interface RequestCounts {
	/** API requests the service received (429s included). */
	requests: number;
	throttled: number;
	/** Distinct tasks whose status check answered SUCCESS. */
	succeededTasks: number;
	/** Most requests the service admitted in any 1-second window, per service. */
	peakAdmittedPerSecond: Record<string, number>;
}

/** Counts of the API requests in a log (control requests of the emulator left out). */
export function countRequests(log: RequestLogEntry[]): RequestCounts {
	const api = log.filter((entry) => entry.kind !== 'control' && entry.kind !== 'unknown');
	const succeeded = new Set(api.filter((entry) => entry.kind === 'poll' && entry.taskStatus === 'SUCCESS').map((entry) => entry.taskId));
	return {
		requests: api.length,
		throttled: api.filter((entry) => entry.status === 429).length,
		succeededTasks: succeeded.size,
		peakAdmittedPerSecond: peakPerSecond(api.filter((entry) => entry.status !== 429)),
	};
}

/** Largest number of requests per service inside any sliding 1-second window (by arrival time). */
export function peakPerSecond(entries: RequestLogEntry[], windowMs = 1000): Record<string, number> {
	const byService = new Map<string, number[]>();
	for (const entry of entries) {
		const key = entry.service ?? 'unknown';
		const times = byService.get(key) ?? [];
		times.push(entry.time);
		byService.set(key, times);
	}
	const peaks: Record<string, number> = {};
	for (const [service, times] of byService) {
		times.sort((a, b) => a - b);
		let peak = 0;
		for (let end = 0, start = 0; end < times.length; end++) {
			while (times[end] - times[start] >= windowMs) start++;
			peak = Math.max(peak, end - start + 1);
		}
		peaks[service] = peak;
	}
	return peaks;
}

/** Resident set size of a process in bytes, from /proc/<pid>/status (VmRSS). */
export function residentBytes(pid: number): number {
	const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) throw new Error(`no VmRSS for process ${pid}`);
	return Number(match[1]) * 1024;
}

/** Samples a process's VmRSS every few milliseconds; stop() returns the peak growth over the first sample. */
export function sampleMemory(pid: number, everyMs = 100): { stop: () => number } {
	const baseline = residentBytes(pid);
	let peak = baseline;
	const timer = setInterval(() => {
		try {
			peak = Math.max(peak, residentBytes(pid));
		} catch {
			// the process is gone; the last peak stands
		}
	}, everyMs);
	return {
		stop: () => {
			clearInterval(timer);
			try {
				peak = Math.max(peak, residentBytes(pid));
			} catch {
				// gone
			}
			return peak - baseline;
		},
	};
}
