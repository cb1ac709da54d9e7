/**
 * The demo's careers programme and leadership (issue 3), written by createDemo in its one transaction:
 * PGlite by default, PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { freshDatabase, testDriver, type DatabaseHandle } from '../support/database.ts';
import { useDatabase, type Db } from '../../src/lib/server/db/client.ts';
import { createDemo, type DemoSummary } from '../../src/lib/server/demo/index.ts';
import { DEMO_PROGRAMME_GAPS } from '../../src/lib/server/demo/programme.ts';
import { publicCareersPage } from '../../src/lib/server/careers-information/service.ts';
import { academicYearStart } from '../../src/lib/domain/academic-year.ts';
import { LEADERSHIP_TASKS } from '../../src/lib/domain/leadership.ts';
import {
	activities,
	activityAims,
	activityBenchmarks,
	careersInformation,
	conditionRatings,
	cpdRecords,
	developmentActions,
	leadershipModels,
	leadershipTaskAssignments,
	programmes
} from '../../src/lib/server/db/schema/index.ts';

const TODAY = '2026-03-16';
const CURRENT = academicYearStart(TODAY);

let handle: DatabaseHandle;
let db: Db;
let summary: DemoSummary;

function schoolId(name: string): string {
	const school = summary.schools.find((s) => s.name === name);
	if (!school) throw new Error(`No school ${name}`);
	return school.id;
}

/** Benchmark × year group cells with at least one activity, as "B5Y10", for one school's year. */
async function coveredCells(id: string, year: number): Promise<Set<string>> {
	const rows = await db
		.select({ benchmark: activityBenchmarks.benchmark, yearGroups: activities.yearGroups })
		.from(activityBenchmarks)
		.innerJoin(activities, eq(activities.id, activityBenchmarks.activityId))
		.innerJoin(programmes, eq(programmes.id, activities.programmeId))
		.where(and(eq(programmes.schoolId, id), eq(programmes.academicYear, year)));
	return new Set(rows.flatMap((r) => r.yearGroups.map((y) => `B${r.benchmark}Y${y}`)));
}

async function activityTitles(): Promise<string[]> {
	const rows = await db
		.select({ title: activities.title, year: programmes.academicYear, urn: sql<string>`o.urn` })
		.from(activities)
		.innerJoin(programmes, eq(programmes.id, activities.programmeId))
		.innerJoin(sql`organisations o`, sql`o.id = ${programmes.schoolId}`)
		.orderBy(sql`o.urn`, asc(programmes.academicYear), asc(activities.title));
	return rows.map((r) => `${r.urn} ${r.year} ${r.title}`);
}

describe(`demo careers programme and leadership (${testDriver()})`, () => {
	beforeAll(async () => {
		handle = await freshDatabase();
		useDatabase(handle);
		db = handle.db;
		const started = performance.now();
		summary = await createDemo(db, { today: TODAY });
		console.info(`createDemo with the programme on ${testDriver()}: ${Math.round(performance.now() - started)} ms`);
	});

	afterAll(async () => {
		await handle?.close();
	});

	it('gives Riverside a programme for this year and last year, 40 to 60 activities each', async () => {
		const rows = await db
			.select({ year: programmes.academicYear, n: sql<number>`count(${activities.id})::int` })
			.from(programmes)
			.leftJoin(activities, eq(activities.programmeId, programmes.id))
			.where(eq(programmes.schoolId, schoolId('Riverside Academy')))
			.groupBy(programmes.academicYear)
			.orderBy(programmes.academicYear);
		expect(rows.map((r) => r.year)).toEqual([CURRENT - 1, CURRENT]);
		for (const row of rows) {
			expect(row.n).toBeGreaterThanOrEqual(40);
			expect(row.n).toBeLessThanOrEqual(60);
		}
		const hillcrest = await db
			.select({ year: programmes.academicYear })
			.from(programmes)
			.where(eq(programmes.schoolId, schoolId('Hillcrest School')))
			.orderBy(programmes.academicYear);
		expect(hillcrest.map((r) => r.year)).toEqual([CURRENT - 1, CURRENT]);
	});

	it('covers all eight benchmarks this year at Riverside, leaving exactly the deliberate gaps', async () => {
		const covered = await coveredCells(schoolId('Riverside Academy'), CURRENT);
		for (let b = 1; b <= 8; b++)
			expect(
				[...covered].some((c) => c.startsWith(`B${b}Y`)),
				`Benchmark ${b}`
			).toBe(true);
		const gaps: string[] = [];
		for (let b = 1; b <= 8; b++) for (let y = 7; y <= 13; y++) if (!covered.has(`B${b}Y${y}`)) gaps.push(`B${b}Y${y}`);
		const deliberate = DEMO_PROGRAMME_GAPS.filter((g) => g.school === 'riverside')
			.map((g) => `B${g.benchmark}Y${g.yearGroup}`)
			.sort();
		expect(gaps.sort()).toEqual(deliberate);
		expect(deliberate).toEqual(['B2Y13', 'B6Y12']);
	});

	it('copies some of this year’s activities from last year’s, and maps activities to aims', async () => {
		const copied = await db
			.select({
				title: activities.title,
				sourceTitle: sql<string>`src.title`,
				sourceYear: sql<number>`sp.academic_year`
			})
			.from(activities)
			.innerJoin(programmes, eq(programmes.id, activities.programmeId))
			.innerJoin(sql`activities src`, sql`src.id = ${activities.copiedFromId}`)
			.innerJoin(sql`programmes sp`, sql`sp.id = src.programme_id`)
			.where(and(eq(programmes.schoolId, schoolId('Riverside Academy')), eq(programmes.academicYear, CURRENT)));
		expect(copied.length).toBeGreaterThan(10);
		for (const c of copied) {
			expect(c.sourceTitle).toBe(c.title);
			expect(Number(c.sourceYear)).toBe(CURRENT - 1);
		}
		const [aims] = await db.select({ n: sql<number>`count(*)::int` }).from(activityAims);
		expect(aims?.n).toBeGreaterThan(100);
	});

	it('has a development plan with one overdue action, the model, tasks, ratings and CPD', async () => {
		const riverside = schoolId('Riverside Academy');
		const actions = await db.select().from(developmentActions).where(eq(developmentActions.schoolId, riverside));
		expect(actions.length).toBe(8);
		expect(new Set(actions.map((a) => a.status))).toEqual(new Set(['not-started', 'in-progress', 'done']));
		expect(actions.filter((a) => a.status !== 'done' && a.dueDate !== null && a.dueDate < TODAY)).toHaveLength(1);
		const [model] = await db.select().from(leadershipModels).where(eq(leadershipModels.schoolId, riverside));
		expect(model?.modelId).toBe('middle-leader-with-senior-support');
		const tasks = await db
			.select()
			.from(leadershipTaskAssignments)
			.where(eq(leadershipTaskAssignments.schoolId, riverside));
		const unassigned = LEADERSHIP_TASKS.length - tasks.length;
		expect(unassigned).toBeGreaterThanOrEqual(2);
		expect(unassigned).toBeLessThanOrEqual(3);
		const ratings = await db.select().from(conditionRatings).where(eq(conditionRatings.schoolId, riverside));
		expect(ratings).toHaveLength(3);
		const cpd = await db.select().from(cpdRecords).where(eq(cpdRecords.schoolId, riverside));
		expect(cpd.map((c) => c.title)).toContain('Level 6 Certificate in Careers Leadership');
		expect(new Set(cpd.map((c) => c.kind))).toEqual(
			new Set(['qualification', 'short-course', 'community-of-practice'])
		);
	});

	it('publishes Riverside’s careers information and not Hillcrest’s', async () => {
		const riverside = await publicCareersPage('999001', TODAY);
		expect(riverside?.school.name).toBe('Riverside Academy');
		expect(riverside?.careersLeader?.name).toBe('Hannah Okafor');
		expect(riverside?.nextReviewDate && riverside.nextReviewDate > TODAY).toBe(true);
		expect(riverside?.programme.find((y) => y.yearGroup === 10)?.terms.length).toBeGreaterThan(0);
		expect(await publicCareersPage('999002', TODAY)).toBeNull();
		const [hillcrest] = await db
			.select()
			.from(careersInformation)
			.where(eq(careersInformation.schoolId, schoolId('Hillcrest School')));
		expect(hillcrest?.publishedAt).toBeNull();
		expect(hillcrest?.careersLeaderPhone).toBeNull();
	});

	it('creates the same activity titles again when the demo is refreshed, with nothing left behind', async () => {
		const before = await activityTitles();
		const started = performance.now();
		summary = await createDemo(db, { today: TODAY });
		console.info(`createDemo refresh on ${testDriver()}: ${Math.round(performance.now() - started)} ms`);
		expect(await activityTitles()).toEqual(before);
		const [counts] = await db
			.select({
				programmes: sql<number>`(select count(*)::int from programmes)`,
				information: sql<number>`(select count(*)::int from careers_information)`,
				tasks: sql<number>`(select count(*)::int from leadership_task_assignments)`
			})
			.from(sql`(select 1) as one`);
		expect(counts).toEqual({ programmes: 4, information: 2, tasks: 34 });
	});
});
