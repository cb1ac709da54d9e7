/**
 * `npm run bench`: how fast Waymark starts, how much memory it holds, and how quickly the school
 * dashboard answers — on the embedded database (PGlite) and on a PostgreSQL server. See
 * docs/performance.md for what each figure means.
 *
 *   npm run bench                      measure and print a table
 *   npm run bench -- --record          …and append the figures to docs/performance.md
 *   options: --requests=200 --warm-starts=3 --skip-postgres --skip-scale
 *            --email=… --password=… --path=/schools/<URN>   (override what is read from the demo)
 *
 * Only ever talks to servers it starts itself on 127.0.0.1; every loop is bounded.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../tests/support/postgres.ts';
import { benchGrid, type GridBench } from './bench-grid.ts';
import { benchImports, type ImportBench } from './bench-imports.ts';
import { scaleDatabase, scaleRows, type ScaleBench } from './bench-compliance.ts';
import { connect } from '../src/lib/server/db/client.ts';
import { REPO_ROOT, startServer, type RunningServer } from '../tests/support/server.ts';

const SESSION_COOKIE = 'waymark_session';
const DEFAULT_EMAIL = 'careers.leader@demo.waymark.school';

type Options = {
	requests: number;
	warmStarts: number;
	record: boolean;
	skipPostgres: boolean;
	/** Skip the coverage figures at scale (a synthetic 1,500-pupil school; a 30-school trust on PostgreSQL). */
	skipScale: boolean;
	email?: string;
	password?: string;
	path?: string;
};

function parseOptions(argv: string[]): Options {
	const options: Options = { requests: 200, warmStarts: 3, record: false, skipPostgres: false, skipScale: false };
	for (const arg of argv) {
		const [name, value] = arg.replace(/^--/, '').split(/=(.*)/s) as [string, string | undefined];
		const count = () => {
			const n = Number(value);
			if (!Number.isInteger(n) || n < 1 || n > 10_000) fail(`--${name} needs a whole number from 1 to 10000.`);
			return n;
		};
		if (name === 'record') options.record = true;
		else if (name === 'skip-postgres') options.skipPostgres = true;
		else if (name === 'skip-scale') options.skipScale = true;
		else if (name === 'requests') options.requests = count();
		else if (name === 'warm-starts') options.warmStarts = count();
		else if (name === 'email' && value) options.email = value;
		else if (name === 'password' && value) options.password = value;
		else if (name === 'path' && value) options.path = value.startsWith('/') ? value : `/${value}`;
		else fail(`Unknown option ${arg}. See the top of scripts/bench.ts.`);
	}
	return options;
}

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

// ---- what to sign in as ------------------------------------------------------------------------------

type Target = { email: string; password: string; path: string };
type DemoSchool = { name: string; urn: string };
type DemoSummaryLike = {
	password: string;
	schools: DemoSchool[];
	signIns: { role: string; email: string; school: string }[];
};

/**
 * Reads the demo's sign-ins from what the server printed on its first start:
 *   Demo ready: Riverside Academy (URN 100001, 1200 pupils) and Hillcrest School (URN …) in ….
 *   Open http://…/sign-in and sign in as any of these (password for all: …):
 *     Careers leader   careers.leader@demo.waymark.school  (Riverside Academy)
 */
export function demoFromOutput(output: string): DemoSummaryLike | undefined {
	const ready = output.split('\n').find((line) => line.includes('Demo ready:'));
	const password = /password for all: ([^)\s]+)\)/.exec(output)?.[1];
	if (!ready || !password) return undefined;
	const schools = [...ready.matchAll(/(?:Demo ready: |\) and )(.+?) \(URN (\d+)/g)].map((m) => ({
		name: m[1]!.trim(),
		urn: m[2]!
	}));
	const signIns = [...output.matchAll(/^\s+(.+?)\s{2,}(\S+@\S+)\s+\((.+)\)\s*$/gm)].map((m) => ({
		role: m[1]!,
		email: m[2]!,
		school: m[3]!
	}));
	return { password, schools, signIns };
}

function targetFrom(demo: DemoSummaryLike | undefined, options: Options): Target {
	const email = options.email ?? DEFAULT_EMAIL;
	const signIn = demo?.signIns.find((s) => s.email === email);
	const school = demo?.schools.find((s) => s.name === signIn?.school) ?? demo?.schools[0];
	const password = options.password ?? demo?.password;
	const dashboard = options.path ?? (school ? `/schools/${school.urn}` : undefined);
	if (!password || !dashboard) {
		fail(
			'Could not read the demo sign-in (password and school URN) from the server output. ' +
				'Pass --email=… --password=… --path=/schools/<URN>.'
		);
	}
	return { email, password, path: dashboard };
}

// ---- measuring ---------------------------------------------------------------------------------------

function rssMiB(pid: number): number | undefined {
	try {
		const kb = /VmRSS:\s+(\d+)\s*kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Number(kb) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

async function timedStart(
	opts: Parameters<typeof startServer>[0]
): Promise<{ server: RunningServer; seconds: number }> {
	const t0 = performance.now();
	const server = await startServer({ timeoutMs: 600_000, ...opts });
	return { server, seconds: (performance.now() - t0) / 1000 };
}

async function postSignIn(baseUrl: string, target: Target, origin: string): Promise<Response> {
	return fetch(`${baseUrl}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin, // SvelteKit's CSRF check compares it with the server's own origin
			accept: 'text/html'
		},
		body: new URLSearchParams({ email: target.email, password: target.password }).toString()
	});
}

let warnedAboutOrigin = false;

async function signInCookie(baseUrl: string, target: Target): Promise<string> {
	const page = await fetch(`${baseUrl}/sign-in`, { redirect: 'manual' });
	await page.arrayBuffer();
	let response = await postSignIn(baseUrl, target, baseUrl);
	let body = await response.text();
	if (response.status === 403 && /Cross-site/i.test(body)) {
		// adapter-node 6 has no ORIGIN variable: without kit.paths.origin it takes the origin from the
		// request and assumes https, so a plain-http server refuses its own browser's form posts. Say so,
		// and measure anyway by presenting the origin the server believes it has.
		if (!warnedAboutOrigin) {
			warnedAboutOrigin = true;
			console.warn(
				`  warning: the server refused a form POST from its own origin ${baseUrl} as cross-site; ` +
					'a browser could not sign in over plain http. Retrying with the https origin it assumes.'
			);
		}
		response = await postSignIn(baseUrl, target, baseUrl.replace(/^http:/, 'https:'));
		body = await response.text();
	}
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.find((c) => c.startsWith(`${SESSION_COOKIE}=`) && c.length > SESSION_COOKIE.length + 1);
	if (response.status !== 303 || !cookie) {
		throw new Error(
			`Signing in as ${target.email} failed: POST /sign-in answered ${response.status} without a session cookie.\n` +
				body
					.replace(/<[^>]+>/g, ' ')
					.replace(/\s+/g, ' ')
					.slice(0, 500)
		);
	}
	return cookie;
}

type Latency = { p50: number; p95: number; mean: number; max: number };

function percentile(sorted: number[], p: number): number {
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index]!;
}

async function dashboardLatency(server: RunningServer, target: Target, requests: number): Promise<Latency> {
	const cookie = await signInCookie(server.baseUrl, target);
	return pageLatency(server, cookie, target.path, requests);
}

/**
 * The record of a Year 13 pupil on the demo school (seven years of history: Y7 to Y13), as the careers
 * leader opens it. The pupil is the first of Year 13 in the list.
 */
async function pupilRecordLatency(server: RunningServer, target: Target, requests: number): Promise<Latency> {
	const cookie = await signInCookie(server.baseUrl, target);
	const list = await (
		await fetch(`${server.baseUrl}${target.path}/pupils?year=13`, { redirect: 'manual', headers: { cookie } })
	).text();
	const id = /\/pupils\/([0-9a-f-]{36})"/.exec(list)?.[1];
	if (!id) throw new Error(`No Year 13 pupil found on ${target.path}/pupils?year=13`);
	return pageLatency(server, cookie, `${target.path}/pupils/${id}`, requests);
}

async function pageLatency(server: RunningServer, cookie: string, urlPath: string, requests: number): Promise<Latency> {
	const baseUrl = server.baseUrl;
	const get = async () => {
		const t0 = performance.now();
		const response = await fetch(`${baseUrl}${urlPath}`, { redirect: 'manual', headers: { cookie } });
		const body = await response.text();
		const ms = performance.now() - t0;
		if (response.status !== 200) {
			const page = body
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ')
				.slice(0, 300);
			const log = server.output().trim().split('\n').slice(-15).join('\n');
			throw new Error(
				`GET ${urlPath} answered ${response.status}, not 200. Page: ${page}\nThe server's last output:\n${log}`
			);
		}
		return ms;
	};
	for (let i = 0; i < 5; i++) await get(); // warm-up, not counted
	const times: number[] = [];
	for (let i = 0; i < requests; i++) times.push(await get());
	times.sort((a, b) => a - b);
	return {
		p50: percentile(times, 50),
		p95: percentile(times, 95),
		mean: times.reduce((a, b) => a + b, 0) / times.length,
		max: times[times.length - 1]!
	};
}

type Figures = {
	label: string;
	coldStart?: number;
	warmStart?: number;
	rssAfterStart?: number;
	rssAfterRequests?: number;
	latency?: Latency;
	/** Mapping grids (benchmarks + aims) for a 300-activity programme, server time. */
	grid?: GridBench;
	/** The record page of a Year 13 pupil with seven years of history. */
	pupilRecord?: Latency;
	imports?: ImportBench;
	/** Coverage figures at scale (scripts/bench-compliance.ts). */
	scale?: ScaleBench;
	note?: string;
};

/** The grid figure: services only, on a database of its own (in memory, or the throwaway server). */
async function gridFigures(databaseUrl?: string): Promise<GridBench> {
	console.log(`${databaseUrl ? 'PostgreSQL' : 'PGlite'}: mapping grids for a programme of 300 activities…`);
	const handle = await connect({ databaseUrl, command: 'waymark bench (grids)' });
	try {
		return await benchGrid(handle);
	} finally {
		await handle.close();
	}
}

/** The import figures: services only, on a database of their own. */
async function importFigures(databaseUrl?: string): Promise<ImportBench> {
	console.log(`${databaseUrl ? 'PostgreSQL' : 'PGlite'}: imports (2,000 pupils, 50,000 attendance rows)…`);
	const handle = await connect({ databaseUrl, command: 'waymark bench (imports)' });
	try {
		return await benchImports(handle);
	} finally {
		await handle.close();
	}
}

/**
 * Coverage figures at scale: a synthetic school (and on PostgreSQL a 30-school trust) in a database of its
 * own, measured in a process of its own, so its RSS is that work's alone (in this process an embedded
 * database measured earlier would still hold its memory: WebAssembly memory never shrinks).
 */
async function scaleFigures(databaseUrl?: string): Promise<ScaleBench> {
	console.log(`${databaseUrl ? 'PostgreSQL' : 'PGlite'}: coverage figures at scale (synthetic data)…`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-scale-'));
	const file = path.join(dir, 'result.json');
	let result: ScaleBench;
	try {
		const env: NodeJS.ProcessEnv = { ...process.env };
		if (databaseUrl) env.DATABASE_URL = databaseUrl;
		else delete env.DATABASE_URL;
		const child = spawnSync(
			process.execPath,
			[
				path.join(REPO_ROOT, 'scripts', 'bench-compliance.ts'),
				databaseUrl ? '--skip-pglite' : '--skip-postgres',
				`--json=${file}`
			],
			{ cwd: REPO_ROOT, env, stdio: 'inherit' }
		);
		if (child.status !== 0)
			throw new Error(`scripts/bench-compliance.ts failed (exit ${child.status ?? child.signal})`);
		[result] = JSON.parse(fs.readFileSync(file, 'utf8')) as [ScaleBench];
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	if (!result.identical)
		console.log(`  warning: the floor query and the coverage grid differ in ${result.differences.length} cells`);
	return result;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length / 2;
	return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

async function benchEmbedded(options: Options): Promise<Figures> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-'));
	try {
		console.log('PGlite: cold start (fresh data folder, creates the demo)…');
		const cold = await timedStart({ dataDir });
		const target = targetFrom(demoFromOutput(cold.server.output()), options);
		await cold.server.stop();
		console.log(`  ${cold.seconds.toFixed(2)} s`);

		const warm: number[] = [];
		let server: RunningServer | undefined;
		for (let i = 0; i < options.warmStarts; i++) {
			console.log(`PGlite: warm start ${i + 1}/${options.warmStarts}…`);
			const run = await timedStart({ dataDir });
			warm.push(run.seconds);
			console.log(`  ${run.seconds.toFixed(2)} s`);
			if (i < options.warmStarts - 1) await run.server.stop();
			else server = run.server;
		}
		try {
			const rssAfterStart = rssMiB(server!.pid);
			console.log(`PGlite: ${options.requests} requests to ${target.path} as ${target.email}…`);
			const latency = await dashboardLatency(server!, target, options.requests);
			console.log(`PGlite: ${options.requests} requests to a Year 13 pupil's record…`);
			const pupilRecord = await pupilRecordLatency(server!, target, options.requests);
			const rssAfterRequests = rssMiB(server!.pid);
			await server!.stop();
			return {
				label: 'PGlite (embedded)',
				grid: await gridFigures(),
				imports: await importFigures(),
				scale: options.skipScale ? undefined : await scaleFigures(),
				pupilRecord,
				coldStart: cold.seconds,
				warmStart: median(warm),
				rssAfterStart,
				rssAfterRequests,
				latency
			};
		} finally {
			await server?.stop();
		}
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

/**
 * The server creates the demo only on an empty embedded database, so for PostgreSQL the bench writes
 * it first with the app's own command, `waymark demo`, and reads the sign-ins it prints.
 */
async function seedPostgres(url: string): Promise<DemoSummaryLike> {
	const cli = path.join(REPO_ROOT, 'src', 'cli', 'waymark.ts');
	const node = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');
	const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
	delete env.NODE_ENV;
	const result = spawnSync(fs.existsSync(node) ? node : process.execPath, [cli, 'demo'], {
		cwd: REPO_ROOT,
		env,
		encoding: 'utf8',
		timeout: 600_000
	});
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
	const demo = demoFromOutput(output);
	if (result.status !== 0 || !demo) {
		throw new Error(`"waymark demo" failed (exit ${result.status ?? result.signal}): ${output.trim().slice(-1000)}`);
	}
	return demo;
}

async function benchPostgres(options: Options): Promise<Figures> {
	const label = 'PostgreSQL server';
	let pg: ThrowawayPostgres | undefined;
	try {
		console.log('PostgreSQL: starting a throwaway server…');
		pg = await startThrowawayPostgres();
		let demo: DemoSummaryLike | undefined;
		if (!(options.password && options.path)) {
			console.log('PostgreSQL: writing the demo school…');
			const t0 = performance.now();
			try {
				demo = await seedPostgres(pg.url);
			} catch (error) {
				const why = (error as Error).message.split('\n')[0];
				console.log(`  cannot seed the demo (${why}): skipping PostgreSQL.`);
				return { label, note: `not measured: could not write the demo (${why})` };
			}
			console.log(`  ${((performance.now() - t0) / 1000).toFixed(2)} s`);
		}
		const target = targetFrom(demo, options);
		const warm: number[] = [];
		let server: RunningServer | undefined;
		for (let i = 0; i < options.warmStarts; i++) {
			console.log(`PostgreSQL: start ${i + 1}/${options.warmStarts} (database already has the demo)…`);
			const run = await timedStart({ env: { DATABASE_URL: pg.url } });
			warm.push(run.seconds);
			console.log(`  ${run.seconds.toFixed(2)} s`);
			if (i < options.warmStarts - 1) await run.server.stop();
			else server = run.server;
		}
		try {
			const rssAfterStart = rssMiB(server!.pid);
			console.log(`PostgreSQL: ${options.requests} requests to ${target.path} as ${target.email}…`);
			const latency = await dashboardLatency(server!, target, options.requests);
			console.log(`PostgreSQL: ${options.requests} requests to a Year 13 pupil's record…`);
			const pupilRecord = await pupilRecordLatency(server!, target, options.requests);
			return {
				label,
				warmStart: median(warm),
				rssAfterStart,
				rssAfterRequests: rssMiB(server!.pid),
				latency,
				pupilRecord,
				grid: await gridFigures(pg.url),
				imports: await importFigures(pg.url),
				scale: options.skipScale ? undefined : await scaleFigures(await scaleDatabase(pg.adminUrl)),
				note: 'the server does not create the demo on PostgreSQL, so there is no cold-start figure'
			};
		} finally {
			await server?.stop();
		}
	} finally {
		await pg?.stop();
	}
}

// ---- reporting ---------------------------------------------------------------------------------------

function machine(): { date: string; cores: number; memory: string; cpu: string; node: string; postgres?: string } {
	const date = spawnSync('date', ['-u', '+%Y-%m-%d %H:%M UTC'], { encoding: 'utf8' }).stdout?.trim();
	let cpu = os.cpus()[0]?.model ?? 'unknown';
	try {
		cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
	} catch {
		/* not Linux */
	}
	return {
		date: date || new Date().toISOString(),
		cores: os.availableParallelism(),
		memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
		cpu,
		node: process.version
	};
}

function rows(results: Figures[], options: Options): string[][] {
	const f = (v: number | undefined, digits: number) => (v === undefined ? '—' : v.toFixed(digits));
	const page = options.path ? `GET ${options.path}` : 'School dashboard';
	return [
		['', ...results.map((r) => r.label)],
		['Cold start to first 200 on /sign-in (s)', ...results.map((r) => f(r.coldStart, 2))],
		['Warm start to first 200 on /sign-in (s, median)', ...results.map((r) => f(r.warmStart, 2))],
		['Server RSS after start (MiB)', ...results.map((r) => f(r.rssAfterStart, 0))],
		['Server RSS after the timed requests (MiB)', ...results.map((r) => f(r.rssAfterRequests, 0))],
		[`${page} p50 (ms)`, ...results.map((r) => f(r.latency?.p50, 1))],
		[`${page} p95 (ms)`, ...results.map((r) => f(r.latency?.p95, 1))],
		[
			`${page} mean / max (ms)`,
			...results.map((r) => (r.latency ? `${f(r.latency.mean, 1)} / ${f(r.latency.max, 1)}` : '—'))
		],
		['Mapping grids, 300 activities, p50 (ms)', ...results.map((r) => f(r.grid?.p50, 1))],
		['Mapping grids, 300 activities, p95 (ms)', ...results.map((r) => f(r.grid?.p95, 1))],
		['Pupil record, Year 13 with seven years of history, p50 (ms)', ...results.map((r) => f(r.pupilRecord?.p50, 1))],
		['Pupil record, Year 13 with seven years of history, p95 (ms)', ...results.map((r) => f(r.pupilRecord?.p95, 1))],
		['Pupil import, 2,000 rows into an empty school (s)', ...results.map((r) => f(r.imports?.pupils2000, 2))],
		[
			'Pupil import, the same 2,000 rows again, all unchanged (s)',
			...results.map((r) => f(r.imports?.pupils2000Again, 2))
		],
		['Attendance import, 50,000 rows (s)', ...results.map((r) => f(r.imports?.attendance50000, 2))],
		...(results.some((r) => r.scale) ? scaleRows(results.map((r) => r.scale)) : [])
	];
}

function textTable(table: string[][]): string {
	const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => (row[col] ?? '').length)));
	return table
		.map((row) =>
			row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('   ')
		)
		.join('\n');
}

function markdownTable(table: string[][]): string {
	const head = table[0]!;
	const body = table.slice(1);
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [
		line(head.map((c, i) => (i === 0 && !c ? 'measure' : c))),
		line(head.map((_, i) => (i === 0 ? '---' : '---:'))),
		...body.map(line)
	].join('\n');
}

const RESULTS_HEADING = '## Recorded results';

function record(results: Figures[], options: Options, m: ReturnType<typeof machine>): void {
	const file = path.join(REPO_ROOT, 'docs', 'performance.md');
	const notes = results.filter((r) => r.note).map((r) => `- ${r.label}: ${r.note}.`);
	const entry = [
		`### ${m.date}`,
		'',
		`Machine: ${m.cores} cores, ${m.memory}, ${m.cpu}; Node ${m.node}. ` +
			`${options.requests} sequential requests to ${options.path ?? 'the school dashboard'}, median of ${options.warmStarts} warm start(s).`,
		'',
		markdownTable(rows(results, options)),
		...(notes.length ? ['', ...notes] : []),
		''
	].join('\n');
	let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
	if (!text.includes(RESULTS_HEADING)) text = `${text.trimEnd()}\n\n${RESULTS_HEADING}\n`;
	// Newest first, straight under the heading; the placeholder line goes once real figures exist.
	text = text.replace(/\n_No figures recorded yet[^\n]*\n/, '\n');
	const at = text.indexOf(RESULTS_HEADING) + RESULTS_HEADING.length;
	const rest = text.slice(at).replace(/^\n+/, '');
	text = `${text.slice(0, at)}\n\n${entry}${rest ? `\n${rest}` : ''}`;
	fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
	// Keep `npm run lint` (prettier --check) happy: let Prettier lay out the new table.
	spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', '.bin', 'prettier'), '--write', file], {
		cwd: REPO_ROOT
	});
	console.log(`\nRecorded in ${path.relative(process.cwd(), file) || file}.`);
}

// ---- main --------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	if (!fs.existsSync(path.join(REPO_ROOT, 'build', 'handler.js'))) {
		console.log('No build/ yet: building first (vite build)…');
		const vite = path.join(REPO_ROOT, 'node_modules', '.bin', 'vite');
		const env = {
			...process.env,
			PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`
		};
		const built = spawnSync(vite, ['build'], { cwd: REPO_ROOT, stdio: 'inherit', env });
		if (built.status !== 0) fail('The build failed; fix it and run the benchmark again.');
	}
	const m = machine();
	console.log(`Waymark benchmark — ${m.date}; ${m.cores} cores, ${m.memory}, ${m.cpu}; Node ${m.node}\n`);

	const results: Figures[] = [await benchEmbedded(options)];
	if (!options.skipPostgres) results.push(await benchPostgres(options));

	console.log(`\n${textTable(rows(results, options))}`);
	for (const r of results) if (r.note) console.log(`\n${r.label}: ${r.note}.`);
	if (options.record) record(results, options, m);
}

await main();
