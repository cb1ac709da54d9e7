import { describe, expect, it } from 'vitest';
import {
	cohortFromDateOfBirth,
	ncYearFromDateOfBirth,
	ncYearInPhase,
	ncYearLabel,
	parseNcYear,
	secondaryDateOfBirthProblem
} from './national-curriculum.ts';

describe('parseNcYear', () => {
	it.each([
		['N1', -2],
		['n2', -1],
		['R', 0],
		['Reception', 0],
		['1', 1],
		['7', 7],
		['07', 7],
		['Y7', 7],
		['y 7', 7],
		['Yr7', 7],
		['Year 7', 7],
		['YEAR 07', 7],
		['NC Year 11', 11],
		['13', 13],
		['14', 14],
		[' 10 ', 10]
	])('%j → year %i', (value, year) => {
		expect(parseNcYear(value)).toEqual({ ok: true, value: { kind: 'year', year } });
	});

	it.each(['X', 'x', ' X '])('%j → X', (value) => {
		expect(parseNcYear(value)).toEqual({ ok: true, value: { kind: 'x' } });
	});

	it.each([['0'], ['15'], ['N3'], ['Y'], ['7A'], ['7.5'], ['Year seven'], ['-1'], ['100']])('refuses %j', (value) => {
		const result = parseNcYear(value);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/not a national curriculum year.*N1, N2, R.*1 to 14.*X/);
	});

	it('says what is expected when empty', () => {
		const result = parseNcYear('  ');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/missing/);
	});
});

describe('ncYearLabel', () => {
	it('names each kind of year', () => {
		expect(ncYearLabel({ kind: 'year', year: -2 })).toBe('N1');
		expect(ncYearLabel({ kind: 'year', year: -1 })).toBe('N2');
		expect(ncYearLabel({ kind: 'year', year: 0 })).toBe('Reception');
		expect(ncYearLabel({ kind: 'year', year: 9 })).toBe('Year 9');
		expect(ncYearLabel({ kind: 'x' })).toMatch(/^X/);
	});
});

describe('ncYearInPhase', () => {
	const secondary = { lowestYear: 7, highestYear: 11 };
	it.each([
		[7, true],
		[11, true],
		[6, false],
		[12, false],
		[0, false]
	])('year %i in 7–11: %s', (year, inPhase) => {
		expect(ncYearInPhase({ kind: 'year', year }, secondary)).toBe(inPhase);
	});
	it('accepts X whatever the phase', () => {
		expect(ncYearInPhase({ kind: 'x' }, secondary)).toBe(true);
	});
});

describe('cohortFromDateOfBirth', () => {
	it.each([
		// born 1 Sep Y – 31 Aug Y+1 → enters Year 7 in September Y+12
		['2013-09-01', 2025],
		['2014-08-31', 2025],
		['2014-09-01', 2026],
		['2014-01-15', 2025],
		['2008-12-25', 2020]
	])('%s → entered Year 7 in %i', (dob, cohort) => {
		expect(cohortFromDateOfBirth(dob)).toBe(cohort);
	});

	it('gives the year group in any academic year', () => {
		expect(ncYearFromDateOfBirth('2013-09-01', 2025)).toBe(7);
		expect(ncYearFromDateOfBirth('2014-08-31', 2025)).toBe(7);
		expect(ncYearFromDateOfBirth('2014-09-01', 2025)).toBe(6);
		expect(ncYearFromDateOfBirth('2008-06-01', 2025)).toBe(13);
	});
});

describe('secondaryDateOfBirthProblem', () => {
	const today = '2026-02-10';
	it('accepts secondary ages, with room for pupils out of their year group', () => {
		expect(secondaryDateOfBirthProblem('2013-10-01', 2025, today)).toBeUndefined(); // Year 7
		expect(secondaryDateOfBirthProblem('2007-10-01', 2025, today)).toBeUndefined(); // Year 13
		expect(secondaryDateOfBirthProblem('2015-10-01', 2025, today)).toBeUndefined(); // Year 5 by age
		expect(secondaryDateOfBirthProblem('2004-10-01', 2025, today)).toBeUndefined(); // Year 16 by age
	});
	it('refuses a date in the future', () => {
		expect(secondaryDateOfBirthProblem('2026-02-11', 2025, today)).toMatch(/future/);
	});
	it('refuses an age no secondary pupil has', () => {
		expect(secondaryDateOfBirthProblem('2020-03-01', 2025, today)).toMatch(/would be 5 at the start of the 2025\/26/);
		expect(secondaryDateOfBirthProblem('1990-03-01', 2025, today)).toMatch(/would be 35/);
		expect(secondaryDateOfBirthProblem('2016-09-01', 2025, today)).toMatch(/would be 8/);
		expect(secondaryDateOfBirthProblem('2003-10-01', 2025, today)).toMatch(/would be 21/); // Year 17 by age
	});
});
