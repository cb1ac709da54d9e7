/**
 * The trust's view of who has had what: each school's figures through the group (figures only), one
 * school's rule × year grid, schools judged under different frameworks, and nothing about pupils for
 * the trust lead — on the demo trust, on PGlite and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase, testDriver } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { frameworkOverrides, pupils } from '../../src/lib/server/db/schema/index.ts';
import { ForbiddenError, NotFoundError, systemActor, type Actor } from '../../src/lib/server/access/actor.ts';
import {
	addSchool,
	groupForActor,
	schoolForActor,
	type Group,
	type School
} from '../../src/lib/server/schools/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { createDemo, DEMO_PASSWORD, type DemoSummary } from '../../src/lib/server/demo/index.ts';
import {
	complianceFigures,
	compliancePupils,
	pupilCompliance,
	resolveScope
} from '../../src/lib/server/compliance/service.ts';
import { trustCoverage, trustSchoolGrid } from '../../src/lib/server/reports/governors.ts';

const TODAY = '2026-03-16';
const system = systemActor();

let handle: DatabaseHandle;
let demo: DemoSummary;
let trustLead: Actor;
let governor: Actor;
let leader: Actor;
let group: Group;
let riverside: School;
let hillcrest: School;
let outside: School;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, DEMO_PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (e) {
		return e;
	}
	return undefined;
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	demo = await createDemo(handle.db, { today: TODAY });
	outside = await addSchool(system, { urn: '137902', name: 'Outside School' });
	trustLead = await signedIn('trust.lead@demo.waymark.school');
	governor = await signedIn('governor@demo.waymark.school');
	leader = await signedIn('careers.leader@demo.waymark.school');
	group = await groupForActor(trustLead, demo.trust.id);
	riverside = await schoolForActor(system, '999001', 'school.view');
	hillcrest = await schoolForActor(system, '999002', 'school.view');
	// Hillcrest keeps the 2014 benchmarks this year: the trust's schools are judged differently.
	await handle.db.insert(frameworkOverrides).values({
		schoolId: hillcrest.id,
		academicYear: 2025,
		frameworkId: 'gatsby-2014',
		reason: 'Moving to the 2024 benchmarks next year'
	});
}, 120_000);

afterAll(async () => {
	await closeDatabase();
});

describe(`the trust's coverage overview (${testDriver()})`, () => {
	it('gives the trust lead each school × each rule, the same counts as the school sees, and no pupil', async () => {
		const coverage = await trustCoverage(trustLead, group, {}, TODAY);
		expect(coverage.yearName).toBe('2025/26');
		expect(coverage.asOf).toBe(TODAY);
		expect(coverage.schools.map((s) => s.school.urn)).toEqual(['999002', '999001']);
		const river = coverage.schools.find((s) => s.school.urn === '999001')!;
		const hill = coverage.schools.find((s) => s.school.urn === '999002')!;
		expect(river.framework.id).toBe('gatsby-2024');
		expect(hill.framework.id).toBe('gatsby-2014');
		// The union of both frameworks' rules; each school blank on the other's Benchmark 2 rule.
		const ids = coverage.rules.map((r) => r.id);
		expect(ids).toContain('bm2-lmi-by-14');
		expect(ids).toContain('bm2-lmi-each-key-stage');
		expect(river.totals['bm2-lmi-by-14']).toBeUndefined();
		expect(hill.totals['bm2-lmi-each-key-stage']).toBeUndefined();

		const scope = await resolveScope(riverside, {}, TODAY);
		const own = await complianceFigures(leader, riverside, scope);
		expect(river.pupilCount).toBe(own.pupilCount);
		for (const t of own.totals)
			expect([river.totals[t.ruleId]?.met, river.totals[t.ruleId]?.eligible]).toEqual([
				t.counts.met,
				t.counts.eligible
			]);

		const names = await handle.db
			.select({ upn: pupils.upn, forename: pupils.legalForename, surname: pupils.legalSurname })
			.from(pupils);
		const text = JSON.stringify(coverage);
		expect(names.filter((p) => text.includes(p.upn) || text.includes(`${p.forename} ${p.surname}`))).toEqual([]);
	});

	it('gives one school’s rule × year grid for a school in the group, not found for one outside it', async () => {
		const grid = await trustSchoolGrid(trustLead, group, '999001', {}, TODAY);
		expect(grid.school.name).toBe('Riverside Academy');
		expect(grid.yearGroups).toEqual([7, 8, 9, 10, 11, 12, 13]);
		const scope = await resolveScope(riverside, {}, TODAY);
		const own = await complianceFigures(leader, riverside, scope);
		for (const cell of own.cells) {
			const row = grid.coverage.find((r) => r.ruleId === cell.ruleId)!;
			expect(row.cells.find((c) => c.yearGroup === cell.yearGroup)?.met).toBe(cell.counts.met);
		}
		const hill = await trustSchoolGrid(trustLead, group, '999002', {}, TODAY);
		expect(hill.framework.id).toBe('gatsby-2014');
		expect(await refusal(trustSchoolGrid(trustLead, group, '137902', {}, TODAY))).toBeInstanceOf(NotFoundError);
		expect(await refusal(trustSchoolGrid(trustLead, group, 'nonsense', {}, TODAY))).toBeInstanceOf(NotFoundError);
		// Through the group, figures for a school outside it are not found either.
		const outsideScope = await resolveScope(outside, {}, TODAY);
		expect(await refusal(complianceFigures(trustLead, outside, outsideScope, undefined, group))).toBeInstanceOf(
			NotFoundError
		);
	});

	it('never lets the trust lead list or open pupils, and keeps the trust view from school staff', async () => {
		const scope = await resolveScope(riverside, {}, TODAY);
		const listing = await refusal(compliancePupils(trustLead, riverside, scope, 'trust overview'));
		expect(listing instanceof NotFoundError || listing instanceof ForbiddenError).toBe(true);
		const [pupil] = await handle.db.select({ id: pupils.id }).from(pupils).where(eq(pupils.schoolId, riverside.id));
		const one = await refusal(pupilCompliance(trustLead, riverside, pupil!.id, scope));
		expect(one instanceof NotFoundError || one instanceof ForbiddenError).toBe(true);
		// Figures without the group: the trust lead holds no role in the school itself.
		expect(await refusal(complianceFigures(trustLead, riverside, scope))).toBeInstanceOf(NotFoundError);
		// School staff are not leads of the trust.
		expect(await refusal(trustCoverage(governor, group, {}, TODAY))).toBeInstanceOf(NotFoundError);
		expect(await refusal(trustSchoolGrid(leader, group, '999001', {}, TODAY))).toBeInstanceOf(NotFoundError);
	});

	it('checks the year and date asked for', async () => {
		const error = await refusal(trustCoverage(trustLead, group, { year: 'next year' }, TODAY));
		expect(error).toMatchObject({ errors: [{ field: 'year' }] });
		const later = await trustCoverage(trustLead, group, { year: '2025/26', asOf: '2025-12-31' }, TODAY);
		expect(later.asOf).toBe('2025-12-31');
		expect(later.schools.every((s) => s.asOf === '2025-12-31')).toBe(true);
	});
});
