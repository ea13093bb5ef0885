/**
 * Standalone runner:
 *   npx ts-node --transpile-only test/emulator/cli.ts [--port N] [--latency MS] [--key K] [--sync-latency MS] [--no-qps]
 * Listens on 127.0.0.1 only; logs one line per request; stops on SIGINT/SIGTERM.
 */
import { DEFAULT_API_KEY } from './options';
import { startEmulator } from './server';
import type { EmulatorOptions, RequestLogEntry } from './types';

function parseArgs(argv: string[]): { port: number; options: EmulatorOptions } {
	const options: EmulatorOptions = {};
	const keys: string[] = [];
	let port = 0;
	const number = (flag: string, v: string | undefined): number => {
		const n = Number(v);
		if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		switch (arg) {
			case '--port':
				port = number(arg, argv[++i]);
				break;
			case '--latency':
				options.taskLatencyMs = number(arg, argv[++i]);
				break;
			case '--sync-latency':
				options.syncLatencyMs = number(arg, argv[++i]);
				break;
			case '--key': {
				const k = argv[++i];
				if (!k) throw new Error('--key needs a value');
				keys.push(k);
				break;
			}
			case '--no-qps':
				options.enforceQps = false;
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	if (keys.length) options.apiKeys = keys;
	return { port, options };
}

function describe(e: RequestLogEntry): string {
	const parts = [new Date(e.time).toISOString(), e.method, e.path, '->', String(e.status), e.kind];
	if (e.taskId) parts.push(`task=${e.taskId}`);
	if (e.taskStatus) parts.push(`status=${e.taskStatus}`);
	if (e.fault) parts.push(`fault=${e.fault}`);
	if (e.bodyBytes) parts.push(`${e.bodyBytes}B`);
	return parts.join(' ');
}

async function main(): Promise<void> {
	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`${(e as Error).message}\nusage: cli.ts [--port N] [--latency MS] [--key K] [--sync-latency MS] [--no-qps]`);
		process.exit(2);
	}
	const { port, options } = parsed;
	options.onRequest = (entry) => console.log(describe(entry));
	const emulator = await startEmulator(options, port);
	const key = (options.apiKeys ?? [DEFAULT_API_KEY]).join(', ');
	console.log(`Alibaba AI Search emulator listening on ${emulator.url} (API key: ${key})`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal} received, stopping emulator`);
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
	console.error(`emulator failed to start: ${e.message}`);
	process.exit(1);
});
