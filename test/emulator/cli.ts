/**
 * Standalone runner:
 *   npx ts-node --transpile-only test/emulator/cli.ts [--port N] [--latency MS] [--key K] [--sync-latency MS] [--no-qps]
 *     [--pai-app APPID:TOKEN] [--pai-latency MS] [--pai-prefix /path]
 * Listens on 127.0.0.1 only; logs one line per request; stops on SIGINT/SIGTERM.
 */
import { DEFAULT_API_KEY, DEFAULT_PAI_APPS } from './options';
import { startEmulator } from './server';
import type { EmulatorOptions, RequestLogEntry } from './types';

function parseArgs(argv: string[]): { port: number; options: EmulatorOptions } {
	const options: EmulatorOptions = {};
	const keys: string[] = [];
	const paiApps: Record<string, string> = {};
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
			case '--pai-app': {
				const pair = argv[++i] ?? '';
				const colon = pair.indexOf(':');
				if (colon < 1 || colon === pair.length - 1) throw new Error('--pai-app needs APPID:TOKEN');
				paiApps[pair.slice(0, colon)] = pair.slice(colon + 1);
				break;
			}
			case '--pai-latency':
				options.paiJobLatencyMs = number(arg, argv[++i]);
				break;
			case '--pai-prefix':
				options.paiPathPrefix = argv[++i] ?? '';
				break;
			case '--no-qps':
				options.enforceQps = false;
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	if (keys.length) options.apiKeys = keys;
	if (Object.keys(paiApps).length) options.paiApps = paiApps;
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
		console.error(`${(e as Error).message}\nusage: cli.ts [--port N] [--latency MS] [--key K] [--sync-latency MS] [--no-qps] [--pai-app APPID:TOKEN] [--pai-latency MS] [--pai-prefix /path]`);
		process.exit(2);
	}
	const { port, options } = parsed;
	options.onRequest = (entry) => console.log(describe(entry));
	const emulator = await startEmulator(options, port);
	const key = (options.apiKeys ?? [DEFAULT_API_KEY]).join(', ');
	console.log(`Alibaba AI Search emulator listening on ${emulator.url} (API key: ${key})`);
	const apps = Object.keys(options.paiApps ?? DEFAULT_PAI_APPS).join(', ');
	console.log(`PAI multimedia analysis on ${emulator.url}${options.paiPathPrefix ?? ''}/api/v1/ (AppIDs: ${apps})`);
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
