/**
 * The termly benchmark self-evaluation on the demo school: pre-fill from the data, one per snapshot,
 * overrides with reasons (audited), copy forward, submitting locks, governors read only; and the three
 * compliance settings — on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import { freshDatabase, testDriver } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { auditEvents, evaluationCriteria, evaluations, organisations } from '../../src/lib/server/db/schema/index.ts';
import { ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { createDemo, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/index.ts';

import { complianceFigures, resolveScope } from '../../src/lib/server/compliance/service.ts';
import {
	evaluationSummary,
	getEvaluation,
	listEvaluations,
	prefillEvaluation,
	saveAnswers,
	snapshotOptions,
	startEvaluation,
	submitEvaluation
} from '../../src/lib/server/evaluation/service.ts';
import { updateComplianceSettings } from '../../src/lib/server/schools/settings.ts';
import { prefillFromCounts } from '../../src/lib/domain/evaluation.ts';
import { resolveFramework } from '../../src/lib/domain/benchmarks.ts';

const TODAY = '2026-03-16';
const LATER = '2026-04-20';

let handle: DatabaseHandle;
let leader: Actor;
let governor: Actor;
let teacher: Actor;
let school: School;

async function signedIn(local: string): Promise<Actor> {
	const result = await signIn(`${local}@${DEMO_EMAIL_DOMAIN}`, DEMO_PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function validationErrors(promise: Promise<unknown>): Promise<{ field: string; message: string }[]> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	throw new Error('expected a ValidationError');
}

async function auditOf(action: string) {
	return handle.db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.action, action), eq(auditEvents.organisationId, school.id)))
		.orderBy(desc(auditEvents.id));
}

beforeAll(async () => {
	handle = await freshDatabase();
	useDatabase(handle);
	await createDemo(handle.db, { today: TODAY });
	leader = await signedIn('careers.leader');
	governor = await signedIn('governor');
	teacher = await signedIn('teacher');
	school = await schoolForActor(leader, '999001', 'evaluation.view');
	// The demo may come with evaluations of its own: start from none, so the snapshots asked for are free.
	await handle.db.delete(evaluations).where(eq(evaluations.schoolId, school.id));
});

afterAll(async () => {
	await closeDatabase();
});

let firstId: string;

describe(`benchmark self-evaluation on the demo school (${testDriver()})`, () => {
	it('starts the evaluation for the next snapshot, pre-filled from the data', async () => {
		const options = await snapshotOptions(leader, school, TODAY);
		expect(options.suggested).toBe('2026-03-31');
		const before = await prefillEvaluation(leader, school, '2026-03-31', TODAY);
		firstId = await startEvaluation(leader, school, {}, undefined, TODAY);
		const [row] = await handle.db.select().from(evaluations).where(eq(evaluations.id, firstId));
		expect(row).toMatchObject({
			snapshotDate: '2026-03-31',
			academicYear: 2025,
			frameworkId: 'gatsby-2024',
			figuresAsOf: TODAY,
			threshold: 100,
			status: 'draft',
			copiedFrom: null
		});
		const rows = await handle.db.select().from(evaluationCriteria).where(eq(evaluationCriteria.evaluationId, firstId));
		const criteria = resolveFramework(2025).benchmarks.flatMap((b) => b.criteria);
		expect(rows.map((r) => r.criterionId).sort()).toEqual(criteria.map((c) => c.id).sort());
		// What was saved is what prefillEvaluation works out without saving.
		expect(rows.map((r) => [r.criterionId, r.prefillStatus, r.prefillBasis]).sort()).toEqual(
			before.map((r) => [r.criterionId, r.status, r.basis]).sort()
		);

		// Pupil-level criteria come from the coverage totals as of today, at the 100% threshold.
		const figures = await complianceFigures(leader, school, await resolveScope(school, { year: 2025, asOf: TODAY }));
		for (const id of ['bm5-employer-encounter-each-year', 'bm8-guidance-by-16', 'bm6-workplace-by-16']) {
			const counts = figures.totals.find((t) => t.ruleId === id)!.counts;
			expect(counts.eligible).toBeGreaterThan(0);
			const expected = prefillFromCounts(counts, 100, TODAY);
			const r = rows.find((x) => x.criterionId === id)!;
			expect(r.prefillStatus).toBe(expected.status);
			expect(r.prefillBasis).toMatch(/^[\d,]+ of [\d,]+ eligible pupils \(\d+%\) met it as of 16 March 2026/);
			expect(r.status).toBe(r.prefillStatus ?? 'not-started');
		}
		// A pupil-level criterion Waymark does not measure, and a whole-school one no data speaks for.
		for (const id of ['bm3-records', 'bm8-with-senco']) {
			const r = rows.find((x) => x.criterionId === id)!;
			expect(r.prefillStatus).toBeNull();
			expect(r.prefillBasis).toMatch(/^Not pre-filled: confirm from your own evidence\./);
			expect(r.status).toBe('not-started');
		}
		// Whole-school criteria the demo's records speak for.
		const published = rows.find((r) => r.criterionId === 'bm1-published')!;
		expect(published.prefillStatus).not.toBeNull();
		expect(published.prefillBasis).toMatch(/careers information/i);
		const leaderRow = rows.find((r) => r.criterionId === 'bm1-careers-leader')!;
		expect(leaderRow.prefillBasis).toMatch(/careers leader/);
		expect(rows.find((r) => r.criterionId === 'bm1-sequenced')!.prefillBasis).toMatch(
			/planned in the 2025\/26 programme/
		);
		expect(rows.find((r) => r.criterionId === 'bm8-qualified-adviser')!.prefillStatus).not.toBeNull();

		const [audit] = await auditOf('evaluation.created');
		expect(audit?.recordId).toBe(firstId);
		expect(audit?.summary).toContain('Spring term 2025/26 (31 March 2026)');
	});

	it('allows one evaluation per snapshot, and only real snapshot dates up to the next one', async () => {
		const again = await validationErrors(
			startEvaluation(leader, school, { snapshotDate: '2026-03-31' }, undefined, TODAY)
		);
		expect(again).toEqual([
			{ field: 'snapshotDate', message: expect.stringMatching(/already an evaluation for the Spring term 2025\/26/) }
		]);
		expect(
			(await validationErrors(startEvaluation(leader, school, { snapshotDate: '2026-03-30' }, undefined, TODAY)))[0]
				?.message
		).toMatch(/31 December, 31 March or 31 July/);
		expect(
			(await validationErrors(startEvaluation(leader, school, { snapshotDate: '2026-07-31' }, undefined, TODAY)))[0]
				?.message
		).toMatch(/on or before 31 March 2026/);
		const options = await snapshotOptions(leader, school, TODAY);
		expect(options.options.find((o) => o.value === '2026-03-31')?.taken).toBe(true);
		expect(options.suggested).toBe('2025-12-31');
		const [{ n }] = (await handle.db
			.select({ n: sql<number>`count(*)::int` })
			.from(evaluations)
			.where(eq(evaluations.schoolId, school.id))) as [{ n: number }];
		expect(n).toBe(1);
	});

	it('lets governors and teachers read it but not change it', async () => {
		const view = await getEvaluation(governor, school, firstId);
		expect(view.canEdit).toBe(false);
		expect(view.mayEdit).toBe(false);
		expect(view.benchmarks).toHaveLength(8);
		expect((await listEvaluations(teacher, school)).map((e) => e.id)).toEqual([firstId]);
		await expect(
			startEvaluation(governor, school, { snapshotDate: '2025-12-31' }, undefined, TODAY)
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			saveAnswers(governor, school, firstId, [{ criterionId: 'bm8-with-senco', status: 'achieved' }])
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(submitEvaluation(governor, school, firstId)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getEvaluation(leader, school, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(getEvaluation(leader, school, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
		expect((await getEvaluation(leader, school, firstId)).canEdit).toBe(true);
	});

	let overriddenId: string;
	let overriddenPrefill: string;

	it('needs a reason to differ from the pre-fill, and audits the override with before and after', async () => {
		const view = await getEvaluation(leader, school, firstId);
		const target = view.benchmarks.flatMap((b) => b.criteria).find((c) => c.prefillStatus !== null)!;
		overriddenId = target.id;
		overriddenPrefill = target.prefillStatus!;
		const other = target.prefillStatus === 'achieved' ? 'in-progress' : 'achieved';
		const errors = await validationErrors(
			saveAnswers(leader, school, firstId, [
				{ criterionId: target.id, status: other, evidence: 'Minutes', reason: '  ' }
			])
		);
		expect(errors).toEqual([
			{
				field: `reason-${target.id}`,
				message: expect.stringMatching(
					/^Give a reason for Benchmark \d, “.+”: your answer .* differs from the pre-fill/
				)
			}
		]);
		const bad = await validationErrors(
			saveAnswers(leader, school, firstId, [{ criterionId: target.id, status: 'done' }])
		);
		expect(bad[0]).toMatchObject({
			field: `status-${target.id}`,
			message: expect.stringMatching(/^Choose not started/)
		});
		expect((await auditOf('evaluation.overridden')).length).toBe(0);

		const changed = await saveAnswers(leader, school, firstId, [
			{
				criterionId: target.id,
				status: other,
				evidence: 'Governors’ minutes, 3 March',
				reason: 'The data is a term old'
			},
			// No pre-fill: any answer, no reason needed.
			{ criterionId: 'bm8-with-senco', status: 'in-progress', evidence: 'SENCO meets the adviser each half term' }
		]);
		expect(changed).toBe(2);
		const [override] = await auditOf('evaluation.overridden');
		expect(override?.recordId).toBe(firstId);
		expect(override?.before).toMatchObject({
			criterionId: target.id,
			status: target.status,
			prefillStatus: target.prefillStatus
		});
		expect(override?.after).toMatchObject({ status: other, reason: 'The data is a term old' });
		expect((await auditOf('evaluation.answered'))[0]?.after).toMatchObject({
			criterionId: 'bm8-with-senco',
			status: 'in-progress'
		});
		const after = await getEvaluation(leader, school, firstId);
		const c = after.benchmarks.flatMap((b) => b.criteria).find((x) => x.id === target.id)!;
		expect(c).toMatchObject({ status: other, overridden: true, reason: 'The data is a term old' });
		// Saving the same again changes nothing and audits nothing.
		expect(
			await saveAnswers(leader, school, firstId, [
				{
					criterionId: target.id,
					status: other,
					evidence: 'Governors’ minutes, 3 March',
					reason: 'The data is a term old'
				}
			])
		).toBe(0);
		expect((await auditOf('evaluation.overridden')).length).toBe(1);
	});

	it('submits and locks it; a submitted evaluation refuses changes with a clear message', async () => {
		await submitEvaluation(leader, school, firstId);
		const view = await getEvaluation(leader, school, firstId);
		expect(view.status).toBe('submitted');
		expect(view.canEdit).toBe(false);
		const errors = await validationErrors(
			saveAnswers(leader, school, firstId, [{ criterionId: 'bm8-with-senco', status: 'achieved' }])
		);
		expect(errors[0]).toMatchObject({
			field: 'evaluation',
			message: expect.stringMatching(/submitted on .* and is locked/)
		});
		expect((await validationErrors(submitEvaluation(leader, school, firstId)))[0]?.message).toMatch(/is locked/);
		const [audit] = await auditOf('evaluation.submitted');
		expect(audit?.summary).toMatch(/Benchmark 1 \d+%/);
		const [row] = await handle.db.select().from(evaluations).where(eq(evaluations.id, firstId));
		expect(row?.submittedBy).toBe(leader.userId);
	});

	let secondId: string;

	it('copies the last submitted answers and evidence forward, refreshing the pupil figures, and says what changed', async () => {
		secondId = await startEvaluation(leader, school, {}, undefined, LATER);
		const view = await getEvaluation(leader, school, secondId);
		expect(view.snapshot.date).toBe('2026-07-31');
		expect(view.figuresAsOf).toBe(LATER);
		expect(view.copiedFrom?.id).toBe(firstId);
		expect(view.copiedFrom?.carried).toBe(view.benchmarks.flatMap((b) => b.criteria).length);
		const all = view.benchmarks.flatMap((b) => b.criteria);
		const carried = all.find((c) => c.id === overriddenId)!;
		expect(carried.evidence).toBe('Governors’ minutes, 3 March');
		expect(carried.status).not.toBe(overriddenPrefill);
		expect(all.find((c) => c.id === 'bm8-with-senco')).toMatchObject({
			status: 'in-progress',
			evidence: 'SENCO meets the adviser each half term'
		});
		const pupil = all.find((c) => c.id === 'bm5-employer-encounter-each-year')!;
		expect(pupil.prefillBasis).toContain('as of 20 April 2026');
		expect(pupil.lastTime).not.toBeNull();
		expect(view.copiedFrom?.prefillChanged).toBe(all.filter((c) => c.prefillChanged).length);
		// Compared with the previous submitted evaluation: the same answers, so no change yet.
		expect(view.previous?.id).toBe(firstId);
		expect(view.changes.every((c) => c.previous !== null)).toBe(true);
	});

	it('sums up for the governors’ pack: latest submitted with the previous one’s scores', async () => {
		let summary = await evaluationSummary(governor, school);
		expect(summary?.latest.id).toBe(firstId);
		expect(summary?.previous).toBeNull();
		// Move Benchmark 8's one unprefilled criterion to achieved, submit, and the change shows.
		await saveAnswers(leader, school, secondId, [{ criterionId: 'bm8-with-senco', status: 'achieved' }]);
		// An answer carried forward that now differs from the data may be saved as a draft without a reason,
		// but not submitted.
		await handle.db
			.update(evaluationCriteria)
			.set({ prefillStatus: 'not-started', reason: null })
			.where(
				and(eq(evaluationCriteria.evaluationId, secondId), eq(evaluationCriteria.criterionId, 'bm8-parents-informed'))
			);
		await handle.db
			.update(evaluationCriteria)
			.set({ status: 'in-progress' })
			.where(
				and(eq(evaluationCriteria.evaluationId, secondId), eq(evaluationCriteria.criterionId, 'bm8-parents-informed'))
			);
		expect(
			await saveAnswers(leader, school, secondId, [
				{ criterionId: 'bm8-parents-informed', status: 'in-progress', evidence: 'Newsletter, January' }
			])
		).toBe(1);
		const submitErrors = await validationErrors(submitEvaluation(leader, school, secondId));
		expect(submitErrors).toContainEqual({
			field: 'reason-bm8-parents-informed',
			message: expect.stringMatching(/^Give a reason for Benchmark 8, “.+” before you submit/)
		});
		const reasonsNeeded = (await getEvaluation(leader, school, secondId)).benchmarks
			.flatMap((b) => b.criteria)
			.filter((c) => c.overridden && !c.reason);
		if (reasonsNeeded.length > 0) {
			const errors = await validationErrors(submitEvaluation(leader, school, secondId));
			expect(errors.map((e) => e.field).sort()).toEqual(reasonsNeeded.map((c) => `reason-${c.id}`).sort());
			await saveAnswers(
				leader,
				school,
				secondId,
				reasonsNeeded.map((c) => ({
					criterionId: c.id,
					status: c.status,
					evidence: c.evidence,
					reason: 'As last term'
				}))
			);
		}
		await submitEvaluation(leader, school, secondId);
		summary = await evaluationSummary(governor, school);
		expect(summary?.latest.id).toBe(secondId);
		expect(summary?.previous?.id).toBe(firstId);
		const bm8 = summary!.changes.find((c) => c.benchmark === 8)!;
		expect(bm8.change).toBeGreaterThan(0);
		expect(bm8.words).toMatch(/^▲ up \d+ points?$/);
	});
});

describe(`compliance settings (${testDriver()})`, () => {
	it('checks each setting with its own message and changes nothing on bad input', async () => {
		const errors = await validationErrors(
			updateComplianceSettings(leader, school, {
				atRiskWeeks: '0',
				workplaceExperiencesBy16: '6',
				evaluationThreshold: ''
			})
		);
		expect(errors).toEqual([
			{ field: 'atRiskWeeks', message: 'The weeks before a deadline must be a whole number from 1 to 52' },
			{
				field: 'workplaceExperiencesBy16',
				message:
					'The workplace experiences needed by the end of Year 11 must be a whole number from 1 to 5, or blank for 2'
			},
			{
				field: 'evaluationThreshold',
				message: 'Enter the share of pupils needed for a criterion to be pre-filled as achieved, from 1 to 100'
			}
		]);
		expect(
			(
				await validationErrors(
					updateComplianceSettings(leader, school, { atRiskWeeks: '53', evaluationThreshold: '101' })
				)
			).map((e) => e.field)
		).toEqual(['atRiskWeeks', 'evaluationThreshold']);
		await expect(
			updateComplianceSettings(governor, school, { atRiskWeeks: '8', evaluationThreshold: '90' })
		).rejects.toBeInstanceOf(ForbiddenError);
		expect((await auditOf('school.compliance-settings-changed')).length).toBe(0);
	});

	it('saves the settings, audited with before and after; blank experiences means the default', async () => {
		const updated = await updateComplianceSettings(leader, school, {
			atRiskWeeks: '8',
			workplaceExperiencesBy16: '3',
			evaluationThreshold: '90'
		});
		expect(updated).toMatchObject({ atRiskWeeks: 8, workplaceExperiencesBy16: 3, evaluationThreshold: 90 });
		const [row] = await handle.db.select().from(organisations).where(eq(organisations.id, school.id));
		expect(row).toMatchObject({ atRiskWeeks: 8, workplaceExperiencesBy16: 3, evaluationThreshold: 90 });
		const [audit] = await auditOf('school.compliance-settings-changed');
		expect(audit?.before).toEqual({
			atRiskWeeks: school.atRiskWeeks,
			workplaceExperiencesBy16: school.workplaceExperiencesBy16,
			evaluationThreshold: school.evaluationThreshold
		});
		expect(audit?.after).toEqual({ atRiskWeeks: 8, workplaceExperiencesBy16: 3, evaluationThreshold: 90 });
		const back = await updateComplianceSettings(leader, updated, {
			atRiskWeeks: ' 12 ',
			workplaceExperiencesBy16: '',
			evaluationThreshold: '100'
		});
		expect(back.workplaceExperiencesBy16).toBeNull();
		// The threshold decides the pre-fill of the next evaluation.
		const at90 = await prefillEvaluation(leader, updated, '2026-03-31', TODAY);
		const at100 = await prefillEvaluation(leader, back, '2026-03-31', TODAY);
		const rank = { 'not-started': 0, 'in-progress': 1, achieved: 2 } as const;
		for (const r of at100) {
			const other = at90.find((x) => x.criterionId === r.criterionId)!;
			if (r.level === 'pupil' && r.status && other.status)
				expect(rank[other.status]).toBeGreaterThanOrEqual(rank[r.status]);
		}
	});
});
