/**
 * Coverage figures are judged once and reused until something they are judged from changes (the data
 * version, counted by triggers in migration 0006). After each kind of write — attendance, an activity,
 * a pupil, a guidance meeting, a destination — the figures are judged again and equal the floor (the
 * same grid from one SQL query over the database as it now is). PGlite by default, PostgreSQL when
 * DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase, type DatabaseHandle } from '../support/database.ts';
import { useDatabase } from '../../src/lib/server/db/client.ts';
import {
	attendance,
	deliveredActivities,
	destinations,
	guidanceMeetings,
	organisations,
	pupils
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor } from '../../src/lib/server/access/actor.ts';
import { schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import { createDemo } from '../../src/lib/server/demo/index.ts';
import {
	complianceFigures,
	judgeFiguresAhead,
	judgeFiguresAheadSoon,
	resolveScope,
	schoolCompliance,
	type ComplianceScope
} from '../../src/lib/server/compliance/service.ts';
import {
	cachedFigures,
	complianceCacheKey,
	dataVersion,
	forgetCompliance
} from '../../src/lib/server/compliance/cache.ts';
import { complianceFloor, floorParameters } from '../../src/lib/server/compliance/floor.ts';

const TODAY = '2026-03-16';
const system = systemActor('Cache test');

let handle: DatabaseHandle;
let riverside: School;
let scope: ComplianceScope;

/** The engine's grid and the floor's, as comparable strings per cell. */
async function engineAndFloor(): Promise<{ engine: string[]; floor: string[] }> {
	const figures = await complianceFigures(system, riverside, scope);
	const floor = await complianceFloor(handle.db, floorParameters(riverside, scope));
	return {
		engine: figures.cells.map(
			(c) =>
				`${c.ruleId}/${c.yearGroup}: ${c.counts.eligible} ${c.counts.met} ${c.counts.onTrack} ${c.counts.atRisk} ${c.counts.missed}`
		),
		floor: floor.map((c) => `${c.ruleId}/${c.yearGroup}: ${c.eligible} ${c.met} ${c.onTrack} ${c.atRisk} ${c.missed}`)
	};
}

beforeAll(async () => {
	handle = await freshDatabase();
	useDatabase(handle);
	await createDemo(handle.db, { today: TODAY });
	riverside = await schoolForActor(system, '999001', 'compliance.view');
	scope = await resolveScope(riverside, {}, TODAY);
});

afterAll(async () => {
	await handle?.close();
});

describe('cached coverage figures', () => {
	it('reuses the judged school while nothing has changed, even across pages of figures', async () => {
		const first = await schoolCompliance(system, riverside, scope);
		expect(first.pupils.length).toBeGreaterThan(500);
		expect(await schoolCompliance(system, riverside, scope)).toBe(first);
		// Another date is another judgement.
		const earlier = await resolveScope(riverside, { asOf: '2025-12-01' }, TODAY);
		expect(await schoolCompliance(system, riverside, earlier)).not.toBe(first);
	});

	it('judges again after each kind of write, and the figures then equal the floor', async () => {
		const year8 = await handle.db
			.select({ id: pupils.id })
			.from(pupils)
			.where(and(eq(pupils.schoolId, riverside.id), eq(pupils.enteredYear7, scope.academicYear - 1)))
			.limit(3);
		const year12 = await handle.db
			.select({ id: pupils.id })
			.from(pupils)
			.where(and(eq(pupils.schoolId, riverside.id), eq(pupils.enteredYear7, scope.academicYear - 5)))
			.limit(1);
		const [activity] = await handle.db
			.select({ id: deliveredActivities.id })
			.from(deliveredActivities)
			.where(and(eq(deliveredActivities.schoolId, riverside.id), eq(deliveredActivities.type, 'employer-encounter')))
			.orderBy(sql`${deliveredActivities.date} desc`)
			.limit(1);
		expect(year8.length).toBe(3);
		expect(year12.length).toBe(1);
		expect(activity).toBeDefined();

		const writes: [string, () => Promise<unknown>][] = [
			['attendance removed', () => handle.db.delete(attendance).where(eq(attendance.pupilId, year8[0]!.id))],
			[
				'a pupil leaves',
				() => handle.db.update(pupils).set({ leavingDate: '2026-01-10' }).where(eq(pupils.id, year8[1]!.id))
			],
			[
				'guidance meetings removed',
				() => handle.db.delete(guidanceMeetings).where(eq(guidanceMeetings.schoolId, riverside.id))
			],
			[
				'an intended destination in higher education',
				() =>
					handle.db
						.insert(destinations)
						.values({
							schoolId: riverside.id,
							pupilId: year12[0]!.id,
							kind: 'intended',
							academicYear: scope.academicYear,
							nccisCode: '240',
							recordedOn: TODAY,
							source: 'pupil'
						})
						.onConflictDoUpdate({
							target: [destinations.pupilId, destinations.kind, destinations.academicYear],
							set: { nccisCode: '240' }
						})
			],
			[
				'an activity deleted',
				() => handle.db.delete(deliveredActivities).where(eq(deliveredActivities.id, activity!.id))
			]
		];
		let before = await schoolCompliance(system, riverside, scope);
		let version = await dataVersion(riverside.id);
		for (const [what, write] of writes) {
			await write();
			const nextVersion = await dataVersion(riverside.id);
			expect(nextVersion, what).toBeGreaterThan(version);
			const after = await schoolCompliance(system, riverside, scope);
			expect(after, what).not.toBe(before);
			const { engine, floor } = await engineAndFloor();
			expect(engine, what).toEqual(floor);
			before = after;
			version = nextVersion;
		}
		// The pupil who left before the as-of date is no longer on roll.
		expect(before.pupils.some((p) => p.id === year8[1]!.id)).toBe(false);
	});

	it('judges every school ahead, then only those whose records or settings changed', async () => {
		forgetCompliance();
		const hillcrest = await schoolForActor(system, '999002', 'compliance.view');
		const keyOf = async (school: School) => complianceCacheKey(school, await resolveScope(school, {}, TODAY));
		// As the server starts: both demo schools, before anyone has looked.
		expect(await judgeFiguresAhead(TODAY)).toBe(2);
		const ready = cachedFigures(await keyOf(riverside), await dataVersion(riverside.id));
		expect(ready).toBeDefined();
		expect(cachedFigures(await keyOf(hillcrest), await dataVersion(hillcrest.id))).toBeDefined();
		// The first view is the figures judged ahead.
		expect(await complianceFigures(system, riverside, scope)).toBe(ready);
		expect(await judgeFiguresAhead(TODAY)).toBe(0); // nothing changed since

		// A pupil leaves: only Riverside is judged again, and its next view is those figures, and right.
		const [pupil] = await handle.db
			.select({ id: pupils.id })
			.from(pupils)
			.where(and(eq(pupils.schoolId, riverside.id), eq(pupils.enteredYear7, scope.academicYear - 2)))
			.limit(1);
		await handle.db.update(pupils).set({ leavingDate: '2026-02-02' }).where(eq(pupils.id, pupil!.id));
		expect(cachedFigures(await keyOf(riverside), await dataVersion(riverside.id))).toBeUndefined();
		expect(await judgeFiguresAhead(TODAY)).toBe(1);
		const refreshed = cachedFigures(await keyOf(riverside), await dataVersion(riverside.id));
		expect(refreshed).toBeDefined();
		expect(refreshed).not.toBe(ready);
		expect(await complianceFigures(system, riverside, scope)).toBe(refreshed);
		const { engine, floor } = await engineAndFloor();
		expect(engine).toEqual(floor);

		// Hillcrest changes a setting the rules read (no records written): judged under the new setting.
		const weeks = hillcrest.atRiskWeeks === 4 ? 5 : 4;
		await handle.db.update(organisations).set({ atRiskWeeks: weeks }).where(eq(organisations.id, hillcrest.id));
		expect(await judgeFiguresAhead(TODAY)).toBe(1);
		const changed = { ...hillcrest, atRiskWeeks: weeks };
		expect(cachedFigures(await keyOf(changed), await dataVersion(hillcrest.id))).toBeDefined();
		expect(await judgeFiguresAhead(TODAY)).toBe(0);
	});

	it('judges ahead at once when asked after a change, however many ask while it runs', async () => {
		forgetCompliance();
		const key = complianceCacheKey(riverside, scope);
		const asked = [judgeFiguresAheadSoon(TODAY), judgeFiguresAheadSoon(TODAY), judgeFiguresAheadSoon(TODAY)];
		await Promise.all(asked);
		const before = cachedFigures(key, await dataVersion(riverside.id));
		expect(before).toBeDefined();
		const [pupil] = await handle.db
			.select({ id: pupils.id })
			.from(pupils)
			.where(and(eq(pupils.schoolId, riverside.id), eq(pupils.enteredYear7, scope.academicYear - 3)))
			.limit(1);
		await handle.db.update(pupils).set({ leavingDate: '2026-01-09' }).where(eq(pupils.id, pupil!.id));
		await judgeFiguresAheadSoon(TODAY);
		const after = cachedFigures(key, await dataVersion(riverside.id));
		expect(after).toBeDefined();
		expect(after).not.toBe(before);
		expect(after!.pupilCount).toBe(before!.pupilCount - 1);
	});

	it('judges a school once when two people ask for its figures at the same moment', async () => {
		forgetCompliance();
		const [one, other] = await Promise.all([
			schoolCompliance(system, riverside, scope),
			schoolCompliance(system, riverside, scope)
		]);
		expect(other).toBe(one);
	});

	it('judges again when the school changes a setting the rules read, without any data written', async () => {
		const before = await schoolCompliance(system, riverside, scope);
		const changed = { ...riverside, atRiskWeeks: riverside.atRiskWeeks === 4 ? 5 : 4 };
		const after = await schoolCompliance(system, changed, scope);
		expect(after).not.toBe(before);
		expect(after.school.atRiskWeeks).toBe(changed.atRiskWeeks);
	});
});
