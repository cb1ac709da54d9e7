/**
 * The demo school's coverage story (issue 5), read through the compliance engine as a careers leader
 * would on 23 November 2026: a school doing reasonably well, with deliberate gaps the dashboards find —
 * Pupil Premium pupils behind on employer encounters, a Year 9 cohort short of provider access phase 1,
 * Level 4 guidance that does not count, workplace visits without an employer's task — and two submitted
 * self-evaluations, the later one scoring higher. PGlite by default, PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { freshDatabase, testDriver, type DatabaseHandle } from '../support/database.ts';
import { useDatabase, type Db } from '../../src/lib/server/db/client.ts';
import { systemActor } from '../../src/lib/server/access/actor.ts';
import { schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import {
	complianceFigures,
	gridOf,
	compliancePupils,
	resolveScope,
	type ComplianceFigures,
	type SchoolCompliance
} from '../../src/lib/server/compliance/service.ts';
import { createDemo, generateDemo } from '../../src/lib/server/demo/index.ts';
import { generateDemoProgramme } from '../../src/lib/server/demo/programme.ts';
import { generateDemoEncounters } from '../../src/lib/server/demo/encounters.ts';
import { generateDemoEvaluations } from '../../src/lib/server/demo/evaluations.ts';
import { frameworkById } from '../../src/lib/domain/benchmarks.ts';
import { percentMet, type RuleId, type StatusCounts } from '../../src/lib/domain/compliance.ts';
import {
	benchmarkScores,
	overallScore,
	prefillFromCounts,
	type EvaluationAnswer
} from '../../src/lib/domain/evaluation.ts';

const TODAY = '2026-11-23';
const system = systemActor();

let handle: DatabaseHandle;
let db: Db;
let school: School;
let now: SchoolCompliance;
let grid: ComplianceFigures;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows: T[] };
	return result.rows;
}

function cell(figures: ComplianceFigures, ruleId: RuleId, yearGroup: number): StatusCounts {
	const found = figures.cells.find((c) => c.ruleId === ruleId && c.yearGroup === yearGroup);
	if (!found) throw new Error(`No cell ${ruleId} Y${yearGroup}`);
	return found.counts;
}

function total(figures: ComplianceFigures, ruleId: RuleId): StatusCounts {
	const found = figures.totals.find((t) => t.ruleId === ruleId);
	if (!found) throw new Error(`No total ${ruleId}`);
	return found.counts;
}

const share = (c: StatusCounts) => percentMet(c) ?? Number.NaN;

function result(pupil: SchoolCompliance['pupils'][number], ruleId: RuleId) {
	const r = pupil.results.find((x) => x.ruleId === ruleId);
	if (!r) throw new Error(`No result ${ruleId}`);
	return r;
}

describe(`the demo's coverage story (${testDriver()})`, () => {
	beforeAll(async () => {
		handle = await freshDatabase();
		useDatabase(handle);
		db = handle.db;
		await createDemo(db, { today: TODAY });
		school = await schoolForActor(system, '999001', 'school.view');
		// With every pupil's reasons, as the pages behind a figure show them.
		now = await compliancePupils(system, school, await resolveScope(school, {}, TODAY), 'demo coverage test');
		grid = gridOf(now, now.pupils);
	});

	afterAll(async () => {
		await handle?.close();
	});

	it('judges this year under the 2024 benchmarks, as of today, for about 1,200 pupils', () => {
		expect(now.scope.asOf).toBe(TODAY);
		expect(now.scope.framework.id).toBe('gatsby-2024');
		expect(now.pupils.length).toBeGreaterThan(1100);
		expect(now.pupils.length).toBeLessThan(1300);
	});

	it('has most pupils in every year group meeting the each-year and each-key-stage rules', () => {
		for (const ruleId of [
			'bm2-lmi-each-key-stage',
			'bm4-curriculum-careers-each-year',
			'bm5-employer-encounter-each-year'
		] as const) {
			for (const y of now.yearGroups) {
				expect(share(cell(grid, ruleId, y)), `${ruleId} Y${y}`).toBeGreaterThanOrEqual(60);
			}
		}
	});

	it('has most of the sixth form meeting what closed at 16, short of everyone', () => {
		for (const ruleId of [
			'bm6-workplace-by-16',
			'bm7-provider-range-by-16',
			'bm8-guidance-by-16',
			'pal-phase-1',
			'pal-phase-2',
			'work-experience-ks4'
		] as const) {
			for (const y of [12, 13]) {
				const counts = cell(grid, ruleId, y);
				expect(share(counts), `${ruleId} Y${y}`).toBeGreaterThanOrEqual(60);
				expect(counts.missed, `${ruleId} Y${y}`).toBeGreaterThan(0);
				expect(counts.onTrack + counts.atRisk, `${ruleId} Y${y}`).toBe(0);
			}
		}
		// Two meaningful workplace experiences by 16 (the 2024 reading) for most of Year 12.
		expect(share(cell(grid, 'bm6-workplace-by-16', 12))).toBeGreaterThan(75);
	});

	it('flags Pupil Premium pupils 10 or more points behind on employer encounters this year, and not everywhere', () => {
		const pp = gridOf(
			now,
			now.pupils.filter((p) => p.characteristics.pupilPremium)
		);
		const others = gridOf(
			now,
			now.pupils.filter((p) => !p.characteristics.pupilPremium)
		);
		const gap = (ruleId: RuleId) => share(total(others, ruleId)) - share(total(pp, ruleId));
		expect(gap('bm5-employer-encounter-each-year')).toBeGreaterThanOrEqual(10);
		const flagged = now.rules.map((r) => r.id).filter((id) => gap(id) >= 10);
		expect(flagged).toEqual(['bm5-employer-encounter-each-year']);
	});

	it('finds last year’s Year 9 short of provider access phase 1: the assembly left out pupils’ questions', () => {
		const y10 = cell(grid, 'pal-phase-1', 10);
		expect(y10.missed / y10.eligible).toBeGreaterThan(0.9);
		const pupil = now.pupils.find((p) => p.yearGroup === 10 && result(p, 'pal-phase-1').status === 'missed');
		expect(pupil).toBeDefined();
		const r = result(pupil!, 'pal-phase-1');
		expect(r.reason).toMatch(/^Missed: /);
		expect(r.notCounted.some((n) => n.why.includes('answers to pupils’ questions'))).toBe(true);
		// This year's Year 9 are already there.
		expect(share(cell(grid, 'pal-phase-1', 9))).toBeGreaterThan(70);
	});

	it('does not count the Year 10 workshop held after school, and this Year 11 has a catch-up planned', () => {
		const y11 = now.pupils.filter((p) => p.yearGroup === 11);
		const afterSchool = y11.filter((p) =>
			result(p, 'pal-phase-2').notCounted.some((n) => n.why.startsWith('outside the school day (15:45'))
		);
		expect(afterSchool.length / y11.length).toBeGreaterThan(0.8);
		for (const p of y11) expect(result(p, 'pal-phase-2').status, p.upn).not.toBe('missed');
	});

	it('shows meetings with the Level 4 adviser as not counting for Benchmark 8', () => {
		const level4 = now.pupils.flatMap((p) =>
			p.results
				.filter((r) => r.ruleId.startsWith('bm8-'))
				.flatMap((r) => r.notCounted.filter((n) => /Level 4, below Level 6/.test(n.why)))
		);
		expect(level4.length).toBeGreaterThan(20);
		expect(level4.some((n) => n.kind === 'guidance')).toBe(true);
	});

	it('has meaningful workplace experiences with an employer’s task and feedback, and some flagged as not meaningful', () => {
		const y11 = now.pupils.filter((p) => p.yearGroup === 11);
		const met = y11.filter((p) => result(p, 'bm6-workplace-by-16').status === 'met');
		expect(met.length / y11.length).toBeGreaterThan(0.8);
		const notMeaningful = y11.filter((p) =>
			result(p, 'bm6-workplace-by-16').notCounted.some((n) =>
				n.why.includes('no task set by the employer, no feedback from the employer')
			)
		);
		expect(notMeaningful.length / y11.length).toBeGreaterThan(0.5);
	});

	it('has about a week of workplace activities in Years 7 to 9 for a minority only', () => {
		for (const y of [10, 11]) {
			const counts = cell(grid, 'work-experience-ks3', y);
			expect(share(counts), `Y${y}`).toBeGreaterThan(10);
			expect(share(counts), `Y${y}`).toBeLessThan(50);
		}
	});

	it('has pupils considering higher education with university visits', () => {
		const he = total(grid, 'bm7-he-visits-by-18');
		expect(he.eligible).toBeGreaterThan(60);
		expect(share(cell(grid, 'bm7-he-visits-by-18', 13))).toBeGreaterThan(70);
		// Pupils not considering it are not judged on it.
		expect(he.notApplicable).toBeGreaterThan(he.eligible);
	});

	it('judges late joiners only on the windows open when they joined', () => {
		const joinedLate = now.pupils.filter((p) => /^Not applicable: joined on /.test(result(p, 'pal-phase-1').reason));
		expect(joinedLate.length).toBeGreaterThan(0);
		for (const p of joinedLate) expect(p.yearGroup).toBeGreaterThanOrEqual(10);
	});

	it('has a few pupils with several rules missed, for the list of pupils needing attention', () => {
		const several = now.pupils.filter((p) => p.results.filter((r) => r.status === 'missed').length >= 3);
		expect(several.length).toBeGreaterThanOrEqual(5);
		expect(several.length / now.pupils.length).toBeLessThan(0.1);
	});

	it('has two submitted self-evaluations, the later one scoring higher, pre-filled from the same figures', async () => {
		const evaluations = await rows<{
			id: string;
			academic_year: number;
			snapshot_date: string;
			framework_id: string;
			threshold: number;
			figures_as_of: string;
			status: string;
			submitted_at: Date | string | null;
			submitted_by: string;
			created_by: string;
		}>(
			sql`select e.id, e.academic_year, e.snapshot_date::text, e.framework_id, e.threshold, e.figures_as_of::text,
				e.status, e.submitted_at, u.email as submitted_by, c.email as created_by
				from evaluations e join users u on u.id = e.submitted_by join users c on c.id = e.created_by
				where e.school_id = ${school.id} order by e.snapshot_date`
		);
		expect(evaluations.map((e) => [e.snapshot_date, Number(e.academic_year), e.framework_id])).toEqual([
			['2026-03-31', 2025, 'gatsby-2024'],
			['2026-07-31', 2025, 'gatsby-2024']
		]);
		const scores: number[] = [];
		for (const e of evaluations) {
			expect(e.status).toBe('submitted');
			expect(e.submitted_by).toBe('careers.leader@demo.waymark.school');
			expect(e.created_by).toBe('careers.leader@demo.waymark.school');
			expect(Number(e.threshold)).toBe(100);
			expect(e.figures_as_of).toBe(e.snapshot_date);
			expect(new Date(e.submitted_at as string).toISOString().slice(0, 10) <= TODAY).toBe(true);

			const criteria = await rows<{
				criterion_id: string;
				prefill_status: EvaluationAnswer | null;
				prefill_basis: string | null;
				status: EvaluationAnswer;
				evidence: string | null;
				reason: string | null;
			}>(
				sql`select criterion_id, prefill_status, prefill_basis, status, evidence, reason
					from evaluation_criteria where evaluation_id = ${e.id}`
			);
			const framework = frameworkById(e.framework_id)!;
			const ids = framework.benchmarks.flatMap((b) => b.criteria.map((c) => c.id));
			expect(criteria.map((c) => c.criterion_id).sort()).toEqual([...ids].sort());
			for (const c of criteria) {
				expect(c.evidence, c.criterion_id).toBeTruthy();
				// An answer that differs from the pre-fill says why; one that agrees does not.
				if (c.prefill_status !== null && c.status !== c.prefill_status) expect(c.reason, c.criterion_id).toBeTruthy();
				else expect(c.reason, c.criterion_id).toBeNull();
			}
			const statuses = criteria.map((c) => c.status);
			expect(statuses.filter((s) => s !== 'not-started').length / statuses.length).toBeGreaterThan(0.85);

			// The pre-fill is what Waymark's own figures said on the snapshot date.
			const figures = await complianceFigures(
				system,
				school,
				await resolveScope(school, { asOf: e.snapshot_date }, TODAY)
			);
			const pupilLevel = criteria.filter((c) => c.prefill_basis !== null);
			expect(pupilLevel.length).toBeGreaterThanOrEqual(9);
			for (const c of pupilLevel) {
				const expected = prefillFromCounts(total(figures, c.criterion_id as RuleId), 100, e.snapshot_date);
				expect([c.prefill_status, c.prefill_basis], c.criterion_id).toEqual([expected.status, expected.basis]);
			}
			scores.push(
				overallScore(benchmarkScores(framework, new Map(criteria.map((c) => [c.criterion_id, c.status])))) ?? 0
			);
		}
		expect(scores[1]).toBeGreaterThan(scores[0] as number);
	});

	it('dates the evaluations at the two snapshots before whatever day the demo is made, each in its year’s framework', () => {
		for (const [today, expected] of [
			[
				'2026-03-16',
				[
					['2025-07-31', 'gatsby-2014'],
					['2025-12-31', 'gatsby-2024']
				]
			],
			[
				'2027-01-05',
				[
					['2026-07-31', 'gatsby-2024'],
					['2026-12-31', 'gatsby-2024']
				]
			]
		] as const) {
			const data = generateDemo('waymark-demo', today);
			const encounters = generateDemoEncounters(data, generateDemoProgramme(data.seed, today, data.academicYear));
			const made = generateDemoEvaluations(data, encounters, {
				schoolDayStarts: '08:30',
				schoolDayEnds: '15:30',
				atRiskWeeks: 12,
				workplaceExperiencesBy16: null,
				evaluationThreshold: 100
			});
			expect(made.map((e) => [e.snapshotDate, e.frameworkId])).toEqual(expected);
			const points = made.map((e) => {
				const framework = frameworkById(e.frameworkId)!;
				expect(e.criteria.map((c) => c.criterionId).sort(), today).toEqual(
					framework.benchmarks.flatMap((b) => b.criteria.map((c) => c.id)).sort()
				);
				expect(e.submittedOn <= today && e.submittedOn > e.snapshotDate, today).toBe(true);
				return overallScore(benchmarkScores(framework, new Map(e.criteria.map((c) => [c.criterionId, c.status]))));
			});
			expect(points[1]!, today).toBeGreaterThan(points[0]!);
		}
	});
});
