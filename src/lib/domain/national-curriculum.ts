/**
 * National curriculum years as an MIS exports them (`NCyearActual`): N1, N2 (nursery), R (reception),
 * 1 to 14, and X (not following national curriculum years). Pure: no I/O.
 *
 * A pupil's year group is never stored. An import reads the NC Year the file gives for one academic year
 * and stores the cohort (`enteredYear7`, see academic-year.ts); for X the cohort comes from the date of
 * birth: a child born 1 September Y – 31 August Y+1 enters Year 7 in September Y+12.
 */
import { academicYearName, academicYearStart } from './academic-year.ts';

/** Nursery 1 and 2 and reception as numbers, so years compare and subtract: N1 = -2, N2 = -1, R = 0. */
export const NURSERY_1 = -2;
export const NURSERY_2 = -1;
export const RECEPTION = 0;
export const HIGHEST_NC_YEAR = 14;

export type NcYear =
	/** A national curriculum year: N1 = -2, N2 = -1, R = 0, then 1 to 14. */
	| { kind: 'year'; year: number }
	/** X: not following national curriculum years. */
	| { kind: 'x' };

export type NcYearResult = { ok: true; value: NcYear } | { ok: false; reason: string };

const EXPECTED = 'Use N1, N2, R, a year from 1 to 14 (such as 7, 07, Y7 or Year 7), or X';

/**
 * Reads an NC year as an MIS or a person writes it: "N1", "N2", "R" or "Reception", "1" to "14" with or
 * without a leading zero or a "Y"/"Yr"/"Year"/"NC" prefix ("07", "Y7", "Year 7"), and "X". Case and spaces
 * do not matter.
 */
export function parseNcYear(value: string): NcYearResult {
	const s = value.replace(/\s+/g, '').toUpperCase();
	if (s === '') return { ok: false, reason: `The NC year is missing. ${EXPECTED}` };
	if (s === 'X') return { ok: true, value: { kind: 'x' } };
	if (s === 'N1' || s === 'NURSERY1') return { ok: true, value: { kind: 'year', year: NURSERY_1 } };
	if (s === 'N2' || s === 'NURSERY2') return { ok: true, value: { kind: 'year', year: NURSERY_2 } };
	if (s === 'R' || s === 'RECEPTION' || s === 'YR') return { ok: true, value: { kind: 'year', year: RECEPTION } };
	const m = /^(?:NCYEAR|NCY|NC|YEAR|YR|Y)?(\d{1,3})$/.exec(s);
	if (m) {
		const year = Number(m[1]);
		if (year >= 1 && year <= HIGHEST_NC_YEAR) return { ok: true, value: { kind: 'year', year } };
	}
	return { ok: false, reason: `“${value.trim()}” is not a national curriculum year. ${EXPECTED}` };
}

/** "N1", "N2", "Reception", "Year 7", "X" — for messages and pages. */
export function ncYearLabel(ncYear: NcYear): string {
	if (ncYear.kind === 'x') return 'X (not following national curriculum years)';
	if (ncYear.year === NURSERY_1) return 'N1';
	if (ncYear.year === NURSERY_2) return 'N2';
	if (ncYear.year === RECEPTION) return 'Reception';
	return `Year ${ncYear.year}`;
}

export type Phase = { lowestYear: number; highestYear: number };

/** Whether a school with these year groups teaches the NC year. X is always accepted: it is not a year group. */
export function ncYearInPhase(ncYear: NcYear, phase: Phase): boolean {
	return ncYear.kind === 'x' || (ncYear.year >= phase.lowestYear && ncYear.year <= phase.highestYear);
}

/**
 * The cohort (`enteredYear7`) a date of birth (YYYY-MM-DD) belongs to: a child born between 1 September Y
 * and 31 August Y+1 enters Year 7 in September Y+12.
 */
export function cohortFromDateOfBirth(dateOfBirth: string): number {
	return academicYearStart(dateOfBirth) + 12;
}

/** The NC year a child born on this date is in during the academic year starting in `academicYear`. */
export function ncYearFromDateOfBirth(dateOfBirth: string, academicYear: number): number {
	return academicYear - cohortFromDateOfBirth(dateOfBirth) + 7;
}

/**
 * Years a secondary school's pupils can plausibly be in, judged from their date of birth: two years
 * either side of Years 7 to 14, for pupils taught out of their year group. Outside this the date of birth
 * is almost certainly mistyped.
 */
export const PLAUSIBLE_SECONDARY_YEARS = { lowest: 5, highest: 16 } as const;

/**
 * Why a date of birth (YYYY-MM-DD) cannot be right for a secondary school pupil in the academic year,
 * or undefined when it can. `today` is the Europe/London date.
 */
export function secondaryDateOfBirthProblem(
	dateOfBirth: string,
	academicYear: number,
	today: string
): string | undefined {
	if (dateOfBirth > today) return 'The date of birth is in the future';
	const year = ncYearFromDateOfBirth(dateOfBirth, academicYear);
	const age = year + 4; // age on 31 August before the academic year: 11 in Year 7
	if (year < PLAUSIBLE_SECONDARY_YEARS.lowest || year > PLAUSIBLE_SECONDARY_YEARS.highest)
		return `A pupil born then would be ${age} at the start of the ${academicYearName(academicYear)} academic year, which is not a secondary school age (about 11 to 18). Check the date of birth`;
	return undefined;
}
