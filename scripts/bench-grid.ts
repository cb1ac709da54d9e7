/**
 * How fast the mapping grids are built for a large programme: a school with 300 planned activities,
 * each mapped to benchmarks and aims, then `benchmarkGrid` + `aimsGrid` (the services the mapping page
 * calls, so server time without HTTP) timed 50 times after a warm-up. The target is under 200 ms.
 *
 *   ./node_modules/.bin/node scripts/bench-grid.ts               on an in-memory PGlite
 *   DATABASE_URL=postgres://… ./node_modules/.bin/node scripts/bench-grid.ts   on a PostgreSQL server
 *                                                                (adds its own school; use a throwaway database)
 *
 * From scripts/bench.ts: `import { benchGrid } from './bench-grid.ts'` and call it with an open handle.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { connect, useDatabase, type DatabaseHandle } from '../src/lib/server/db/client.ts';
import {
	activities,
	activityAims,
	activityBenchmarks,
	organisations,
	programmeAims,
	programmes
} from '../src/lib/server/db/schema/index.ts';
import { systemActor } from '../src/lib/server/access/actor.ts';
import { DEFAULT_COMPLIANCE_SETTINGS, type School } from '../src/lib/server/schools/service.ts';
import { aimsGrid, benchmarkGrid } from '../src/lib/server/mapping/service.ts';

export type GridBench = { p50: number; p95: number; activities: number };

const ACTIVITIES = 300;
const RUNS = 50;
const WARM_UP = 10;
const YEAR = 2025;
const TERMS = ['autumn', 'spring', 'summer'] as const;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Writes the bench school (a fresh URN each call) with its programme, aims, activities and ✓ cells. */
async function seed(handle: DatabaseHandle): Promise<School> {
	const db = handle.db;
	const urn = String(9_800_000 + Math.floor(Math.random() * 100_000));
	const [org] = await db
		.insert(organisations)
		.values({
			kind: 'school',
			urn,
			name: `Grid Bench School ${urn}`,
			phase: 'secondary',
			lowestYear: 7,
			highestYear: 13
		})
		.returning();
	const [programme] = await db
		.insert(programmes)
		.values({ schoolId: org!.id, academicYear: YEAR })
		.returning({ id: programmes.id });
	const aimIds: string[] = [];
	for (let a = 0; a < 5; a++) {
		const [aim] = await db
			.insert(programmeAims)
			.values({ programmeId: programme!.id, title: `Aim ${a + 1}`, position: a + 1 })
			.returning({ id: programmeAims.id });
		aimIds.push(aim!.id);
		for (let s = 0; s < 3; s++) {
			const [sub] = await db
				.insert(programmeAims)
				.values({ programmeId: programme!.id, parentId: aim!.id, title: `Aim ${a + 1}.${s + 1}`, position: s + 1 })
				.returning({ id: programmeAims.id });
			aimIds.push(sub!.id);
		}
	}
	const rows = Array.from({ length: ACTIVITIES }, (_, i) => {
		const halfTerm = (i % 6) + 1;
		return {
			programmeId: programme!.id,
			title: `Activity ${String(i + 1).padStart(3, '0')}`,
			type: 'employer-encounter',
			format: 'talk',
			yearGroups: [7 + (i % 7), 7 + ((i + 3) % 7)],
			term: TERMS[Math.floor((halfTerm - 1) / 2)]!,
			halfTerm
		};
	});
	const inserted = await db.insert(activities).values(rows).returning({ id: activities.id });
	await db
		.insert(activityBenchmarks)
		.values(
			inserted.flatMap((a, i) =>
				[1, 2, 3, 4, 5, 6, 7, 8].filter((b) => (i + b) % 3 === 0).map((benchmark) => ({ activityId: a.id, benchmark }))
			)
		);
	await db
		.insert(activityAims)
		.values(
			inserted.flatMap((a, i) =>
				aimIds.filter((_, j) => (i + j) % 4 === 0).map((aimId) => ({ activityId: a.id, aimId }))
			)
		);
	return {
		id: org!.id,
		urn,
		name: org!.name,
		phase: 'secondary',
		lowestYear: 7,
		highestYear: 13,
		schoolDayStarts: '08:30',
		schoolDayEnds: '15:30',
		...DEFAULT_COMPLIANCE_SETTINGS,
		isDemo: false
	};
}

/** Seeds 300 activities into the open database and times both grids together, 50 times (ms). */
export async function benchGrid(handle: DatabaseHandle): Promise<GridBench> {
	useDatabase(handle);
	const school = await seed(handle);
	const actor = systemActor('Grid benchmark');
	const once = async () => {
		const t0 = performance.now();
		const [b, a] = [await benchmarkGrid(actor, school, YEAR), await aimsGrid(actor, school, YEAR)];
		const ms = performance.now() - t0;
		if (b.columns.length !== ACTIVITIES || a.rows.length !== 20)
			throw new Error('The bench programme did not load whole');
		return ms;
	};
	for (let i = 0; i < WARM_UP; i++) await once();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) times.push(await once());
	times.sort((x, y) => x - y);
	return { p50: percentile(times, 50), p95: percentile(times, 95), activities: ACTIVITIES };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const url = process.env.DATABASE_URL;
	const handle = await connect(url ? { databaseUrl: url, command: 'bench-grid' } : { command: 'bench-grid' });
	try {
		const r = await benchGrid(handle);
		console.log(
			`Mapping grids (benchmarks + aims), ${r.activities} activities, ${RUNS} runs on ${handle.driver}: ` +
				`p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (target under 200 ms)`
		);
	} finally {
		await handle.close();
	}
}
