import { describe, expect, it } from 'vitest';
import {
	academicYearBounds,
	academicYearName,
	academicYearStart,
	enteredYear7For,
	londonDate,
	parseAcademicYearName,
	todayInLondon,
	yearGroup
} from './academic-year.ts';

describe('academicYearStart', () => {
	it.each([
		// Calendar dates
		['2025-09-01', 2025],
		['2025-08-31', 2024],
		['2026-01-15', 2025],
		['2026-08-31', 2025],
		['2024-02-29', 2023],
		['2025-12-31', 2025],
		// Instants: 23:30 UTC on 31 August is 00:30 on 1 September in London (BST)
		['2025-08-31T23:30:00Z', 2025],
		['2025-08-31T22:59:59Z', 2024],
		['2025-08-31T23:00:00Z', 2025],
		// 23:30 UTC on 31 August is still 31 August in UTC, but not in London
		['2025-08-31T23:30:00+00:00', 2025],
		// An explicit offset is respected
		['2025-09-01T00:30:00+01:00', 2025],
		['2025-08-31T23:59:00+01:00', 2024]
	])('%s → %i', (input, start) => {
		expect(academicYearStart(input)).toBe(start);
	});

	it('takes Date instants on the London calendar at the 31 August / 1 September boundary', () => {
		expect(academicYearStart(new Date(Date.UTC(2025, 7, 31, 23, 30)))).toBe(2025);
		expect(academicYearStart(new Date(Date.UTC(2025, 7, 31, 22, 30)))).toBe(2024);
		// In winter London is on GMT: 31 December 23:30 UTC is still 31 December
		expect(londonDate(new Date(Date.UTC(2025, 11, 31, 23, 30)))).toBe('2025-12-31');
	});

	it('refuses nonsense', () => {
		expect(() => academicYearStart('not a date')).toThrow(RangeError);
		expect(() => academicYearStart('2025-13-01')).toThrow(RangeError);
		expect(() => academicYearStart(new Date(Number.NaN))).toThrow(RangeError);
	});
});

describe('academic year names', () => {
	it.each([
		[2025, '2025/26'],
		[1999, '1999/00'],
		[2009, '2009/10'],
		[2099, '2099/00']
	])('%i → %s', (start, name) => {
		expect(academicYearName(start)).toBe(name);
	});

	it.each([
		['2025/26', 2025],
		['2025-26', 2025],
		[' 2025 / 2026 ', 2025],
		['1999/00', 1999],
		['2025/27', undefined],
		['25/26', undefined],
		['', undefined]
	])('parses %j → %s', (name, start) => {
		expect(parseAcademicYearName(name)).toBe(start);
	});

	it('gives the bounds of an academic year', () => {
		expect(academicYearBounds(2025)).toEqual({ start: '2025-09-01', end: '2026-08-31' });
	});
});

describe('year groups', () => {
	it.each([
		// enteredYear7, academic year, year group
		[2025, 2025, 7],
		[2021, 2025, 11],
		[2019, 2025, 13],
		[2020, 2025, 12],
		[2026, 2025, 6],
		[2018, 2025, 14]
	])('cohort %i in %i is Year %i', (entered, year, group) => {
		expect(yearGroup(entered, year)).toBe(group);
		expect(enteredYear7For(group, year)).toBe(entered);
	});

	it('rolls over in September without anything being edited', () => {
		const cohort = enteredYear7For(7, academicYearStart('2025-09-01'));
		expect(yearGroup(cohort, academicYearStart('2026-08-31'))).toBe(7);
		expect(yearGroup(cohort, academicYearStart('2026-09-01'))).toBe(8);
	});
});

describe('todayInLondon', () => {
	it('is a YYYY-MM-DD date', () => {
		expect(todayInLondon()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('uses the London calendar', () => {
		expect(todayInLondon(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
		expect(todayInLondon(new Date('2026-06-30T23:15:00Z'))).toBe('2026-07-01');
		expect(todayInLondon(new Date('2026-12-31T23:15:00Z'))).toBe('2026-12-31');
	});
});
