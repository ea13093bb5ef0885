import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export interface Started {
	process: ChildProcess;
	output: () => string;
	stop: () => Promise<void>;
}

const running = new Set<Started>();

/** Starts a long-running process; it is stopped by PID (its whole process group) in stop() or at exit. */
export function start(command: string, args: string[], env: NodeJS.ProcessEnv, label: string): Started {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let log = '';
	const append = (chunk: Buffer) => {
		log += chunk.toString();
		if (log.length > 2_000_000) log = log.slice(-1_000_000);
		if (process.env.E2E_VERBOSE) process.stderr.write(`[${label}] ${chunk}`);
	};
	child.stdout?.on('data', append);
	child.stderr?.on('data', append);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const handle: Started = {
		process: child,
		output: () => log,
		stop: async () => {
			running.delete(handle);
			if (child.exitCode !== null || child.signalCode !== null) return;
			try {
				process.kill(-child.pid!, 'SIGTERM');
			} catch {
				return;
			}
			const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
			if ((await Promise.race([exited, timeout])) === 'timeout') {
				try {
					process.kill(-child.pid!, 'SIGKILL');
				} catch {
					// already gone
				}
				await exited;
			}
		},
	};
	running.add(handle);
	return handle;
}

export async function stopAll(): Promise<void> {
	await Promise.all([...running].map((handle) => handle.stop()));
}

process.once('exit', () => {
	for (const handle of running) {
		try {
			process.kill(-handle.process.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

/** Runs a command to completion; resolves with its output, rejects with it on a non-zero exit. */
export function run(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	options: { cwd?: string; allowFailure?: boolean; showProgress?: boolean } = {},
) {
	return new Promise<{ code: number; signal?: string; stdout: string; stderr: string }>((resolve, reject) => {
		const child = spawn(command, args, { env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (options.showProgress) process.stderr.write(chunk);
		});
		child.on('error', reject);
		child.on('close', (code, signal) => {
			const result = { code: code ?? -1, signal: signal ?? undefined, stdout, stderr };
			if (code === 0 || options.allowFailure) resolve(result);
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`));
		});
	});
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
