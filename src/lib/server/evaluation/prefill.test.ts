import { describe, expect, it } from 'vitest';
import { resolveFramework } from '../../domain/benchmarks.ts';
import type { RuleId } from '../../domain/compliance.ts';
import { NOT_PREFILLED, prefillRows, yearList, type ProgrammeFacts } from './prefill.ts';

const F2024 = resolveFramework(2025);
const F2014 = resolveFramework(2024);

function facts(over: Partial<ProgrammeFacts> = {}): ProgrammeFacts {
	return {
		asOf: '2026-03-31',
		academicYear: 2025,
		yearGroups: [7, 8, 9, 10, 11, 12, 13],
		careersInformation: { saved: true, publishedOn: '2025-10-01', nextReviewDate: '2026-09-01' },
		careersLeader: {
			name: 'Ada Leader',
			namedOnCareersInformation: true,
			training: [{ title: 'Careers leader training', accredited: true }]
		},
		programme: { activities: 10, yearGroupsCovered: [7, 8, 9, 10, 11, 12, 13], withLearningOutcomes: 10 },
		employerFormats: ['talk', 'mentoring', 'enterprise-challenge'],
		advisers: [{ name: 'Siân Roberts', level: 6 }],
		plan: {},
		planTotal: 3,
		destinations: { leavers: 100, recorded: 100, fromYear: 2022, toYear: 2024 },
		...over
	};
}

function row(
	id: string,
	f: ProgrammeFacts,
	framework = F2024,
	threshold = 100,
	totals = new Map<RuleId, { eligible: number; met: number }>()
) {
	const found = prefillRows(framework, totals, f, threshold).find((r) => r.criterionId === id);
	if (!found) throw new Error(`no row ${id}`);
	return found;
}

describe('pre-fill of whole-school criteria from the records', () => {
	it('gives one row per criterion of the framework, in order', () => {
		const rows = prefillRows(F2024, new Map(), facts(), 100);
		expect(rows.map((r) => r.criterionId)).toEqual(F2024.benchmarks.flatMap((b) => b.criteria.map((c) => c.id)));
	});

	it.each([
		[{ saved: false, publishedOn: null, nextReviewDate: null }, 'not-started', /No careers information/],
		[
			{ saved: true, publishedOn: null, nextReviewDate: '2026-09-01' },
			'in-progress',
			/not published as of 31 March 2026/
		],
		[{ saved: true, publishedOn: '2026-04-02', nextReviewDate: '2026-09-01' }, 'in-progress', /not published/],
		[
			{ saved: true, publishedOn: '2025-10-01', nextReviewDate: '2026-03-30' },
			'in-progress',
			/review date .* had passed/
		],
		[{ saved: true, publishedOn: '2025-10-01', nextReviewDate: null }, 'in-progress', /no date for its next review/],
		[
			{ saved: true, publishedOn: '2025-10-01', nextReviewDate: '2026-03-31' },
			'achieved',
			/published on 1 October 2025/
		]
	] as const)('published on the website: %o is %s', (careersInformation, status, basis) => {
		const r = row('bm1-published', facts({ careersInformation: { ...careersInformation } }));
		expect(r.status).toBe(status);
		expect(r.basis).toMatch(basis);
	});

	it('judges the careers leader: named and trained, named only, nobody; 2014 needs senior backing too', () => {
		expect(row('bm1-careers-leader', facts()).status).toBe('achieved');
		const untrained = row(
			'bm1-careers-leader',
			facts({ careersLeader: { name: 'Ada Leader', namedOnCareersInformation: false, training: [] } })
		);
		expect(untrained.status).toBe('in-progress');
		expect(untrained.basis).toMatch(/not yet named on your careers information\); no careers training/);
		expect(row('bm1-careers-leader', facts({ careersLeader: null })).status).toBe('not-started');
		const y2014 = row('bm1-senior-backing', facts({ academicYear: 2024 }), F2014);
		expect(y2014.status).toBe('in-progress');
		expect(y2014.basis).toMatch(/Senior leaders’ backing .* confirm from your own evidence/);
	});

	it('judges the programme: every year group, learning outcomes and a development plan', () => {
		expect(row('bm1-sequenced', facts()).status).toBe('achieved');
		const gaps = row(
			'bm1-sequenced',
			facts({ programme: { activities: 4, yearGroupsCovered: [7, 8, 9], withLearningOutcomes: 4 } })
		);
		expect(gaps.status).toBe('in-progress');
		expect(gaps.basis).toMatch(/none yet for Years 10 to 13/);
		expect(row('bm1-sequenced', facts({ planTotal: 0 })).status).toBe('in-progress');
		expect(
			row(
				'bm1-sequenced',
				facts({ programme: { activities: 4, yearGroupsCovered: [7, 8, 9, 10, 11, 12, 13], withLearningOutcomes: 3 } })
			).status
		).toBe('in-progress');
		expect(row('bm1-sequenced', facts({ programme: null })).status).toBe('not-started');
		expect(row('bm1-embedded', facts({ planTotal: 0 }), F2014).status).toBe('achieved');
	});

	it('counts kinds of employer activity: three or more achieved', () => {
		expect(row('bm5-range', facts()).status).toBe('achieved');
		expect(row('bm5-range', facts({ employerFormats: ['talk', 'talk', 'visit'] })).status).toBe('in-progress');
		expect(row('bm5-range', facts({ employerFormats: [] })).status).toBe('not-started');
		expect(row('bm5-range', facts()).basis).toMatch(/3 kinds \(talk, mentoring and enterprise challenge\)/);
	});

	it('reads the advisers’ levels against Level 6', () => {
		expect(row('bm8-qualified-adviser', facts()).status).toBe('achieved');
		const mixed = row(
			'bm8-qualified-adviser',
			facts({
				advisers: [
					{ name: 'A', level: 6 },
					{ name: 'B', level: 4 }
				]
			})
		);
		expect(mixed.status).toBe('in-progress');
		expect(mixed.basis).toContain('1 of 2 careers advisers are at Level 6 or above: A (Level 6) and B (Level 4)');
		expect(row('bm8-qualified-adviser', facts({ advisers: [{ name: 'B', level: null }] })).status).toBe('not-started');
		const none = row('bm8-qualified-adviser', facts({ advisers: [] }));
		expect(none.status).toBeNull();
		expect(none.basis.startsWith(NOT_PREFILLED)).toBe(true);
	});

	it('counts destinations kept at the threshold; 2024 asks for more than the data shows', () => {
		expect(row('bm3-destinations-3-years', facts({ academicYear: 2024 }), F2014).status).toBe('achieved');
		const some = facts({ destinations: { leavers: 100, recorded: 95, fromYear: 2022, toYear: 2024 } });
		expect(row('bm3-destinations-3-years', some, F2014).status).toBe('in-progress');
		expect(row('bm3-destinations-3-years', some, F2014, 95).status).toBe('achieved');
		expect(row('bm3-destinations', facts()).status).toBe('in-progress');
		expect(row('bm3-destinations', facts()).basis).toMatch(/100 of 100 pupils .* confirm from your own evidence/);
		expect(
			row('bm3-destinations', facts({ destinations: { leavers: 0, recorded: 0, fromYear: 2022, toYear: 2024 } })).status
		).toBeNull();
	});

	it('leaves the rest unfilled, naming the development plan’s actions for the benchmark', () => {
		const r = row('bm8-with-senco', facts({ plan: { 8: { total: 2, done: 1, inProgress: 1, notStarted: 0 } } }));
		expect(r.status).toBeNull();
		expect(r.basis).toBe(
			`${NOT_PREFILLED} The 2025/26 development plan has 2 actions for Benchmark 8: 1 done and 1 in progress.`
		);
		expect(row('bm3-records', facts()).basis).toMatch(/does not yet measure this from pupils’ records/);
	});

	it('fills pupil-level criteria from the coverage totals', () => {
		const totals = new Map<RuleId, { eligible: number; met: number }>([
			['bm8-guidance-by-16', { eligible: 10, met: 9 }]
		]);
		expect(row('bm8-guidance-by-16', facts(), F2024, 90, totals).status).toBe('achieved');
		expect(row('bm8-guidance-by-16', facts(), F2024, 100, totals).status).toBe('in-progress');
		// No figures for a rule: not pre-filled.
		expect(row('bm6-workplace-by-16', facts(), F2024, 100, totals).status).toBeNull();
	});

	it('names year groups compactly', () => {
		expect(yearList([7, 8, 9, 10])).toBe('Years 7 to 10');
		expect(yearList([7, 9])).toBe('Year 7 and Year 9');
		expect(yearList([12, 13])).toBe('Year 12 and Year 13');
	});
});
