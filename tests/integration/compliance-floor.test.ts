/**
 * The coverage grid (complianceFigures: the rule engine over every pupil) equals the floor — the same
 * figures from one hand-written SQL query (compliance/floor.ts) — cell for cell, on the demo school and
 * on a small synthetic school (scripts/synthetic-school.ts), at as-of dates on both sides of the
 * windows' ends: mid-year, the day before and the day of 28 February, 31 August, a year under the 2014
 * benchmarks, and the day a pupil left. PGlite by default, PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { freshDatabase, testDriver, type DatabaseHandle } from '../support/database.ts';
import { useDatabase } from '../../src/lib/server/db/client.ts';
import { pupils } from '../../src/lib/server/db/schema/index.ts';
import { systemActor } from '../../src/lib/server/access/actor.ts';
import { schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import { createDemo } from '../../src/lib/server/demo/index.ts';
import { complianceFigures, resolveScope } from '../../src/lib/server/compliance/service.ts';
import { complianceFloor, floorParameters } from '../../src/lib/server/compliance/floor.ts';
import { emptyCounts, type StatusCounts } from '../../src/lib/domain/compliance.ts';
import { generateSyntheticSchool, writeSyntheticSchool } from '../../scripts/synthetic-school.ts';

const TODAY = '2026-03-16';
const system = systemActor('Floor test');

/** Every status seen across the comparisons, so the test cannot pass on empty grids. */
const seen = emptyCounts();

type Cell = { rule: string; year: number; counts: Omit<StatusCounts, 'notApplicable'> & { notApplicable: number } };

async function compare(school: School, asOf: string): Promise<{ engine: Cell[]; floor: Cell[]; framework: string }> {
	const scope = await resolveScope(school, { asOf }, TODAY);
	const figures = await complianceFigures(system, school, scope);
	const floor = await complianceFloor(handle.db, floorParameters(school, scope));
	for (const c of figures.cells)
		for (const key of Object.keys(seen) as (keyof StatusCounts)[]) seen[key] += c.counts[key];
	return {
		framework: scope.framework.id,
		engine: figures.cells.map((c) => ({ rule: c.ruleId, year: c.yearGroup, counts: { ...c.counts } })),
		floor: floor.map((c) => ({
			rule: c.ruleId,
			year: c.yearGroup,
			counts: {
				eligible: c.eligible,
				met: c.met,
				onTrack: c.onTrack,
				atRisk: c.atRisk,
				missed: c.missed,
				notApplicable: c.notApplicable
			}
		}))
	};
}

/** The cells where the two disagree, each naming the date, rule, year group and both counts. */
async function differences(school: School, asOf: string, framework: string): Promise<string[]> {
	const compared = await compare(school, asOf);
	expect(compared.framework).toBe(framework);
	expect(compared.floor.map((c) => `${c.rule}/${c.year}`)).toEqual(compared.engine.map((c) => `${c.rule}/${c.year}`));
	return compared.engine
		.map((e) => {
			const f = compared.floor.find((x) => x.rule === e.rule && x.year === e.year);
			return JSON.stringify(e.counts) === JSON.stringify(f?.counts)
				? null
				: `${asOf} ${e.rule} Year ${e.year}: engine ${JSON.stringify(e.counts)}, floor ${JSON.stringify(f?.counts)}`;
		})
		.filter((d) => d !== null);
}

let handle: DatabaseHandle;
let riverside: School;
let synthetic: School;
let leaverDay: string;

beforeAll(async () => {
	handle = await freshDatabase();
	useDatabase(handle);
	await createDemo(handle.db, { today: TODAY });
	riverside = await schoolForActor(system, '999001', 'compliance.view');
	// A small synthetic school with settings unlike the demo's: a short day, 8 at-risk weeks, 3 workplaces.
	const data = generateSyntheticSchool({
		seed: 'floor-test',
		today: TODAY,
		pupilsOnRoll: 160,
		urn: '950001',
		name: 'Floor Test Academy',
		settings: { schoolDayStarts: '08:40', schoolDayEnds: '15:20', atRiskWeeks: 8, workplaceExperiencesBy16: 3 }
	});
	synthetic = await writeSyntheticSchool(handle.db, data);
	// A mid-year leaver's last day in 2025/26: on roll that day, and judged "left before it closed".
	const [leaver] = await handle.db
		.select({ day: pupils.leavingDate })
		.from(pupils)
		.where(
			and(
				eq(pupils.schoolId, synthetic.id),
				isNotNull(pupils.leavingDate),
				sql`${pupils.leavingDate} between '2025-09-15' and '2026-03-16'`,
				sql`extract(month from ${pupils.leavingDate}) <> 7`
			)
		)
		.orderBy(pupils.leavingDate)
		.limit(1);
	leaverDay = leaver?.day ?? '2025-12-01';
}, 600_000);

afterAll(async () => {
	await handle?.close();
});

describe(`the floor query equals the coverage grid (${testDriver()})`, () => {
	it('on the demo school, through 2025/26 and at the end of 2024/25', async () => {
		const found: string[] = [];
		for (const asOf of ['2025-11-14', '2026-02-27', '2026-02-28', TODAY])
			found.push(...(await differences(riverside, asOf, 'gatsby-2024')));
		found.push(...(await differences(riverside, '2025-08-31', 'gatsby-2014')));
		expect(found).toEqual([]);
	}, 600_000);

	it('on a synthetic school with late joiners, leavers and every kind of record', async () => {
		const found: string[] = [];
		for (const asOf of ['2025-11-14', '2026-02-27', '2026-02-28', leaverDay])
			found.push(...(await differences(synthetic, asOf, 'gatsby-2024')));
		for (const asOf of ['2025-08-31', '2024-02-28', '2024-02-29', '2023-01-16'])
			found.push(...(await differences(synthetic, asOf, 'gatsby-2014')));
		expect(found).toEqual([]);
	}, 600_000);

	it('saw every status, so the comparison was not of empty grids', () => {
		expect(seen.met).toBeGreaterThan(0);
		expect(seen.onTrack).toBeGreaterThan(0);
		expect(seen.atRisk).toBeGreaterThan(0);
		expect(seen.missed).toBeGreaterThan(0);
		expect(seen.notApplicable).toBeGreaterThan(0);
	});

	it('counts a pupil who intends higher education (not flagged) for the university visits rule', async () => {
		// The synthetic school has such pupils: the floor counts them eligible; so must the engine.
		const [row] = await handle.db
			.select({ n: sql<number>`count(*)::int` })
			.from(pupils)
			.where(
				and(
					eq(pupils.schoolId, synthetic.id),
					eq(pupils.consideringHe, false),
					isNull(pupils.leavingDate),
					sql`exists (select 1 from destinations d where d.pupil_id = ${pupils}.id
						and d.kind = 'intended' and d.nccis_code = '240')`
				)
			);
		expect(row?.n).toBeGreaterThan(0);
		const scope = await resolveScope(synthetic, { asOf: '2026-02-27' }, TODAY);
		const floor = await complianceFloor(handle.db, floorParameters(synthetic, scope));
		const figures = await complianceFigures(system, synthetic, scope);
		const he = (cells: { ruleId: string; eligible: number }[]) =>
			cells.filter((c) => c.ruleId === 'bm7-he-visits-by-18').reduce((n, c) => n + c.eligible, 0);
		expect(he(figures.cells.map((c) => ({ ruleId: c.ruleId, eligible: c.counts.eligible })))).toBe(he(floor));
	}, 600_000);
});
