import { describe, expect, it } from 'vitest';
import {
	actualDestinationYears,
	DESTINATION_GROUP_LABELS,
	DESTINATION_GROUPS,
	destinationGroup,
	firstDestinationYear,
	intendedRecordedIn,
	isPost16Leaver,
	leavingYearGroup,
	NCCIS_CODES,
	nccisCode,
	parseNccisCode,
	percent,
	rollUpDestinations
} from './destinations.ts';

describe('the NCCIS roll-up', () => {
	it('maps every code to one of the groups', () => {
		// Every code data-standards.md lists: 5 + 9 + 8 + 5 + 1 + 5 + 7 + 2 + 3.
		expect(NCCIS_CODES.length).toBe(45);
		for (const c of NCCIS_CODES) {
			expect(c.code, c.label).toMatch(/^[0-9]{3}$/);
			expect(DESTINATION_GROUPS, c.code).toContain(destinationGroup(c.code));
			expect(DESTINATION_GROUP_LABELS[c.group], c.code).toBeTruthy();
		}
		expect(new Set(NCCIS_CODES.map((c) => c.code)).size).toBe(NCCIS_CODES.length);
	});

	it.each([
		['310', 'apprenticeship'],
		['240', 'education'],
		['210', 'education'],
		['230', 'education'],
		['330', 'employment'],
		['340', 'employment'],
		['410', 'training'],
		['530', 'training'],
		['540', 'neet'],
		['619', 'neet'],
		['640', 'neet'],
		['680', 'neet'],
		['810', 'not-known'],
		['830', 'not-known'],
		['150', 'not-known'],
		['110', 'other'],
		['720', 'other'],
		[' 310 ', 'apprenticeship']
	])('%s → %s', (code, group) => {
		expect(destinationGroup(code)).toBe(group);
	});

	it.each(['999', '300', '', 'abc', '2301', '31'])('an unknown code “%s” has no group', (code) => {
		expect(destinationGroup(code)).toBeUndefined();
		expect(nccisCode(code)).toBeUndefined();
	});

	it('gives every group of the data standard at least one code', () => {
		for (const g of DESTINATION_GROUPS)
			expect(
				NCCIS_CODES.some((c) => c.group === g),
				g
			).toBe(true);
	});
});

describe('parseNccisCode', () => {
	it.each([
		['230', '230'],
		['230 Further education', '230'],
		['230 – Further education', '230'],
		['Further education', '230'],
		['further  EDUCATION', '230'],
		['Apprenticeship', '310'],
		['619', '619'],
		['Not known', '810']
	])('%s → %s', (text, code) => {
		expect(parseNccisCode(text)?.code).toBe(code);
	});

	it.each(['', '999', 'College', '2301', '230230'])('refuses “%s”', (text) => {
		expect(parseNccisCode(text)).toBeUndefined();
	});
});

describe('which year a destination is for', () => {
	it('records an intended destination in the year before it', () => {
		expect(intendedRecordedIn(2027)).toBe(2026);
	});

	it.each([
		// A summer leaver starts their destination the next September.
		['2026-07-17', 2026, [2026, 2027, 2028]],
		['2026-06-26', 2026, [2026, 2027, 2028]],
		['2026-08-31', 2026, [2026, 2027, 2028]],
		// Someone leaving during the year is in their destination that year.
		['2026-01-15', 2025, [2025, 2026, 2027]],
		['2025-10-03', 2025, [2025, 2026, 2027]],
		['2026-05-29', 2025, [2025, 2026, 2027]]
	])('left %s: first year %i, followed in %j', (leavingDate, first, years) => {
		expect(firstDestinationYear(leavingDate)).toBe(first);
		expect(actualDestinationYears(leavingDate)).toEqual(years);
	});

	it('knows the year group a pupil left from and whether that makes them a post-16 leaver', () => {
		// Entered Year 7 in 2021: Year 11 in 2025/26, Year 13 in 2027/28.
		expect(leavingYearGroup(2021, '2026-07-17')).toBe(11);
		expect(isPost16Leaver(2021, '2026-07-17')).toBe(true);
		expect(leavingYearGroup(2021, '2025-03-10')).toBe(10);
		expect(isPost16Leaver(2021, '2025-03-10')).toBe(false);
		expect(leavingYearGroup(2021, '2028-07-21')).toBe(13);
		expect(isPost16Leaver(2021, '2027-01-12')).toBe(true);
	});
});

describe('rollUpDestinations', () => {
	it('counts each group, treats nothing recorded as not known, and gives shares of the whole cohort', () => {
		const r = rollUpDestinations(['210', '230', '240', '310', '330', '410', '619', '810', null, null]);
		expect(r.total).toBe(10);
		expect(r.recorded).toBe(8);
		expect(r.none).toBe(2);
		expect(r.byGroup).toEqual({
			education: 3,
			apprenticeship: 1,
			employment: 1,
			training: 1,
			neet: 1,
			'not-known': 1,
			other: 0
		});
		expect(r.neetShare).toBe(0.1);
		expect(r.notKnownShare).toBeCloseTo(0.3);
	});

	it('has no shares for an empty cohort', () => {
		const r = rollUpDestinations([]);
		expect(r.total).toBe(0);
		expect(r.neetShare).toBeNull();
		expect(r.notKnownShare).toBeNull();
	});

	it('writes shares as percentages', () => {
		expect(percent(0.125)).toBe('12.5%');
		expect(percent(1 / 3)).toBe('33.3%');
		expect(percent(0)).toBe('0%');
		expect(percent(1)).toBe('100%');
		expect(percent(null)).toBe('–');
	});
});
