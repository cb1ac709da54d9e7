/**
 * Academic years and year groups. Dates are Europe/London calendar dates; an academic year runs from
 * 1 September to 31 August and is named after the years it spans, "2025/26".
 *
 * A pupil's year group is never stored: it is derived from the academic year and the cohort
 * (`enteredYear7`, the starting calendar year of the academic year in which the pupil was, or would
 * be, in Year 7), so the September rollover needs nothing doing.
 */

export const TIME_ZONE = 'Europe/London';

const londonDateFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Europe/London calendar date of an instant, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
	if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
	const parts = londonDateFormat.formatToParts(instant);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Today's date in London, YYYY-MM-DD. */
export function todayInLondon(now: Date = new Date()): string {
	return londonDate(now);
}

/**
 * The London calendar date of the input: a plain "YYYY-MM-DD" is taken as that calendar date; any
 * other string, or a Date, is an instant converted to London time.
 */
function calendarDate(date: Date | string): { year: number; month: number; day: number } {
	const iso = typeof date === 'string' ? date.trim() : londonDate(date);
	const match = ISO_DATE.exec(iso);
	if (match) {
		const year = Number(match[1]);
		const month = Number(match[2]);
		const day = Number(match[3]);
		if (month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`Invalid date: ${iso}`);
		return { year, month, day };
	}
	const instant = new Date(iso);
	if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid date: ${String(date)}`);
	return calendarDate(londonDate(instant));
}

/** The calendar year in which the academic year containing this London date starts. */
export function academicYearStart(date: Date | string): number {
	const { year, month } = calendarDate(date);
	return month >= 9 ? year : year - 1;
}

/** "2025/26" for the academic year starting in September 2025. */
export function academicYearName(startYear: number): string {
	return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Parses "2025/26" (or "2025-26", "2025/2026") back to 2025; undefined when it is not a valid name. */
export function parseAcademicYearName(name: string): number | undefined {
	const match = /^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$/.exec(name);
	if (!match) return undefined;
	const start = Number(match[1]);
	const end = match[2] ?? '';
	const expected = end.length === 2 ? (start + 1) % 100 : start + 1;
	return Number(end) === expected ? start : undefined;
}

/** First and last day (YYYY-MM-DD) of the academic year starting in `startYear`. */
export function academicYearBounds(startYear: number): { start: string; end: string } {
	return { start: `${startYear}-09-01`, end: `${startYear + 1}-08-31` };
}

/** National curriculum year of a cohort in an academic year: 7 in the year it entered Year 7. */
export function yearGroup(enteredYear7: number, academicYearStart: number): number {
	return academicYearStart - enteredYear7 + 7;
}

/** The cohort (`enteredYear7`) that is in `yearGroup` during the academic year starting `academicYearStart`. */
export function enteredYear7For(yearGroup: number, academicYearStart: number): number {
	return academicYearStart - yearGroup + 7;
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * "12 November 2025" (or "Wednesday 12 November 2025" with the weekday) for 2025-11-12. Written out by
 * hand: Intl formatting costs tens of microseconds a call, and the compliance reasons make thousands.
 */
export function longDate(iso: string, weekday = false): string {
	const year = Number(iso.slice(0, 4));
	const month = Number(iso.slice(5, 7));
	const day = Number(iso.slice(8, 10));
	const text = `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
	return weekday ? `${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]} ${text}` : text;
}
