import type { OssLogEntry } from './types';

/** Signatures and STS tokens never reach the log: it is printed by the CLI and by failing tests. */
export function loggablePath(pathAndQuery: string): string {
	return pathAndQuery.replace(/([?&](?:Signature|security-token|x-oss-signature|x-oss-security-token)=)[^&]*/g, '$1***');
}

/** One entry per request, pushed on arrival and completed in place (as the API families' log). */
export class OssLog {
	readonly entries: OssLogEntry[] = [];
	private seq = 0;

	start(method: string, host: string, pathAndQuery: string, time: number): OssLogEntry {
		const entry: OssLogEntry = {
			seq: ++this.seq,
			time,
			method,
			host,
			path: loggablePath(pathAndQuery),
			operation: 'unknown',
			auth: 'none',
			authorized: false,
			status: 0,
			bodyBytes: 0,
		};
		this.entries.push(entry);
		return entry;
	}

	clear(): void {
		this.entries.length = 0;
		this.seq = 0;
	}
}
