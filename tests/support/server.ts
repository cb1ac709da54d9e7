/**
 * Starts the BUILT app (`scripts/serve.ts` on `build/`, from `vite build`) as a real server process on a free
 * loopback port, for browser tests and the benchmark. Each server gets its own fresh data folder
 * (embedded database) unless one is given, so servers never share a PGlite folder.
 *
 * Used from plain Node scripts (native type stripping) and from Vitest alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type ServerOptions = {
	/** Extra environment, applied last (e.g. DATABASE_URL, WAYMARK_DEMO). */
	env?: Record<string, string>;
	/** Use this data folder (kept afterwards); otherwise a fresh temporary one (removed on stop). */
	dataDir?: string;
	/** How long to wait for GET /sign-in to answer 200; default 120 s. */
	timeoutMs?: number;
};

export type RunningServer = {
	baseUrl: string;
	dataDir: string;
	pid: number;
	/** Everything the server printed so far (stdout and stderr interleaved). */
	output(): string;
	/** SIGTERM, wait (then SIGKILL after 15 s), remove the data folder if we made it. Safe to call twice. */
	stop(): Promise<void>;
};

export type FailedStart = { exitCode: number | null; signal: NodeJS.Signals | null; output: string };

const MAX_OUTPUT = 2_000_000;

/** Environment the parent may carry that must not leak into a test server unless asked for. */
const NOT_INHERITED = [
	'DATABASE_URL',
	'NODE_ENV',
	'PORT',
	'HOST',
	'ORIGIN',
	'PUBLIC_BASE_URL',
	'WAYMARK_DATA_DIR',
	'WAYMARK_OUTBOX_DIR',
	'WAYMARK_DEMO',
	'WAYMARK_SECRET',
	'SMTP_URL'
];

function nodeBinary(): string {
	const local = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');
	return fs.existsSync(local) ? local : process.execPath;
}

export function assertBuilt(): void {
	if (!fs.existsSync(path.join(REPO_ROOT, 'build', 'handler.js'))) {
		throw new Error(`No built app at ${path.join(REPO_ROOT, 'build', 'handler.js')}: run "npm run build" first.`);
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- clean-up when the test process ends without stopping its servers ----------------------------

type Live = { child: ChildProcess; ownDir?: string };
const live = new Set<Live>();
let hooksInstalled = false;

function killNow(server: Live): void {
	if (server.child.exitCode === null && server.child.signalCode === null) {
		try {
			server.child.kill('SIGKILL');
		} catch {
			/* gone */
		}
	}
	if (server.ownDir) fs.rmSync(server.ownDir, { recursive: true, force: true });
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
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		};
		process.on(signal, handler);
	}
}

type Spawned = {
	child: ChildProcess;
	baseUrl: string;
	dataDir: string;
	live: Live;
	output(): string;
	exited(): FailedStart | undefined;
	exit: Promise<FailedStart>;
};

async function spawnServer(opts: ServerOptions): Promise<Spawned> {
	assertBuilt();
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const ownDir = opts.dataDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-data-'));
	const dataDir = opts.dataDir ?? ownDir!;
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of NOT_INHERITED) delete env[name];
	Object.assign(env, {
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: baseUrl,
		PUBLIC_BASE_URL: baseUrl,
		WAYMARK_DATA_DIR: dataDir,
		SHUTDOWN_TIMEOUT: '5',
		...opts.env
	});

	const child = spawn(nodeBinary(), ['scripts/serve.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	const entry: Live = { child, ownDir };
	installHooks();
	live.add(entry);

	let buffer = '';
	const append = (chunk: Buffer) => {
		buffer += chunk.toString('utf8');
		if (buffer.length > MAX_OUTPUT) buffer = buffer.slice(-MAX_OUTPUT);
	};
	child.stdout!.on('data', append);
	child.stderr!.on('data', append);

	let result: FailedStart | undefined;
	const exit = new Promise<FailedStart>((resolve) => {
		child.once('error', (error) => {
			append(Buffer.from(`\n[could not start ${nodeBinary()}: ${error.message}]\n`));
			result ??= { exitCode: null, signal: null, output: buffer };
			resolve(result);
		});
		child.once('close', (exitCode, signal) => {
			result = { exitCode, signal, output: buffer };
			resolve(result);
		});
	});
	return { child, baseUrl, dataDir, live: entry, output: () => buffer, exited: () => result, exit };
}

/** Starts the built app and resolves once GET /sign-in answers 200. */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
	const s = await spawnServer(opts);
	const timeoutMs = opts.timeoutMs ?? 120_000;
	const deadline = Date.now() + timeoutMs;
	let last: string;

	let stopped: Promise<void> | undefined;
	const stop = (): Promise<void> => {
		stopped ??= (async () => {
			if (!s.exited()) {
				s.child.kill('SIGTERM');
				const done = await Promise.race([s.exit, sleep(15_000).then(() => undefined)]);
				if (!done) {
					s.child.kill('SIGKILL');
					await s.exit;
				}
			}
			if (s.live.ownDir) fs.rmSync(s.live.ownDir, { recursive: true, force: true });
			live.delete(s.live);
		})();
		return stopped;
	};

	for (;;) {
		const exited = s.exited();
		if (exited) {
			await stop();
			throw new Error(
				`The server exited before answering (exit code ${exited.exitCode}${exited.signal ? `, signal ${exited.signal}` : ''}). Its output:\n${exited.output}`
			);
		}
		try {
			const response = await fetch(`${s.baseUrl}/sign-in`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
			await response.arrayBuffer();
			if (response.status === 200) break;
			last = `GET /sign-in answered ${response.status}`;
		} catch (error) {
			last = (error as Error).message;
		}
		if (Date.now() > deadline) {
			const output = s.output();
			await stop();
			throw new Error(
				`The server did not answer GET /sign-in with 200 within ${timeoutMs / 1000} s (${last}). Its output:\n${output}`
			);
		}
		await sleep(25);
	}

	return { baseUrl: s.baseUrl, dataDir: s.dataDir, pid: s.child.pid!, output: s.output, stop };
}

/**
 * Starts the built app expecting it to refuse (bad settings, data folder in use…): resolves with its
 * exit code and output once it exits. Rejects, after stopping it, if it is still running after
 * `timeoutMs` (default 60 s) — that is, if it did not refuse.
 */
export async function startServerExpectingFailure(opts: ServerOptions = {}): Promise<FailedStart> {
	const s = await spawnServer(opts);
	const timeoutMs = opts.timeoutMs ?? 60_000;
	const result = await Promise.race([s.exit, sleep(timeoutMs).then(() => undefined)]);
	if (result) {
		if (s.live.ownDir) fs.rmSync(s.live.ownDir, { recursive: true, force: true });
		live.delete(s.live);
		return result;
	}
	s.child.kill('SIGKILL');
	await s.exit;
	killNow(s.live);
	throw new Error(
		`Expected the server to refuse to start, but it was still running after ${timeoutMs / 1000} s. Its output:\n${s.output()}`
	);
}
