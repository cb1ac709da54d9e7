import { describe, expect, it } from 'vitest';
import type { ComplianceStatus, RuleId } from './compliance.ts';
import {
	EQUITY_GROUPS,
	equityGaps,
	equityGroup,
	gapPoints,
	gapWords,
	isFlaggedGap,
	type EquityCharacteristics,
	type EquityPupil
} from './equity.ts';

const BM5: RuleId = 'bm5-employer-encounter-each-year';
const BM8: RuleId = 'bm8-guidance-by-16';
const rules = [{ id: BM5 }, { id: BM8 }];

const base: EquityCharacteristics = {
	senProvision: 'N',
	pupilPremium: false,
	fsmEligible: false,
	gender: 'F',
	eal: false,
	lookedAfter: false,
	attendancePercent: 97
};

function pupils(
	n: number,
	status: ComplianceStatus,
	c: Partial<EquityCharacteristics> = {},
	rule = BM5
): EquityPupil[] {
	return Array.from({ length: n }, () => ({ characteristics: { ...base, ...c }, results: [{ ruleId: rule, status }] }));
}

const pp = [equityGroup('pp')!];

describe('EQUITY_GROUPS', () => {
	it('has stable, unique ids for every dimension the issue names', () => {
		const ids = EQUITY_GROUPS.map((g) => g.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of [
			'sen-E',
			'sen-K',
			'sen-N',
			'pp',
			'fsm',
			'gender-F',
			'gender-M',
			'gender-not-recorded',
			'eal',
			'looked-after',
			'attendance-persistent',
			'attendance-90-95',
			'attendance-95-plus',
			'attendance-unknown'
		])
			expect(ids).toContain(id);
		expect(equityGroup('nope')).toBeUndefined();
	});

	it('places pupils by their characteristics', () => {
		const has = (id: string, c: Partial<EquityCharacteristics>) => equityGroup(id)!.includes({ ...base, ...c });
		expect(has('sen-E', { senProvision: 'E' })).toBe(true);
		expect(has('sen-K', { senProvision: 'E' })).toBe(false);
		expect(has('pp', { pupilPremium: true })).toBe(true);
		expect(has('pp', {})).toBe(false);
		expect(has('fsm', { fsmEligible: true })).toBe(true);
		expect(has('eal', { eal: true })).toBe(true);
		expect(has('looked-after', { lookedAfter: true })).toBe(true);
		expect(has('gender-M', { gender: 'M' })).toBe(true);
		expect(has('gender-not-recorded', { gender: null })).toBe(true);
		expect(has('gender-not-recorded', { gender: 'F' })).toBe(false);
		expect(has('attendance-persistent', { attendancePercent: 89.9 })).toBe(true);
		expect(has('attendance-90-95', { attendancePercent: 90 })).toBe(true);
		expect(has('attendance-95-plus', { attendancePercent: 95 })).toBe(true);
		expect(has('attendance-unknown', { attendancePercent: null })).toBe(true);
		expect(equityGroup('attendance-persistent')!.label).toBe('Attendance below 90% (persistent absence)');
	});
});

describe('equityGaps', () => {
	it('counts the group and the rest of the cohort separately, per rule', () => {
		const cohort = [
			...pupils(3, 'met', { pupilPremium: true }),
			...pupils(1, 'missed', { pupilPremium: true }),
			...pupils(1, 'not-applicable', { pupilPremium: true }),
			...pupils(8, 'met'),
			...pupils(1, 'on-track'),
			...pupils(1, 'at-risk'),
			...pupils(2, 'met', { pupilPremium: true }, BM8)
		];
		const gaps = equityGaps(cohort, rules, pp);
		expect(gaps.map((g) => [g.ruleId, g.groupId])).toEqual([
			[BM5, 'pp'],
			[BM8, 'pp']
		]);
		const [bm5, bm8] = gaps;
		expect(bm5!.group).toEqual({ eligible: 4, met: 3, onTrack: 0, atRisk: 0, missed: 1, notApplicable: 1 });
		expect(bm5!.rest).toEqual({ eligible: 10, met: 8, onTrack: 1, atRisk: 1, missed: 0, notApplicable: 0 });
		expect(bm5!.groupPercent).toBe(75);
		expect(bm5!.restPercent).toBe(80);
		expect(bm5!.gap).toBeCloseTo(-5);
		expect(bm5!.flagged).toBe(false);
		// BM8: only Pupil Premium pupils have a result — the rest has no eligible pupil, so no gap and no flag
		expect(bm8!.groupPercent).toBe(100);
		expect(bm8!.restPercent).toBeNull();
		expect(bm8!.gap).toBeNull();
		expect(bm8!.flagged).toBe(false);
	});

	it('flags a gap of exactly 10.0 points below the rest, not 9.9', () => {
		// group 90% (9 of 10), rest 100%: 10.0 points behind
		const ten = equityGaps(
			[
				...pupils(9, 'met', { pupilPremium: true }),
				...pupils(1, 'missed', { pupilPremium: true }),
				...pupils(5, 'met')
			],
			rules,
			pp
		)[0]!;
		expect(ten.gap).toBeCloseTo(-10);
		expect(ten.flagged).toBe(true);
		expect(gapWords(ten.gap!)).toBe('Gap of 10 points');
		// group 90% (9 of 10), rest 99.9% (999 of 1000): 9.9 points behind
		const nineNine = equityGaps(
			[
				...pupils(9, 'met', { pupilPremium: true }),
				...pupils(1, 'missed', { pupilPremium: true }),
				...pupils(999, 'met'),
				...pupils(1, 'missed')
			],
			rules,
			pp
		)[0]!;
		expect(nineNine.gap).toBeCloseTo(-9.9);
		expect(nineNine.flagged).toBe(false);
		expect(gapPoints(nineNine.gap!)).toBe('9.9');
	});

	it('flags 10 points even when floating point makes it 9.999…', () => {
		// group 1 of 3 (33.3…%), rest 13 of 30 (43.3…%): exactly 10 points, not exactly in binary
		const gap = equityGaps(
			[
				...pupils(1, 'met', { eal: true }),
				...pupils(2, 'missed', { eal: true }),
				...pupils(13, 'met'),
				...pupils(17, 'missed')
			],
			rules,
			[equityGroup('eal')!]
		)[0]!;
		expect(Math.abs(gap.gap! + 10)).toBeLessThan(1e-9);
		expect(gap.flagged).toBe(true);
		expect(gapPoints(gap.gap!)).toBe('10');
	});

	it('never flags a group ahead of the rest', () => {
		const ahead = equityGaps([...pupils(10, 'met', { pupilPremium: true }), ...pupils(5, 'missed')], rules, pp)[0]!;
		expect(ahead.gap).toBe(100);
		expect(ahead.flagged).toBe(false);
	});

	it('gives no figure and no flag for an empty group', () => {
		const gaps = equityGaps(pupils(10, 'missed'), rules);
		const lookedAfter = gaps.find((g) => g.ruleId === BM5 && g.groupId === 'looked-after')!;
		expect(lookedAfter.group.eligible).toBe(0);
		expect(lookedAfter.rest.eligible).toBe(10);
		expect(lookedAfter.groupPercent).toBeNull();
		expect(lookedAfter.gap).toBeNull();
		expect(lookedAfter.flagged).toBe(false);
		expect(gaps).toHaveLength(rules.length * EQUITY_GROUPS.length);
	});

	it('gives no figure when the group\u2019s pupils are all not applicable', () => {
		const gap = equityGaps(
			[...pupils(4, 'not-applicable', { pupilPremium: true }), ...pupils(4, 'met')],
			rules,
			pp
		)[0]!;
		expect(gap.group).toMatchObject({ eligible: 0, notApplicable: 4 });
		expect(gap.groupPercent).toBeNull();
		expect(gap.restPercent).toBe(100);
		expect(gap.flagged).toBe(false);
	});

	it('puts every pupil on exactly one side for each group', () => {
		const cohort = [
			...pupils(3, 'met', { gender: 'M', senProvision: 'K' }),
			...pupils(2, 'missed', { gender: null, attendancePercent: 85 }),
			...pupils(4, 'on-track')
		];
		for (const g of equityGaps(cohort, rules).filter((g) => g.ruleId === BM5))
			expect(g.group.eligible + g.rest.eligible).toBe(9);
	});
});

describe('isFlaggedGap and gap words', () => {
	it('flags at -10 and below only', () => {
		expect(isFlaggedGap(-10)).toBe(true);
		expect(isFlaggedGap(-25)).toBe(true);
		expect(isFlaggedGap(-9.99)).toBe(false);
		expect(isFlaggedGap(10)).toBe(false);
		expect(isFlaggedGap(null)).toBe(false);
	});

	it('shows points cut to one decimal place', () => {
		expect(gapPoints(-12.46)).toBe('12.4');
		expect(gapPoints(-9.96)).toBe('9.9');
		expect(gapWords(-1)).toBe('Gap of 1 point');
		expect(gapWords(-15.25)).toBe('Gap of 15.2 points');
	});
});
