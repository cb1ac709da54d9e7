/**
 * Which term and half-term a date falls in, using approximate English school term dates (each school's
 * own dates differ by a week or so; this is for placing dated activities on the sequence grid):
 *
 * - Autumn: September–December; half-term 1 to the end of October, half-term 2 from November.
 * - Spring: January to Easter (taken as the end of March); half-term 3 to mid-February (the 15th),
 *   half-term 4 from the 16th.
 * - Summer: April–July (and August, which belongs to no term but is closest to summer); half-term 5 to
 *   the end of May, half-term 6 from June.
 *
 * Dates are Europe/London calendar dates: a plain "YYYY-MM-DD" is that date; an instant (a Date or an
 * ISO timestamp) is first converted to the London date, so 11pm on 31 October in London is still
 * half-term 1 even though it is 1 November in some other time zone's reckoning.
 */
import { londonDate } from './academic-year.ts';
import { termOfHalfTerm, type HalfTerm, type Term } from './activities.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function monthAndDay(date: Date | string): { month: number; day: number } {
	const iso = typeof date === 'string' && ISO_DATE.test(date.trim()) ? date.trim() : londonDate(new Date(date));
	const match = ISO_DATE.exec(iso);
	if (!match) throw new RangeError(`Invalid date: ${String(date)}`);
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`Invalid date: ${iso}`);
	return { month, day };
}

/** The half-term (1–6) a London date falls in. */
export function halfTermOfDate(date: Date | string): HalfTerm {
	const { month, day } = monthAndDay(date);
	if (month >= 9 && month <= 10) return 1;
	if (month >= 11) return 2;
	if (month === 1 || (month === 2 && day <= 15)) return 3;
	if (month <= 3) return 4;
	if (month <= 5) return 5;
	return 6;
}

/** The term a London date falls in. */
export function termOfDate(date: Date | string): Term {
	return termOfHalfTerm(halfTermOfDate(date));
}

/** Term and half-term together, for filling in a dated activity. */
export function termFromDate(date: Date | string): { term: Term; halfTerm: HalfTerm } {
	const halfTerm = halfTermOfDate(date);
	return { term: termOfHalfTerm(halfTerm), halfTerm };
}
