import { describe, expect, it } from 'vitest';
import { reportSummary, wholePercent, type SummaryRule } from './report-summary.ts';

const rule = (id: string, title: string, met: number, eligible: number, atRisk = 0, missed = 0): SummaryRule => ({
	id,
	title,
	eligible,
	met,
	atRisk,
	missed
});

describe('wholePercent', () => {
	it.each([
		[0, 0, null],
		[0, 10, 0],
		[10, 10, 100],
		[199, 200, 99],
		[1, 1000, 1],
		[1, 3, 33],
		[2, 3, 67]
	])('%i of %i is %s', (part, whole, expected) => {
		expect(wholePercent(part, whole)).toBe(expected);
	});
});

describe('reportSummary', () => {
	const rules = [
		rule('a', 'Rule A', 95, 100),
		rule('b', 'Rule B', 100, 100),
		rule('c', 'Rule C', 92, 100),
		rule('d', 'Rule D', 99, 100),
		rule('e', 'Rule E', 10, 200, 30, 5),
		rule('f', 'Rule F', 50, 100),
		rule('z', 'Rule Z', 0, 40, 40),
		rule('g', 'Rule G', 80, 100, 0, 20),
		rule('h', 'Rule H', 89, 100),
		rule('none', 'Nobody eligible', 0, 0),
		rule('pal-phase-1', 'Provider access phase 1', 0, 100)
	];

	it('names the three rules most pupils met (90% or more), best first', () => {
		const { strengths } = reportSummary({ rules });
		expect(strengths).toEqual([
			'Every eligible pupil (100) has met “Rule B”.',
			'99% of eligible pupils have met “Rule D” (99 of 100).',
			'95% of eligible pupils have met “Rule A” (95 of 100).'
		]);
	});

	it('names the three largest gaps below 90%, lowest first, with pupils at risk and missed', () => {
		const { gaps } = reportSummary({ rules });
		expect(gaps).toEqual([
			'None of the 40 eligible pupils has met “Rule Z” yet: 40 pupils are at risk of missing it.',
			'Only 5% of eligible pupils have met “Rule E” (10 of 200): 30 pupils are at risk of missing it and 5 pupils have missed it.',
			'Only 50% of eligible pupils have met “Rule F” (50 of 100).'
		]);
	});

	it('says nothing about strengths or gaps when no rule has eligible pupils', () => {
		expect(reportSummary({ rules: [rule('x', 'X', 0, 0)] })).toEqual({ strengths: [], gaps: [] });
	});

	it('reports flagged equity gaps where a group is below the rest, largest first, and counts the rest', () => {
		const { gaps } = reportSummary({
			rules: [],
			equityGaps: [
				{ group: 'Pupils with an EHC plan', ruleTitle: 'Rule A', percent: 40, restPercent: 80 },
				{ group: 'Pupil Premium', ruleTitle: 'Rule B', percent: 60, restPercent: 75 },
				{ group: 'Girls', ruleTitle: 'Rule C', percent: 90, restPercent: 70 },
				{ group: 'Looked after', ruleTitle: 'Rule A', percent: 50, restPercent: 62, eligible: 4 },
				{ group: 'EAL', ruleTitle: 'Rule D', percent: 70, restPercent: 81 }
			]
		});
		expect(gaps).toEqual([
			'Pupils with an EHC plan: 40% have met “Rule A”, against 80% of other pupils (40 points lower).',
			'Pupil Premium: 60% have met “Rule B”, against 75% of other pupils (15 points lower).',
			'Looked after (4 pupils): 50% have met “Rule A”, against 62% of other pupils (12 points lower).',
			'1 more gap of 10 points or more between groups of pupils is listed under equity.'
		]);
	});

	it('lists provider access phases below 100% in their own year groups, counts later missed, praises complete', () => {
		const cell = (ruleId: string, yearGroup: number, current: boolean, eligible: number, met: number, missed = 0) => ({
			ruleId,
			title: ruleId === 'pal-phase-1' ? 'Phase 1' : 'Phase 2',
			yearGroup,
			current,
			eligible,
			met,
			missed
		});
		const short = reportSummary({
			rules: [],
			pal: [
				cell('pal-phase-1', 9, true, 200, 150),
				cell('pal-phase-1', 8, true, 180, 18),
				cell('pal-phase-1', 10, false, 190, 170, 20),
				cell('pal-phase-1', 11, false, 185, 180, 5),
				cell('pal-phase-2', 10, true, 190, 190),
				cell('pal-phase-2', 12, false, 0, 0)
			]
		});
		expect(short.gaps).toEqual([
			'Provider access is below 100% for “Phase 1”: 10% in Year 8 (18 of 180) and 75% in Year 9 (150 of 200); 25 pupils in later year groups missed it.'
		]);
		expect(short.strengths).toEqual([]);
		const laterOnly = reportSummary({
			rules: [],
			pal: [cell('pal-phase-1', 9, true, 200, 200), cell('pal-phase-1', 10, false, 190, 189, 1)]
		});
		expect(laterOnly.gaps).toEqual(['Provider access: 1 pupil in later year groups missed it (“Phase 1”).']);
		const complete = reportSummary({ rules: [], pal: [cell('pal-phase-2', 10, true, 190, 190)] });
		expect(complete.strengths).toEqual([
			'Every eligible pupil has had the provider access encounters the law requires so far.'
		]);
		expect(complete.gaps).toEqual([]);
	});

	it('gives the NEET and not-known shares of the latest leavers, or says all are known', () => {
		const some = reportSummary({
			rules: [],
			destinations: { cohort: '2024/25', total: 200, neetShare: 0.035, notKnownShare: 0.1 }
		});
		expect(some.gaps).toEqual([
			'Of the 200 pupils who left in 2024/25, 4% are not in education, employment or training (NEET) and 10% have no known destination.'
		]);
		const none = reportSummary({
			rules: [],
			destinations: { cohort: '2024/25', total: 180, neetShare: 0, notKnownShare: 0 }
		});
		expect(none.strengths).toEqual(['All 180 pupils who left in 2024/25 have a known destination, and none is NEET.']);
		expect(
			reportSummary({ rules: [], destinations: { cohort: '2024/25', total: 0, neetShare: null, notKnownShare: null } })
		).toEqual({
			strengths: [],
			gaps: []
		});
	});

	it('names benchmark scores that rose or fell since the previous evaluation, and overdue plan actions', () => {
		const { strengths, gaps } = reportSummary({
			rules: [],
			benchmarks: [
				{ benchmark: 1, score: 75, previous: 50 },
				{ benchmark: 2, score: 60, previous: 80 },
				{ benchmark: 3, score: 50, previous: 50 },
				{ benchmark: 4, score: 40, previous: null },
				{ benchmark: 5, score: 100, previous: 90 }
			],
			plan: { total: 12, done: 4, overdue: 1 }
		});
		expect(strengths).toEqual([
			'Benchmark 1 rose from 50% to 75% since the previous evaluation.',
			'Benchmark 5 rose from 90% to 100% since the previous evaluation.'
		]);
		expect(gaps).toEqual([
			'Benchmark 2 fell from 80% to 60% since the previous evaluation.',
			'1 of the development plan’s 12 actions is overdue.'
		]);
	});
});
