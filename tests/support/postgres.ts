/**
 * A throwaway PostgreSQL server for tests and the benchmark: a fresh cluster in a temporary folder,
 * trust auth, listening only on 127.0.0.1 on a free port, fsync off. Never touches Debian's own
 * cluster (which may or may not exist, and may or may not be running).
 *
 * A PostgreSQL server refuses to run as root, so as root everything runs as the `postgres` system user
 * (created if missing) through `runuser -u postgres --`; as anyone else it runs as that user.
 *
 * Used from plain Node scripts (native type stripping) and from Vitest alike.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { aptInstall } from './chromium.ts';

export type ThrowawayPostgres = {
	/** postgres:// URL of the `waymark_test` database (superuser `postgres`, no password). */
	url: string;
	/** The same server's `postgres` database, for creating more databases. */
	adminUrl: string;
	port: number;
	/** Shuts the server down and removes its folder. Safe to call twice. */
	stop(): Promise<void>;
};

const DATABASE = 'waymark_test';
const SUPERUSER = 'postgres';

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function versionOf(binDir: string): number {
	return Number(path.basename(path.dirname(binDir))) || 0;
}

function findBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	let versions: string[];
	try {
		versions = fs.readdirSync(root);
	} catch {
		return undefined;
	}
	const dirs = versions
		.map((v) => path.join(root, v, 'bin'))
		.filter((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres')))
		.sort((a, b) => versionOf(b) - versionOf(a));
	return dirs[0];
}

/** The directory holding initdb and postgres, installing Debian's `postgresql` package if none is there. */
export function ensurePostgresBinaries(): string {
	let binDir = findBinDir();
	if (!binDir) {
		aptInstall(['postgresql'], 'the tests against a PostgreSQL server');
		binDir = findBinDir();
		if (!binDir) {
			throw new Error(
				'apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb appeared; install Debian\'s "postgresql" package.'
			);
		}
	}
	return binDir;
}

type Account = { uid: number; gid: number };

function lookUpUser(name: string): Account | undefined {
	const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
	if (result.status !== 0) return undefined;
	const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
	return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** As root: the `postgres` system account, created when missing. */
function postgresAccount(): Account {
	let account = lookUpUser('postgres');
	if (!account) {
		const created = spawnSync(
			'useradd',
			[
				'--system',
				'--user-group',
				'--no-create-home',
				'--home-dir',
				'/var/lib/postgresql',
				'--shell',
				'/bin/sh',
				'postgres'
			],
			{ encoding: 'utf8' }
		);
		account = lookUpUser('postgres');
		if (!account) {
			throw new Error(
				`A PostgreSQL server will not run as root, and creating a "postgres" user failed: ${created.stderr || created.error}`
			);
		}
	}
	return account;
}

/** Runs a command as the server's user (postgres when we are root), in `cwd` which that user can read. */
function asServerUser(command: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function runSync(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
	const [cmd, argv] = asServerUser(command, args);
	return spawnSync(cmd, argv, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** A temporary folder the server's user can reach (as root, os.tmpdir() may sit under /root). */
function makeBaseDir(account: Account | undefined): string {
	const candidates = [os.tmpdir(), '/tmp'];
	for (const parent of candidates) {
		let dir: string | undefined;
		try {
			dir = fs.mkdtempSync(path.join(parent, 'waymark-pg-'));
			if (account) fs.chownSync(dir, account.uid, account.gid);
			if (!account) return dir;
			const probe = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir], { cwd: '/' });
			if (probe.status === 0) return dir;
		} catch {
			/* try the next parent */
		}
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	}
	throw new Error(`Cannot make a temporary folder the postgres user can write in (tried ${candidates.join(', ')}).`);
}

// ---- clean-up when the process ends without calling stop() ----------------------------------------

type Live = { dir: string; dataDir: string; childPid?: number };
const live = new Set<Live>();
let hooksInstalled = false;

function postmasterPid(dataDir: string): number | undefined {
	try {
		const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** Synchronous: immediate shutdown, short wait, remove the folder. For exit and signal handlers. */
function killNow(server: Live): void {
	const pid = postmasterPid(server.dataDir) ?? server.childPid;
	if (pid && isAlive(pid)) {
		try {
			process.kill(pid, 'SIGQUIT');
		} catch {
			/* gone */
		}
		for (let i = 0; i < 100 && isAlive(pid); i++) sleepSync(50);
		if (isAlive(pid)) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
	}
	fs.rmSync(server.dir, { recursive: true, force: true });
	live.delete(server);
}

function installHooks(): void {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.on('exit', () => {
		for (const server of [...live]) killNow(server);
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		const handler = () => {
			for (const server of [...live]) killNow(server);
			process.off(signal, handler);
			// Let the default action (or anyone else's handler) take over as if we had not been here.
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		};
		process.on(signal, handler);
	}
}

// ---- start -------------------------------------------------------------------------------------------

async function waitForConnections(adminUrl: string, logFile: string, exited: () => string | undefined): Promise<void> {
	const deadline = Date.now() + 60_000;
	let lastError: unknown;
	while (Date.now() < deadline) {
		const exit = exited();
		if (exit) throw new Error(`PostgreSQL exited before accepting connections (${exit}):\n${readLog(logFile)}`);
		const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
		try {
			await client.connect();
			await client.query('select 1');
			await client.end();
			return;
		} catch (error) {
			lastError = error;
			await client.end().catch(() => {});
			await sleep(100);
		}
	}
	throw new Error(`PostgreSQL did not accept connections within 60 s (${String(lastError)}):\n${readLog(logFile)}`);
}

function readLog(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8').slice(-4000);
	} catch {
		return '(no log)';
	}
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
	const binDir = ensurePostgresBinaries();
	const account = isRoot() ? postgresAccount() : undefined;
	const dir = makeBaseDir(account);
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	const server: Live = { dir, dataDir };
	installHooks();
	live.add(server);

	try {
		const init = runSync(
			path.join(binDir, 'initdb'),
			[
				'--pgdata',
				dataDir,
				'--username',
				SUPERUSER,
				'--auth-local',
				'trust',
				'--auth-host',
				'trust',
				'--encoding',
				'UTF8',
				'--locale',
				'C.UTF-8',
				'--no-sync',
				'--no-instructions'
			],
			dir
		);
		if (init.status !== 0) {
			throw new Error(`initdb failed (exit ${init.status}):\n${init.stdout}\n${init.stderr}${init.error ?? ''}`);
		}

		// A free port can be taken between our probe and the server's bind: try a few.
		for (let attempt = 1; ; attempt++) {
			const port = await freePort();
			const logFd = fs.openSync(logFile, 'a');
			if (account) fs.fchownSync(logFd, account.uid, account.gid);
			const [cmd, argv] = asServerUser(path.join(binDir, 'postgres'), [
				'-D',
				dataDir,
				'-p',
				String(port),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				`unix_socket_directories=${dir}`,
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				'-c',
				'max_connections=200',
				'-c',
				'shared_buffers=64MB'
			]);
			const child = spawn(cmd, argv, {
				cwd: dir,
				stdio: ['ignore', logFd, logFd],
				env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' }
			});
			fs.closeSync(logFd);
			let exit: string | undefined;
			child.on('exit', (code, signal) => {
				exit = signal ? `signal ${signal}` : `exit code ${code}`;
			});
			child.on('error', (error) => {
				exit = `could not start: ${error.message}`;
			});
			child.unref();
			server.childPid = child.pid;

			const adminUrl = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
			try {
				await waitForConnections(adminUrl, logFile, () => exit);
			} catch (error) {
				if (exit && attempt < 3 && /already in use|could not bind/i.test(readLog(logFile))) continue;
				throw error;
			}

			const admin = new pg.Client({ connectionString: adminUrl });
			await admin.connect();
			try {
				await admin.query(`create database ${DATABASE}`);
			} finally {
				await admin.end();
			}

			let stopped = false;
			const stop = async () => {
				if (stopped) return;
				stopped = true;
				const pid = postmasterPid(dataDir);
				if (pid && isAlive(pid)) {
					process.kill(pid, 'SIGINT'); // fast shutdown: disconnect clients, no checkpoint wait needed
					const deadline = Date.now() + 15_000;
					while (isAlive(pid) && Date.now() < deadline) await sleep(50);
					if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
					const hard = Date.now() + 5_000;
					while (isAlive(pid) && Date.now() < hard) await sleep(50);
				}
				if (child.exitCode === null && child.signalCode === null) {
					await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5_000)]);
				}
				fs.rmSync(dir, { recursive: true, force: true });
				live.delete(server);
			};
			return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`, adminUrl, port, stop };
		}
	} catch (error) {
		killNow(server);
		throw error;
	}
}
