/**
 * Coverage figures at scale (issue 5 §6), server time without HTTP, on a synthetic school of 1,500
 * pupils with seven years of history and about 250,000 attendance rows (scripts/synthetic-school.ts):
 *
 *   - the school dashboard: coverageDashboard (every rule × year group, the equity split with its gaps,
 *     the benchmark summary) — what the coverage page's load runs — p50/p95 over the runs, twice: as
 *     people mostly meet it (the school judged already, nothing changed since: compliance/cache.ts) and
 *     the first view after a change, once the server has judged ahead (judgeFiguresAhead, its minute),
 *     and the first view within that minute (judged at the view, afresh each run);
 *   - the grid alone (complianceFigures, judged afresh each run) and the floor: the same grid from one
 *     hand-written SQL query (src/lib/server/compliance/floor.ts), checked identical, and our time ÷ the floor's;
 *   - one pupil's report (pupilCompliance, a Year 13 pupil: seven years of records);
 *   - the full self-evaluation pre-fill (prefillEvaluation) for the spring snapshot;
 *   - on PostgreSQL, a trust of 30 such schools in one database: the trust overview (trustCoverage,
 *     what the trust's coverage page runs: every school's per-rule totals), repeat, the first view after
 *     the server starts (once it has judged every school ahead; that judging timed too), and within the
 *     minute after a change in every school;
 *   - the process's RSS afterwards (PGlite runs inside it, in a data folder as the server runs it; a
 *     PostgreSQL server's memory is its own).
 *
 *   ./node_modules/.bin/node scripts/bench-compliance.ts [--runs=20] [--pupils=1500] [--schools=30]
 *       [--skip-postgres] [--skip-pglite] [--cpu-prof-hint] [--json=FILE]
 *   DATABASE_URL=postgres://… …   uses that server instead of starting a throwaway one (writes a trust:
 *                                  use an empty throwaway database)
 *
 * From scripts/bench.ts: `benchComplianceScale(databaseUrl?)`. Targets: dashboard p95 under 300 ms on
 * PGlite and 150 ms on PostgreSQL; trust overview under 2 s; RSS under 1 GB; ours at most 2 × the floor.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pathToFileURL } from 'node:url';
import { and, eq, isNull } from 'drizzle-orm';
import { connect, useDatabase, type DatabaseHandle } from '../src/lib/server/db/client.ts';
import { pupils } from '../src/lib/server/db/schema/index.ts';
import { systemActor } from '../src/lib/server/access/actor.ts';
import type { School } from '../src/lib/server/schools/service.ts';
import {
	complianceFigures,
	judgeFiguresAhead,
	pupilCompliance,
	resolveScope
} from '../src/lib/server/compliance/service.ts';
import { coverageDashboard } from '../src/lib/server/compliance/dashboard.ts';
import { complianceFloor, floorParameters, type FloorCell } from '../src/lib/server/compliance/floor.ts';
import { prefillEvaluation } from '../src/lib/server/evaluation/service.ts';
import { trustCoverage } from '../src/lib/server/reports/governors.ts';
import { forgetCompliance, recordSchoolDataChange } from '../src/lib/server/compliance/cache.ts';
import type { ComplianceFigures } from '../src/lib/server/compliance/service.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../tests/support/postgres.ts';
import {
	createSyntheticTrust,
	generateSyntheticSchool,
	SYNTHETIC_TODAY,
	writeSyntheticSchool
} from './synthetic-school.ts';

/** Wall-clock milliseconds; `cpu` is this process's CPU time per run (p50), steadier on a busy machine (PGlite runs in it; a PostgreSQL server does not). */
export type Timing = { p50: number; p95: number; runs: number; cpu: number };

export type ScaleBench = {
	driver: 'pglite' | 'postgres';
	/** The synthetic data: pupils on roll judged, attendance rows in the school, seconds to write. */
	pupilsOnRoll: number;
	attendanceRows: number;
	writeSeconds: number;
	/** Repeat views: the judged school reused (nothing changed since). */
	dashboard: Timing;
	/** The first view within the minute after a change: judged afresh every run. */
	dashboardAfresh: Timing;
	/** The first view after a change once the server has judged ahead (its minute: judgeFiguresAhead). */
	dashboardAhead: Timing;
	grid: Timing;
	floor: Timing;
	/** grid p50 ÷ floor p50. */
	ratio: number;
	/** The floor's cells equal the grid's, every one. */
	identical: boolean;
	differences: string[];
	pupilReport: Timing;
	prefill: Timing | null;
	trust: {
		schools: number;
		attendanceRows: number;
		writeSeconds: number;
		overview: Timing;
		overviewAfresh: Timing;
		/** The server judging all the schools ahead, as it starts (each run from nothing held). */
		ahead: Timing;
		/** The first view of the overview after that. */
		overviewAfterStart: Timing;
	} | null;
	rssMiB: number;
};

export type ScaleOptions = { runs: number; pupils: number; schools: number; trust: boolean };

const DEFAULTS: ScaleOptions = { runs: 20, pupils: 1500, schools: 30, trust: true };
const WARM_UP = 3;
const TODAY = SYNTHETIC_TODAY;
const SNAPSHOT = '2025-12-31';

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function cpuMs(): number {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
}

function timing(wall: number[], cpu: number[]): Timing {
	wall.sort((a, b) => a - b);
	cpu.sort((a, b) => a - b);
	return { p50: percentile(wall, 50), p95: percentile(wall, 95), runs: wall.length, cpu: percentile(cpu, 50) };
}

/** `prepare` runs untimed before each run (what happens between a user's views). */
async function time(
	runs: number,
	work: () => Promise<unknown>,
	warmUp = WARM_UP,
	prepare?: () => Promise<unknown>
): Promise<Timing> {
	for (let i = 0; i < warmUp; i++) await work();
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < runs; i++) {
		await prepare?.();
		const c0 = cpuMs();
		const t0 = performance.now();
		await work();
		wall.push(performance.now() - t0);
		cpu.push(cpuMs() - c0);
	}
	return timing(wall, cpu);
}

/** The cells where the floor and the grid differ, named. */
export function floorDifferences(figures: ComplianceFigures, floor: readonly FloorCell[]): string[] {
	const out: string[] = [];
	const byKey = new Map(floor.map((c) => [`${c.ruleId}|${c.yearGroup}`, c]));
	for (const cell of figures.cells) {
		const f = byKey.get(`${cell.ruleId}|${cell.yearGroup}`);
		const c = cell.counts;
		if (
			!f ||
			f.eligible !== c.eligible ||
			f.met !== c.met ||
			f.onTrack !== c.onTrack ||
			f.atRisk !== c.atRisk ||
			f.missed !== c.missed ||
			f.notApplicable !== c.notApplicable
		)
			out.push(
				`${cell.ruleId} Year ${cell.yearGroup}: ours ${JSON.stringify(c)}, floor ${f ? JSON.stringify(f) : 'missing'}`
			);
	}
	if (floor.length !== figures.cells.length) out.push(`${figures.cells.length} cells, the floor ${floor.length}`);
	return out;
}

/** Everything for one school already written into the open database. */
async function measureSchool(
	handle: DatabaseHandle,
	school: School,
	runs: number,
	log: (line: string) => void
): Promise<Omit<ScaleBench, 'driver' | 'attendanceRows' | 'writeSeconds' | 'trust' | 'rssMiB'>> {
	const actor = systemActor('Scale benchmark');
	const scope = await resolveScope(school, {}, TODAY);

	log(`  dashboard (grid, equity split, benchmark summary), ${runs} runs judged afresh, ${runs} repeat views…`);
	let pupilsOnRoll = 0;
	const dashboardAfresh = await time(runs, async () => {
		forgetCompliance();
		pupilsOnRoll = (await coverageDashboard(actor, school, scope, null)).cohortSize;
	});
	const dashboard = await time(runs, () => coverageDashboard(actor, school, scope, null));
	log(`  dashboard after a change once the server has judged ahead, ${runs} runs…`);
	await judgeFiguresAhead(TODAY); // as the server starts (every school in the database)
	const dashboardAhead = await time(
		runs,
		() => coverageDashboard(actor, school, scope, null),
		0,
		async () => {
			await recordSchoolDataChange(handle.db, [school.id]);
			await judgeFiguresAhead(TODAY);
		}
	);
	log(`  grid alone and the floor, ${runs} runs each, alternating…`);
	let figures: ComplianceFigures | undefined;
	let floor: FloorCell[] = [];
	const params = floorParameters(school, scope);
	const gridWall: number[] = [];
	const gridCpu: number[] = [];
	const floorWall: number[] = [];
	const floorCpu: number[] = [];
	for (let i = 0; i < WARM_UP + runs; i++) {
		forgetCompliance(); // the engine's own time, not the cache's
		let c0 = cpuMs();
		let t0 = performance.now();
		figures = await complianceFigures(actor, school, scope);
		const gridMs = performance.now() - t0;
		const gridCpuMs = cpuMs() - c0;
		c0 = cpuMs();
		t0 = performance.now();
		floor = await complianceFloor(handle.db, params);
		const floorMs = performance.now() - t0;
		const floorCpuMs = cpuMs() - c0;
		if (i >= WARM_UP) {
			gridWall.push(gridMs);
			gridCpu.push(gridCpuMs);
			floorWall.push(floorMs);
			floorCpu.push(floorCpuMs);
		}
	}
	const grid = timing(gridWall, gridCpu);
	const floorTiming = timing(floorWall, floorCpu);
	const differences = floorDifferences(figures!, floor);

	log(`  one Year 13 pupil's report, ${runs} runs…`);
	const [pupil] = await handle.db
		.select({ id: pupils.id })
		.from(pupils)
		.where(
			and(eq(pupils.schoolId, school.id), eq(pupils.enteredYear7, scope.academicYear - 6), isNull(pupils.leavingDate))
		)
		.orderBy(pupils.legalSurname, pupils.legalForename)
		.limit(1);
	if (!pupil) throw new Error('The synthetic school has no Year 13 pupil');
	const pupilReport = await time(runs, () => pupilCompliance(actor, school, pupil.id, scope));

	log(`  self-evaluation pre-fill (${SNAPSHOT} snapshot), ${Math.min(runs, 10)} runs…`);
	let prefill: Timing | null = null;
	try {
		prefill = await time(Math.min(runs, 10), () => prefillEvaluation(actor, school, SNAPSHOT, TODAY), 1);
	} catch (error) {
		log(`  the pre-fill failed, not measured: ${(error as Error).message.split('\n')[0]}`);
	}

	return {
		pupilsOnRoll,
		dashboard,
		dashboardAfresh,
		dashboardAhead,
		grid,
		floor: floorTiming,
		ratio: grid.p50 / floorTiming.p50,
		identical: differences.length === 0,
		differences,
		pupilReport,
		prefill
	};
}

/** A new empty database `waymark_scale` on a throwaway server (its `postgres` database URL given); its URL. */
export async function scaleDatabase(adminUrl: string): Promise<string> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query('DROP DATABASE IF EXISTS waymark_scale');
		await client.query('CREATE DATABASE waymark_scale');
	} finally {
		await client.end();
	}
	const url = new URL(adminUrl);
	url.pathname = '/waymark_scale';
	return url.toString();
}

function rssMiB(): number {
	return process.memoryUsage().rss / 1024 / 1024;
}

/**
 * On PGlite (no URL: in memory) one school; on PostgreSQL a trust of `schools` schools (the first one
 * measured as the school) and the trust overview.
 */
export async function benchComplianceScale(
	databaseUrl?: string,
	options: Partial<ScaleOptions> = {},
	log: (line: string) => void = console.log
): Promise<ScaleBench> {
	const o = { ...DEFAULTS, ...options };
	// PGlite in a data folder, as the server runs it (in memory, the data itself would count in the RSS).
	const dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-scale-'));
	const handle = await connect({ databaseUrl, dataDir, command: 'waymark bench (coverage at scale)' });
	useDatabase(handle);
	try {
		const label = handle.driver === 'pglite' ? 'PGlite' : 'PostgreSQL';
		const t0 = performance.now();
		let school: School;
		let attendanceRows: number;
		let trust: ScaleBench['trust'] = null;
		let trustGroup: Awaited<ReturnType<typeof createSyntheticTrust>>['group'] | undefined;
		if (handle.driver === 'postgres' && o.trust) {
			log(`${label}: writing a trust of ${o.schools} synthetic schools of ${o.pupils} pupils…`);
			const created = await createSyntheticTrust(handle.db, {
				schools: o.schools,
				pupilsOnRoll: o.pupils,
				today: TODAY,
				onSchool: (n, s) => {
					if (n === 1 || n % 5 === 0) log(`  school ${n}/${o.schools} (${s.toFixed(1)} s)`);
				}
			});
			trustGroup = created.group;
			school = created.group.schools.find((s) => s.urn === '970001') ?? created.group.schools[0]!;
			attendanceRows = Math.round(created.attendanceRows / o.schools);
			trust = {
				schools: o.schools,
				attendanceRows: created.attendanceRows,
				writeSeconds: (performance.now() - t0) / 1000,
				overview: { p50: 0, p95: 0, runs: 0, cpu: 0 },
				overviewAfresh: { p50: 0, p95: 0, runs: 0, cpu: 0 },
				ahead: { p50: 0, p95: 0, runs: 0, cpu: 0 },
				overviewAfterStart: { p50: 0, p95: 0, runs: 0, cpu: 0 }
			};
		} else {
			log(`${label}: writing a synthetic school of ${o.pupils} pupils…`);
			const data = generateSyntheticSchool({ pupilsOnRoll: o.pupils, today: TODAY });
			attendanceRows = data.attendance.length;
			school = await writeSyntheticSchool(handle.db, data);
		}
		const writeSeconds = (performance.now() - t0) / 1000;
		log(`  ${attendanceRows} attendance rows per school; written in ${writeSeconds.toFixed(1)} s`);

		const measured = await measureSchool(handle, school, o.runs, log);
		if (trust && trustGroup) {
			const group = trustGroup;
			const runs = Math.max(3, Math.min(o.runs, 5));
			log(`${label}: trust overview, ${o.schools} schools, ${runs} runs…`);
			const overview = () => trustCoverage(systemActor('Scale benchmark'), group, {}, TODAY);
			trust.overviewAfresh = await time(
				runs,
				() => {
					forgetCompliance();
					return overview();
				},
				0
			);
			trust.overview = await time(runs, overview, 1);
			log(`${label}: judging every school ahead as the server starts, then the overview, ${runs} runs…`);
			const startUp = () => {
				forgetCompliance();
				return judgeFiguresAhead(TODAY);
			};
			trust.ahead = await time(runs, startUp, 0);
			trust.overviewAfterStart = await time(runs, overview, 0, startUp);
		}
		return {
			driver: handle.driver,
			attendanceRows,
			writeSeconds: trust ? trust.writeSeconds / o.schools : writeSeconds,
			...measured,
			trust,
			rssMiB: rssMiB()
		};
	} finally {
		await handle.close();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

// ---- reporting ---------------------------------------------------------------------------------------

const f = (v: number | undefined, digits = 0) => (v === undefined ? '—' : v.toFixed(digits));

/** Rows (label, then one value per result) for scripts/bench.ts's table. */
export function scaleRows(results: readonly (ScaleBench | undefined)[]): string[][] {
	const each = (pick: (r: ScaleBench) => string) => results.map((r) => (r ? pick(r) : '—'));
	return [
		[
			'Coverage dashboard, 1,500 pupils / 250,000 attendance rows, repeat view p50 / p95 (ms)',
			...each((r) => `${f(r.dashboard.p50)} / ${f(r.dashboard.p95)}`)
		],
		[
			'Coverage dashboard, first view after a change once the server has judged ahead p50 / p95 (ms)',
			...each((r) => `${f(r.dashboardAhead.p50)} / ${f(r.dashboardAhead.p95)}`)
		],
		[
			'Coverage dashboard, first view within the minute after a change (judged at the view) p50 / p95 (ms)',
			...each((r) => `${f(r.dashboardAfresh.p50)} / ${f(r.dashboardAfresh.p95)}`)
		],
		['Coverage grid alone, judged afresh, p50 / p95 (ms)', ...each((r) => `${f(r.grid.p50)} / ${f(r.grid.p95)}`)],
		['The same grid by one SQL query (the floor) p50 (ms)', ...each((r) => f(r.floor.p50))],
		['Our grid ÷ the floor (aim ≤ 2)', ...each((r) => `${f(r.ratio, 1)}${r.identical ? '' : ' (figures differ!)'}`)],
		[
			'One pupil’s report, Year 13, p50 / p95 (ms)',
			...each((r) => `${f(r.pupilReport.p50)} / ${f(r.pupilReport.p95)}`)
		],
		['Self-evaluation pre-fill p50 (ms)', ...each((r) => (r.prefill ? f(r.prefill.p50) : 'not measured'))],
		[
			'Trust overview, 30 schools, repeat view p50 / p95 (ms)',
			...each((r) => (r.trust ? `${f(r.trust.overview.p50)} / ${f(r.trust.overview.p95)}` : '—'))
		],
		[
			'Trust overview, 30 schools, first view after the server starts (once it has judged ahead) p50 / p95 (ms)',
			...each((r) => (r.trust ? `${f(r.trust.overviewAfterStart.p50)} / ${f(r.trust.overviewAfterStart.p95)}` : '—'))
		],
		[
			'Judging all 30 schools ahead as the server starts, in the background, p50 (s)',
			...each((r) => (r.trust ? f(r.trust.ahead.p50 / 1000, 1) : '—'))
		],
		[
			'Trust overview, 30 schools, within the minute after a change in every school (judged at the view) p50 (ms)',
			...each((r) => (r.trust ? f(r.trust.overviewAfresh.p50) : '—'))
		],
		['Bench process RSS after the coverage figures (MiB)', ...each((r) => f(r.rssMiB))]
	];
}

function printResult(r: ScaleBench): void {
	const line = (label: string, t: Timing | null) =>
		console.log(
			`  ${label.padEnd(44)} ${t ? `p50 ${f(t.p50, 1).padStart(7)} ms   p95 ${f(t.p95, 1).padStart(7)} ms   (CPU here p50 ${f(t.cpu, 0)} ms)` : 'not measured'}`
		);
	console.log(`\n${r.driver}: ${r.pupilsOnRoll} pupils on roll, ${r.attendanceRows} attendance rows (school)`);
	line('dashboard (target p95 < ' + (r.driver === 'pglite' ? '300' : '150') + ' ms)', r.dashboard);
	line('dashboard after a change, judged ahead', r.dashboardAhead);
	line('dashboard within the minute after a change', r.dashboardAfresh);
	line('grid alone (complianceFigures), judged afresh', r.grid);
	line('floor (one SQL query)', r.floor);
	console.log(`  ${'ours ÷ floor (aim ≤ 2)'.padEnd(44)} ${f(r.ratio, 2)}`);
	console.log(
		`  ${'floor = grid, every cell'.padEnd(44)} ${r.identical ? 'yes' : `NO — ${r.differences.length} cells differ:`}`
	);
	for (const d of r.differences.slice(0, 10)) console.log(`    ${d}`);
	line('pupil report (Year 13)', r.pupilReport);
	line('evaluation pre-fill', r.prefill);
	if (r.trust) line(`trust overview, ${r.trust.schools} schools (target < 2 s)`, r.trust.overview);
	if (r.trust) line(`trust overview, first view after start`, r.trust.overviewAfterStart);
	if (r.trust) line(`judging every school ahead at start`, r.trust.ahead);
	if (r.trust) line(`trust overview within the minute of changes`, r.trust.overviewAfresh);
	if (r.trust)
		console.log(
			`  ${'trust written'.padEnd(44)} ${r.trust.attendanceRows} attendance rows in ${f(r.trust.writeSeconds, 0)} s`
		);
	console.log(`  ${'RSS after (MiB, target < 1024)'.padEnd(44)} ${f(r.rssMiB)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const args = new Map(
		process.argv.slice(2).map((a) => {
			const [k, v] = a.replace(/^--/, '').split(/=(.*)/s) as [string, string | undefined];
			return [k, v ?? ''];
		})
	);
	const number = (name: string, fallback: number) => {
		const v = args.get(name);
		return v === undefined ? fallback : Number(v);
	};
	const options: Partial<ScaleOptions> = {
		runs: number('runs', DEFAULTS.runs),
		pupils: number('pupils', DEFAULTS.pupils),
		schools: number('schools', DEFAULTS.schools)
	};
	// --json=FILE (from scripts/bench.ts): write the results there instead of printing them.
	const json = args.get('json');
	const results: ScaleBench[] = [];
	const report = (r: ScaleBench) => (json ? results.push(r) : printResult(r));
	if (!args.has('skip-pglite')) report(await benchComplianceScale(undefined, options));
	if (!args.has('skip-postgres')) {
		let throwaway: ThrowawayPostgres | undefined;
		try {
			const url =
				process.env.DATABASE_URL ?? (await scaleDatabase((throwaway = await startThrowawayPostgres()).adminUrl));
			report(await benchComplianceScale(url, options));
		} finally {
			await throwaway?.stop();
		}
	}
	if (json) fs.writeFileSync(json, JSON.stringify(results));
}
