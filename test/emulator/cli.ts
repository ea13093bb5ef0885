/**
 * Standalone runner:
 *   npx ts-node --transpile-only test/emulator/cli.ts [--port N] [--latency MS] [--key K] [--sync-latency MS] [--no-qps]
 *     [--pai-app APPID:TOKEN] [--pai-latency MS] [--pai-prefix /path] [--oss] [--oss-key ID:SECRET] [--oss-bucket NAME] [--oss-allow-v1]
 * Listens on 127.0.0.1 only (the OSS endpoint, with --oss, on a second port); logs one line per request; stops on SIGINT/SIGTERM.
 */
import { DEFAULT_API_KEY, DEFAULT_PAI_APPS } from './options';
import { DEFAULT_OSS_ACCESS_KEY_ID, DEFAULT_OSS_BUCKET, DEFAULT_OSS_REGION } from './oss';
import type { OssAccessKey, OssLogEntry } from './oss';
import { startEmulator } from './server';
import type { EmulatorOptions, RequestLogEntry } from './types';

function parseArgs(argv: string[]): { port: number; options: EmulatorOptions } {
	const options: EmulatorOptions = {};
	const keys: string[] = [];
	const paiApps: Record<string, string> = {};
	const ossKeys: Record<string, OssAccessKey> = {};
	const ossBuckets: string[] = [];
	let oss = false;
	let ossAllowV1 = false;
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
			case '--oss':
				oss = true;
				break;
			case '--oss-key': {
				const pair = argv[++i] ?? '';
				const colon = pair.indexOf(':');
				if (colon < 1 || colon === pair.length - 1) throw new Error('--oss-key needs ID:SECRET');
				ossKeys[pair.slice(0, colon)] = { secret: pair.slice(colon + 1) };
				oss = true;
				break;
			}
			case '--oss-allow-v1':
				ossAllowV1 = true;
				oss = true;
				break;
			case '--oss-bucket': {
				const bucket = argv[++i];
				if (!bucket) throw new Error('--oss-bucket needs a name');
				ossBuckets.push(bucket);
				oss = true;
				break;
			}
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	if (keys.length) options.apiKeys = keys;
	if (Object.keys(paiApps).length) options.paiApps = paiApps;
	if (oss) {
		options.oss = {};
		if (Object.keys(ossKeys).length) options.oss.accessKeys = ossKeys;
		if (ossBuckets.length) options.oss.buckets = ossBuckets;
		if (ossAllowV1) options.oss.allowV1 = true;
	}
	return { port, options };
}

function describeOss(e: OssLogEntry): string {
	const parts = [new Date(e.time).toISOString(), 'OSS', e.method, e.host, e.path, '->', String(e.status), e.operation];
	if (e.code) parts.push(e.code);
	if (e.bodyBytes) parts.push(`${e.bodyBytes}B`);
	return parts.join(' ');
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
		console.error(
			`${(e as Error).message}\nusage: cli.ts [--port N] [--latency MS] [--key K] [--sync-latency MS] [--no-qps] [--pai-app APPID:TOKEN] [--pai-latency MS] [--pai-prefix /path] [--oss] [--oss-key ID:SECRET] [--oss-bucket NAME] [--oss-allow-v1]`,
		);
		process.exit(2);
	}
	const { port, options } = parsed;
	options.onRequest = (entry) => console.log(describe(entry));
	if (options.oss && options.oss !== true) options.oss.onRequest = (entry) => console.log(describeOss(entry));
	const emulator = await startEmulator(options, port);
	const key = (options.apiKeys ?? [DEFAULT_API_KEY]).join(', ');
	console.log(`Alibaba AI Search emulator listening on ${emulator.url} (API key: ${key})`);
	const apps = Object.keys(options.paiApps ?? DEFAULT_PAI_APPS).join(', ');
	console.log(`PAI multimedia analysis on ${emulator.url}${options.paiPathPrefix ?? ''}/api/v1/ (AppIDs: ${apps})`);
	if (emulator.oss && options.oss && options.oss !== true) {
		const ids = Object.keys(options.oss.accessKeys ?? { [DEFAULT_OSS_ACCESS_KEY_ID]: {} }).join(', ');
		const buckets = (options.oss.buckets ?? [DEFAULT_OSS_BUCKET]).join(', ');
		const signatures = options.oss.allowV1 ? 'V4 and V1' : 'V4 only';
		console.log(`OSS on ${emulator.oss.url}/<bucket>/<key> (path-style endpoint; region ${DEFAULT_OSS_REGION}, ${signatures}; AccessKey IDs: ${ids}; buckets: ${buckets})`);
	}
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
