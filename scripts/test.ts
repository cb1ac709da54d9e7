/**
 * `npm test`: every check the project has, in order, stopping at the first failure.
 *
 *   1. lint                         npm run lint (prettier --check + eslint)
 *   2. type check                   npm run check (svelte-check)
 *   3. unit tests                   vitest --project unit
 *   4. integration tests, PGlite    vitest --project integration (no DATABASE_URL)
 *   5. integration tests, Postgres  the same against a throwaway PostgreSQL server (DATABASE_URL set)
 *   6. build                        vite build
 *   7. browser tests                vitest --project browser (the built server in Debian's Chromium)
 *
 * Installs Debian's chromium and postgresql packages when missing (see tests/support/). Ends with a
 * plain line `N passed, M failed` (and `, K skipped`) totalled over all Vitest runs, and exits
 * non-zero on any failure.
 *
 * Options: --from=<step> / --only=<step> (step numbers or names: lint, check, unit, integration,
 * postgres, build, browser) to rerun part of it while working; CI always runs everything.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from '../tests/support/chromium.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../tests/support/postgres.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const STEP_TIMEOUT_MS = Number(process.env.WAYMARK_STEP_TIMEOUT_MINUTES || 25) * 60_000;

type Counts = { passed: number; failed: number; skipped: number };
type Outcome = { ok: boolean; counts?: Counts; note?: string };
type Step = { key: string; title: string; run: () => Promise<Outcome> };
type Result = { step: Step; status: 'passed' | 'failed' | 'not run'; ms: number; counts?: Counts; note?: string };

// Children find our Node 24 and tools first, even when this script is started outside `npm run`.
const baseEnv: NodeJS.ProcessEnv = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}` };
delete baseEnv.DATABASE_URL;

let current: ReturnType<typeof spawn> | undefined;
/** Temporary folders to remove even when interrupted. */
const scratch = new Set<string>();

function run(command: string, args: string[], env: NodeJS.ProcessEnv = baseEnv): Promise<number> {
	return new Promise((resolve) => {
		console.log(`$ ${command} ${args.join(' ')}`);
		// Own process group, so a timeout or Ctrl-C stops the whole tree (vitest workers, servers…).
		const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
		current = child;
		const timer = setTimeout(() => {
			console.error(
				`\n!! ${command} ${args.join(' ')} still running after ${STEP_TIMEOUT_MS / 60_000} minutes: stopping it.`
			);
			killGroup(child.pid, 'SIGTERM');
			setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000).unref();
		}, STEP_TIMEOUT_MS);
		child.on('error', (error) => {
			console.error(`Could not run ${command}: ${error.message}`);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			current = undefined;
			resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
		});
	});
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		/* already gone */
	}
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		killGroup(current?.pid, 'SIGTERM');
		for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
		console.error(`\nInterrupted (${signal}).`);
		process.exit(signal === 'SIGINT' ? 130 : 143); // 'exit' hooks stop any throwaway Postgres
	});
}

async function command(cmd: string, args: string[]): Promise<Outcome> {
	return { ok: (await run(cmd, args)) === 0 };
}

type VitestJson = {
	numPassedTests: number;
	numFailedTests: number;
	numPendingTests: number;
	numTodoTests: number;
	testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
};

async function vitest(project: string, env: NodeJS.ProcessEnv = baseEnv): Promise<Outcome> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-vitest-'));
	scratch.add(dir);
	const report = path.join(dir, `${project}.json`);
	try {
		const code = await run(
			'vitest',
			[
				'run',
				'--project',
				project,
				'--passWithNoTests',
				'--reporter=default',
				'--reporter=json',
				`--outputFile.json=${report}`
			],
			env
		);
		let json: VitestJson | undefined;
		try {
			json = JSON.parse(fs.readFileSync(report, 'utf8')) as VitestJson;
		} catch {
			json = undefined;
		}
		if (!json) {
			// Vitest died before writing its report (config error, crash): one failure, so the count shows it.
			return { ok: false, counts: { passed: 0, failed: 1, skipped: 0 }, note: `vitest exited ${code} with no report` };
		}
		const counts: Counts = {
			passed: json.numPassedTests,
			failed: json.numFailedTests,
			skipped: json.numPendingTests + json.numTodoTests
		};
		// A test file that failed to load has no failed test in it: count it, or it would vanish.
		const brokenFiles = json.testResults.filter(
			(f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')
		);
		counts.failed += brokenFiles.length;
		let note = brokenFiles.length ? `${brokenFiles.length} file(s) failed outside any test` : undefined;
		if (code !== 0 && counts.failed === 0) {
			counts.failed = 1; // e.g. an unhandled error after the tests passed
			note = `vitest exited ${code} although no test failed (unhandled error?)`;
		}
		if (code === 0 && counts.passed + counts.failed + counts.skipped === 0) note = 'no tests found';
		return { ok: code === 0 && counts.failed === 0, counts, note };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
		scratch.delete(dir);
	}
}

const steps: Step[] = [
	{ key: 'lint', title: 'Lint (prettier --check, eslint)', run: () => command('npm', ['run', '--silent', 'lint']) },
	{ key: 'check', title: 'Type check (svelte-check)', run: () => command('npm', ['run', '--silent', 'check']) },
	{ key: 'unit', title: 'Unit tests', run: () => vitest('unit') },
	{ key: 'integration', title: 'Integration tests on PGlite (embedded)', run: () => vitest('integration') },
	{
		key: 'postgres',
		title: 'Integration tests on a PostgreSQL server',
		run: async () => {
			let server: ThrowawayPostgres | undefined;
			try {
				server = await startThrowawayPostgres();
				console.log(`Throwaway PostgreSQL at ${server.url}`);
				return await vitest('integration', { ...baseEnv, DATABASE_URL: server.url });
			} finally {
				await server?.stop();
			}
		}
	},
	{ key: 'build', title: 'Build (vite build)', run: () => command('vite', ['build']) },
	{
		key: 'browser',
		title: 'Browser tests (built server, Chromium)',
		run: async () => {
			ensureChromium();
			return vitest('browser');
		}
	}
];

function pickSteps(argv: string[]): Set<string> {
	const index = (value: string) => {
		const i = /^\d+$/.test(value) ? Number(value) - 1 : steps.findIndex((s) => s.key === value);
		if (i < 0 || i >= steps.length) {
			console.error(`Unknown step "${value}". Steps: ${steps.map((s, n) => `${n + 1}=${s.key}`).join(', ')}`);
			process.exit(2);
		}
		return i;
	};
	const chosen = new Set(steps.map((s) => s.key));
	for (const arg of argv) {
		const [name, value = ''] = arg.replace(/^--/, '').split('=');
		if (name === 'from') {
			const from = index(value);
			steps.forEach((s, i) => i < from && chosen.delete(s.key));
		} else if (name === 'only') {
			chosen.clear();
			for (const v of value.split(',')) chosen.add(steps[index(v)]!.key);
		} else {
			console.error(`Unknown option ${arg}. Use --from=<step> or --only=<step>[,<step>].`);
			process.exit(2);
		}
	}
	return chosen;
}

function seconds(ms: number): string {
	return ms >= 60_000
		? `${Math.floor(ms / 60_000)}m ${((ms % 60_000) / 1000).toFixed(0)}s`
		: `${(ms / 1000).toFixed(1)}s`;
}

async function main(): Promise<number> {
	const chosen = pickSteps(process.argv.slice(2));
	const results: Result[] = [];
	const started = Date.now();
	let failed = false;
	const selected = steps.filter((s) => chosen.has(s.key));
	for (const [i, step] of selected.entries()) {
		if (failed) {
			results.push({ step, status: 'not run', ms: 0 });
			continue;
		}
		console.log(`\n=== [${i + 1}/${selected.length}] ${step.title} ===\n`);
		const t0 = Date.now();
		let outcome: Outcome;
		try {
			outcome = await step.run();
		} catch (error) {
			console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
			outcome = { ok: false, note: error instanceof Error ? error.message.split('\n')[0] : String(error) };
		}
		const ms = Date.now() - t0;
		results.push({ step, status: outcome.ok ? 'passed' : 'failed', ms, counts: outcome.counts, note: outcome.note });
		console.log(`\n--- ${step.title}: ${outcome.ok ? 'passed' : 'FAILED'} in ${seconds(ms)}`);
		if (!outcome.ok) failed = true;
	}

	const total: Counts = { passed: 0, failed: 0, skipped: 0 };
	for (const r of results) {
		if (!r.counts) {
			if (r.status === 'failed') total.failed += 1; // lint, type check or build: one failure, not none
			continue;
		}
		total.passed += r.counts.passed;
		total.failed += r.counts.failed;
		total.skipped += r.counts.skipped;
	}

	console.log('\n=== Summary ===\n');
	const width = Math.max(...results.map((r) => r.step.title.length));
	for (const r of results) {
		const counts = r.counts
			? `  ${r.counts.passed} passed, ${r.counts.failed} failed${r.counts.skipped ? `, ${r.counts.skipped} skipped` : ''}`
			: '';
		const time = r.status === 'not run' ? '' : seconds(r.ms);
		console.log(
			`${r.step.title.padEnd(width)}  ${r.status.toUpperCase().padEnd(7)}  ${time.padStart(7)}${counts}${r.note ? `  (${r.note})` : ''}`
		);
	}
	console.log(`\nTotal time ${seconds(Date.now() - started)}.`);
	const failedStep = results.find((r) => r.status === 'failed');
	if (failedStep) console.log(`Stopped at: ${failedStep.step.title}.`);
	console.log('');
	// The line CI reads: keep it plain and last.
	console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
	return failed ? 1 : 0;
}

process.exitCode = await main();
