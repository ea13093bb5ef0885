import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { freePort, run, start, waitFor } from './processes';

export interface Postgres {
	/** n8n's environment for this database. */
	env: NodeJS.ProcessEnv;
	stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL (Debian's postgresql package; trust auth, no fsync) on a free loopback port, for
 * queue mode: main and workers write executions at once, which n8n's SQLite file refuses under load
 * ("SQLITE_BUSY: database is locked"). PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 */
export async function startPostgres(): Promise<Postgres> {
	const dir = mkdtempSync(join(tmpdir(), 'postgres-'));
	const asRoot = userInfo().uid === 0;
	const bin = postgresBin();
	const as = (command: string, args: string[]): [string, string[]] => {
		const program = bin ? join(bin, command) : command;
		return asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
	};
	if (asRoot) {
		const owner = await run('id', ['-u', 'postgres'], process.env);
		const group = await run('id', ['-g', 'postgres'], process.env);
		chownSync(dir, Number(owner.stdout.trim()), Number(group.stdout.trim()));
	}
	const data = join(dir, 'data');
	await run(...as('initdb', ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8']), process.env);
	const port = await freePort();
	const server = start(...as('postgres', ['-D', data, '-k', dir, '-p', String(port), '-h', '127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200']), process.env, 'postgres');
	const stop = async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(async () => server.output().includes('ready to accept connections'), 30_000, 'postgres');
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n${server.output().slice(-2000)}`);
	}
	return {
		env: { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(port), DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_DATABASE: 'postgres' },
		stop,
	};
}

/** Debian keeps the server programs off PATH, in /usr/lib/postgresql/<version>/bin; undefined: use PATH. */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')));
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}
