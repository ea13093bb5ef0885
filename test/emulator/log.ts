import type { RequestKind, RequestLogEntry } from './types';

/** One entry per request, pushed on arrival (so seq follows arrival order) and completed in place. */
export class RequestLog {
	readonly entries: RequestLogEntry[] = [];
	private seq = 0;

	start(method: string, path: string, time: number): RequestLogEntry {
		const entry: RequestLogEntry = {
			seq: ++this.seq,
			time,
			method,
			path,
			kind: 'unknown' as RequestKind,
			status: 0,
			bodyBytes: 0,
			bodyMd5: '',
			authorized: false,
		};
		this.entries.push(entry);
		return entry;
	}

	/** Empties the array in place so references handed out stay live. */
	clear(): void {
		this.entries.length = 0;
		this.seq = 0;
	}
}
