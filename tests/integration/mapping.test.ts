/**
 * Mapping grids, programme aims, gap analysis and the mapping export, on the real database (PGlite, and
 * Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { closeDatabase, useDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	activities,
	activityAims,
	activityBenchmarks,
	auditEvents,
	developmentActions,
	programmeAims,
	programmes
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import {
	aimsGrid,
	benchmarkGrid,
	cellKey,
	gridTable,
	setAimMapping,
	setBenchmarkMapping
} from '../../src/lib/server/mapping/service.ts';
import { addAim, deleteAim, listAims, moveAim, renameAim } from '../../src/lib/server/mapping/aims.ts';
import { gapAnalysis, gapToAction } from '../../src/lib/server/mapping/gaps.ts';
import { toCsv } from '../../src/lib/server/exports/table.ts';

const YEAR = 2025;
const PASSWORD = 'correct horse battery staple';
const system = systemActor();
let handle: DatabaseHandle;
let riverside: School;
let hillcrest: School;
const people: Record<string, Actor> = {};
let programmeId: string;
const ids: Record<string, string> = {};

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function addActivity(
	progId: string,
	title: string,
	yearGroups: number[],
	extra: Partial<typeof activities.$inferInsert> = {}
): Promise<string> {
	const [row] = await handle.db
		.insert(activities)
		.values({ programmeId: progId, title, type: 'employer-encounter', format: 'talk', yearGroups, ...extra })
		.returning({ id: activities.id });
	return row!.id;
}

async function auditCount(action: string): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(eq(auditEvents.action, action));
	return row?.n ?? -1;
}

async function latestAudit(action: string) {
	const [row] = await handle.db
		.select()
		.from(auditEvents)
		.where(eq(auditEvents.action, action))
		.orderBy(desc(auditEvents.at))
		.limit(1);
	return row;
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137401', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137402', name: 'Hillcrest School', highestYear: '11' });
	const roles: [string, string, string][] = [
		['leader', 'careers-leader', '137401'],
		['admin', 'careers-administrator', '137401'],
		['teacher', 'teacher', '137401'],
		['governor', 'link-governor', '137401'],
		['hillcrest', 'careers-leader', '137402']
	];
	for (const [key, role, urn] of roles) {
		const email = `${key}@example.org`;
		await addPerson(system, { email, name: `${key} person`, schoolUrn: urn, roles: [role], password: PASSWORD });
		people[key] = await signedIn(email);
	}
	const [prog] = await handle.db
		.insert(programmes)
		.values({ schoolId: riverside.id, academicYear: YEAR })
		.returning({ id: programmes.id });
	programmeId = prog!.id;
	ids.fair = await addActivity(programmeId, 'Year 9 careers fair', [9], { term: 'spring', halfTerm: 3 });
	ids.talk = await addActivity(programmeId, 'Assembly: =HYPERLINK("x") talk', [7, 8], { term: 'autumn', halfTerm: 1 });
	ids.placement = await addActivity(programmeId, 'Work placement', [10, 12], { term: 'summer' });
	const [hprog] = await handle.db
		.insert(programmes)
		.values({ schoolId: hillcrest.id, academicYear: YEAR })
		.returning({ id: programmes.id });
	ids.hillcrestActivity = await addActivity(hprog!.id, 'Hillcrest visit', [10]);
});

afterAll(async () => {
	await closeDatabase();
});

describe('benchmark mapping', () => {
	it('lists activities as columns in term order and the eight benchmarks as rows', async () => {
		const grid = await benchmarkGrid(people.teacher!, riverside, YEAR);
		expect(grid.columns.map((c) => c.title)).toEqual([
			'Assembly: =HYPERLINK("x") talk',
			'Year 9 careers fair',
			'Work placement'
		]);
		expect(grid.columns[0]!.detail).toBe('Years 7, 8 · Autumn 1');
		expect(grid.rows.map((r) => r.name)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `Benchmark ${n}`));
		expect(grid.rows[4]!.label).toBe('5. Encounters with employers and employees');
		expect(grid.rows[4]!.note).toBe('No activity for any year group');
		expect(grid.mapped).toEqual([]);
	});

	it('ticks a cell, audited with a readable summary, and ticking it again changes nothing', async () => {
		const before = await auditCount('mapping.changed');
		const first = await setBenchmarkMapping(people.leader!, riverside, ids.fair!, 5, true, 'req-1');
		expect(first.changed).toBe(true);
		expect(first.summary).toMatch(/^Year 9 careers fair mapped to Benchmark 5/);
		expect(await auditCount('mapping.changed')).toBe(before + 1);
		const event = await latestAudit('mapping.changed');
		expect(event?.summary).toBe(first.summary);
		expect(event?.organisationId).toBe(riverside.id);
		expect(event?.requestId).toBe('req-1');

		const again = await setBenchmarkMapping(people.leader!, riverside, ids.fair!, 5, true);
		expect(again.changed).toBe(false);
		expect(await auditCount('mapping.changed')).toBe(before + 1);

		const grid = await benchmarkGrid(people.governor!, riverside, YEAR);
		expect(grid.mapped).toEqual([cellKey('5', ids.fair!)]);
		expect(grid.rows[4]!.note).toBe('No activity for Years 7, 8, 10, 11, 12, 13');
	});

	it('clears a cell, and clearing it again changes nothing', async () => {
		await setBenchmarkMapping(people.admin!, riverside, ids.placement!, 6, true);
		const before = await auditCount('mapping.changed');
		const off = await setBenchmarkMapping(people.admin!, riverside, ids.placement!, '6', false);
		expect(off.changed).toBe(true);
		expect(off.summary).toMatch(/^Work placement no longer mapped to Benchmark 6/);
		expect((await setBenchmarkMapping(people.admin!, riverside, ids.placement!, 6, false)).changed).toBe(false);
		expect(await auditCount('mapping.changed')).toBe(before + 1);
		const rows = await handle.db
			.select()
			.from(activityBenchmarks)
			.where(eq(activityBenchmarks.activityId, ids.placement!));
		expect(rows).toEqual([]);
	});

	it('lets the careers administrator tick cells but not a teacher or a governor', async () => {
		expect((await setBenchmarkMapping(people.admin!, riverside, ids.talk!, 1, true)).changed).toBe(true);
		await expect(setBenchmarkMapping(people.teacher!, riverside, ids.talk!, 2, true)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(setBenchmarkMapping(people.governor!, riverside, ids.talk!, 2, true)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		const rows = await handle.db
			.select()
			.from(activityBenchmarks)
			.where(and(eq(activityBenchmarks.activityId, ids.talk!), eq(activityBenchmarks.benchmark, 2)));
		expect(rows).toEqual([]);
	});

	it('treats another school’s activity, or a made-up one, as not found', async () => {
		await expect(
			setBenchmarkMapping(people.leader!, riverside, ids.hillcrestActivity!, 5, true)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(setBenchmarkMapping(people.leader!, riverside, 'not-an-id', 5, true)).rejects.toBeInstanceOf(
			NotFoundError
		);
		// Someone from another school is not in Riverside at all.
		await expect(setBenchmarkMapping(people.hillcrest!, riverside, ids.fair!, 5, true)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('refuses a benchmark outside 1–8 and writes nothing', async () => {
		const before = await auditCount('mapping.changed');
		for (const bad of [0, 9, 2.5, 'five']) {
			await expect(setBenchmarkMapping(people.leader!, riverside, ids.fair!, bad, true)).rejects.toBeInstanceOf(
				ValidationError
			);
		}
		expect(await auditCount('mapping.changed')).toBe(before);
	});
});

describe('programme aims and the aims grid', () => {
	it('adds aims and sub-aims in order, making the programme when there is none', async () => {
		const leadership = await addAim(people.leader!, riverside, {
			academicYear: YEAR,
			title: 'Develop leadership skills'
		});
		ids.leadership = leadership.id;
		ids.pathways = (await addAim(people.leader!, riverside, { academicYear: YEAR, title: 'Explore pathways' })).id;
		ids.knowledge = (
			await addAim(people.leader!, riverside, {
				academicYear: YEAR,
				title: 'knowledge & skills',
				parentId: leadership.id
			})
		).id;
		ids.networks = (
			await addAim(people.leader!, riverside, {
				academicYear: YEAR,
				title: 'professional networks',
				parentId: leadership.id
			})
		).id;
		const aims = await listAims(people.teacher!, riverside, YEAR);
		expect(aims.map((a) => [a.title, a.subAims.map((s) => s.title)])).toEqual([
			['Develop leadership skills', ['knowledge & skills', 'professional networks']],
			['Explore pathways', []]
		]);
		// A year with no programme yet gets one.
		await addAim(people.leader!, riverside, { academicYear: YEAR + 1, title: 'Next year’s aim' });
		expect((await listAims(people.leader!, riverside, YEAR + 1)).map((a) => a.title)).toEqual(['Next year’s aim']);
		expect(await auditCount('aim.created')).toBe(5);
	});

	it('refuses an empty aim, a sub-aim of a sub-aim, and anyone without programme.manage', async () => {
		await expect(addAim(people.leader!, riverside, { academicYear: YEAR, title: '  ' })).rejects.toBeInstanceOf(
			ValidationError
		);
		await expect(
			addAim(people.leader!, riverside, { academicYear: YEAR, title: 'deeper', parentId: ids.knowledge })
		).rejects.toBeInstanceOf(ValidationError);
		await expect(addAim(people.admin!, riverside, { academicYear: YEAR, title: 'x' })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(renameAim(people.hillcrest!, hillcrest, ids.leadership!, 'x')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('renames and reorders aims', async () => {
		await renameAim(people.leader!, riverside, ids.pathways!, 'Explore academic and vocational pathways');
		await moveAim(people.leader!, riverside, ids.pathways!, 'up');
		await moveAim(people.leader!, riverside, ids.networks!, 'up');
		await moveAim(people.leader!, riverside, ids.networks!, 'up'); // already first: nothing happens
		const aims = await listAims(people.leader!, riverside, YEAR);
		expect(aims.map((a) => [a.title, a.subAims.map((s) => s.title)])).toEqual([
			['Explore academic and vocational pathways', []],
			['Develop leadership skills', ['professional networks', 'knowledge & skills']]
		]);
	});

	it('maps activities to aims, with sub-aims as their own rows', async () => {
		expect((await setAimMapping(people.admin!, riverside, ids.fair!, ids.networks!, true)).summary).toBe(
			'Year 9 careers fair mapped to the aim "professional networks"'
		);
		await setAimMapping(people.admin!, riverside, ids.talk!, ids.leadership!, true);
		await setAimMapping(people.admin!, riverside, ids.talk!, ids.pathways!, true);
		expect((await setAimMapping(people.admin!, riverside, ids.talk!, ids.pathways!, true)).changed).toBe(false);
		const grid = await aimsGrid(people.governor!, riverside, YEAR);
		expect(grid.rows.map((r) => [r.label, r.level])).toEqual([
			['Explore academic and vocational pathways', 0],
			['Develop leadership skills', 0],
			['professional networks', 1],
			['knowledge & skills', 1]
		]);
		expect(grid.rows[2]!.name).toBe('Develop leadership skills: professional networks');
		expect(new Set(grid.mapped)).toEqual(
			new Set([
				cellKey(ids.networks!, ids.fair!),
				cellKey(ids.leadership!, ids.talk!),
				cellKey(ids.pathways!, ids.talk!)
			])
		);
		await expect(setAimMapping(people.teacher!, riverside, ids.fair!, ids.pathways!, true)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		// An aim of another year's programme is not this activity's aim.
		const [other] = await listAims(people.leader!, riverside, YEAR + 1);
		await expect(setAimMapping(people.leader!, riverside, ids.fair!, other!.id, true)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('deleting an aim deletes its sub-aims and their ✓ cells in one go, audited', async () => {
		await deleteAim(people.leader!, riverside, ids.leadership!, 'req-del');
		const left = await handle.db
			.select({ id: programmeAims.id })
			.from(programmeAims)
			.where(eq(programmeAims.programmeId, programmeId));
		expect(left.map((r) => r.id)).toEqual([ids.pathways]);
		const cells = await handle.db.select().from(activityAims);
		expect(cells).toEqual([{ activityId: ids.talk, aimId: ids.pathways }]);
		const event = await latestAudit('aim.deleted');
		expect(event?.summary).toBe('Programme aim "Develop leadership skills" deleted with its 2 sub-aims');
		expect(event?.requestId).toBe('req-del');
		await expect(deleteAim(people.leader!, riverside, ids.leadership!)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('export', () => {
	it('gives the same rows and columns as the screen, ✓ in mapped cells, formulas neutralised', async () => {
		const grid = await benchmarkGrid(people.teacher!, riverside, YEAR);
		const csv = toCsv({ sheetName: 'Benchmark mapping', ...gridTable(grid) });
		const lines = csv
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines).toHaveLength(9);
		expect(lines[0]).toBe('Gatsby Benchmark,"Assembly: =HYPERLINK(""x"") talk",Year 9 careers fair,Work placement');
		expect(lines[1]).toBe('1. A stable careers programme,✓,,');
		expect(lines[5]).toBe('5. Encounters with employers and employees,,✓,');
	});

	it('neutralises a title that starts like a formula', async () => {
		const id = await addActivity(programmeId, '=1+2', [11]);
		const grid = await aimsGrid(people.teacher!, riverside, YEAR);
		const csv = toCsv({ sheetName: 'Aims mapping', ...gridTable(grid) });
		expect(csv.split('\r\n')[0]).toContain(",'=1+2");
		await handle.db.delete(activities).where(eq(activities.id, id));
	});
});

describe('gaps', () => {
	it('lists benchmark × year group cells with nothing planned, and turns one into a plan action once', async () => {
		const analysis = await gapAnalysis(people.governor!, riverside, YEAR);
		expect(analysis.yearGroups).toEqual([7, 8, 9, 10, 11, 12, 13]);
		const bm5 = analysis.cells.filter((c) => c.benchmark === 5);
		expect(bm5.map((c) => c.planned)).toEqual([0, 0, 1, 0, 0, 0, 0]);
		expect(analysis.gaps).toContainEqual({ benchmark: 6, yearGroup: 10, planned: 0, actionId: null });
		expect(analysis.gaps).not.toContainEqual(expect.objectContaining({ benchmark: 5, yearGroup: 9 }));

		await expect(
			gapToAction(people.admin!, riverside, { academicYear: YEAR, benchmark: 6, yearGroup: 10 })
		).rejects.toBeInstanceOf(ForbiddenError);
		const made = await gapToAction(people.leader!, riverside, { academicYear: YEAR, benchmark: 6, yearGroup: 10 });
		expect(made.created).toBe(true);
		expect(made.title).toBe('Plan a Benchmark 6 (Experiences of workplaces) activity for Year 10');
		const [action] = await handle.db.select().from(developmentActions).where(eq(developmentActions.id, made.actionId));
		expect(action).toMatchObject({ academicYear: YEAR, benchmarks: [6], gapBenchmark: 6, gapYearGroup: 10 });

		const again = await gapToAction(people.leader!, riverside, { academicYear: YEAR, benchmark: 6, yearGroup: 10 });
		expect(again).toEqual({ actionId: made.actionId, created: false, title: made.title });
		const after = await gapAnalysis(people.leader!, riverside, YEAR);
		expect(after.gaps).toContainEqual({ benchmark: 6, yearGroup: 10, planned: 0, actionId: made.actionId });

		await expect(
			gapToAction(people.hillcrest!, hillcrest, { academicYear: YEAR, benchmark: 6, yearGroup: 12 })
		).rejects.toBeInstanceOf(ValidationError); // Hillcrest stops at Year 11
	});
});
