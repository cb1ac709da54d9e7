/**
 * Shapes of the programme pages, worked out from a list of activities (no I/O): the year group × half-term
 * sequence grid and the calendar month.
 */
import { HALF_TERM_LABELS, HALF_TERMS, halfTermsOf, TERM_LABELS, TERMS, type Term } from '../../domain/activities.ts';

type Placed = {
	id: string;
	title: string;
	yearGroups: number[];
	term: Term | null;
	halfTerm: number | null;
	startDate: string | null;
	endDate: string | null;
};

export type GridEntry = { id: string; title: string; wholeTerm: boolean };
export type GridColumn = { key: string; label: string };
export type SequenceGrid = {
	columns: GridColumn[];
	rows: { yearGroup: number; cells: GridEntry[][] }[];
};

/** The column key of the "any time / not scheduled" column. */
export const UNSCHEDULED = 'unscheduled';

/**
 * Year groups (rows) × half-terms Autumn 1 … Summer 2, then "Any time / not scheduled". An activity planned
 * for a term but no half-term appears in both of that term's half-terms, marked as for the whole term.
 */
export function sequenceGrid(list: readonly Placed[], lowestYear: number, highestYear: number): SequenceGrid {
	const columns: GridColumn[] = [
		...HALF_TERMS.map((h) => ({ key: String(h), label: HALF_TERM_LABELS[h] })),
		{ key: UNSCHEDULED, label: 'Any time / not scheduled' }
	];
	const index = new Map(columns.map((c, i) => [c.key, i]));
	const rows = [];
	for (let yearGroup = lowestYear; yearGroup <= highestYear; yearGroup++) {
		const cells: GridEntry[][] = columns.map(() => []);
		for (const a of list) {
			if (!a.yearGroups.includes(yearGroup)) continue;
			if (a.halfTerm) cells[index.get(String(a.halfTerm)) ?? columns.length - 1]?.push(entry(a, false));
			else if (a.term) for (const h of halfTermsOf(a.term)) cells[index.get(String(h)) as number]?.push(entry(a, true));
			else cells[columns.length - 1]?.push(entry(a, false));
		}
		rows.push({ yearGroup, cells });
	}
	return { columns, rows };
}

function entry(a: Placed, wholeTerm: boolean): GridEntry {
	return { id: a.id, title: a.title, wholeTerm };
}

export type CalendarDay = { date: string; day: number; inMonth: boolean; activities: { id: string; title: string }[] };
export type CalendarMonth = {
	month: string;
	label: string;
	previous: string;
	next: string;
	previousLabel: string;
	nextLabel: string;
	weeks: CalendarDay[][];
	/** Dated activities touching the month, in date order, for a plain list. */
	dated: { id: string; title: string; startDate: string; endDate: string | null }[];
};

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-02" or undefined when the value is not a month. */
export function parseMonth(value: string | null | undefined): string | undefined {
	return value && MONTH.test(value) ? value : undefined;
}

function isoDate(d: Date): string {
	return d.toISOString().slice(0, 10);
}

function addMonths(month: string, n: number): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const d = new Date(Date.UTC(y, m - 1 + n, 1));
	return d.toISOString().slice(0, 7);
}

export function monthLabel(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
}

/** The academic year (its starting calendar year) a month belongs to. */
export function academicYearOfMonth(month: string): number {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return m >= 9 ? y : y - 1;
}

/** Weeks Monday to Sunday covering the month; each day lists the activities running on it. */
export function calendarMonth(month: string, list: readonly Placed[]): CalendarMonth {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const first = new Date(Date.UTC(y, m - 1, 1));
	const last = new Date(Date.UTC(y, m, 0));
	const start = new Date(first);
	start.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7));
	const firstIso = isoDate(first);
	const lastIso = isoDate(last);
	const dated = list
		.filter((a): a is Placed & { startDate: string } => a.startDate !== null)
		.filter((a) => a.startDate <= lastIso && (a.endDate ?? a.startDate) >= firstIso)
		.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.title.localeCompare(b.title));
	const weeks: CalendarDay[][] = [];
	for (const d = new Date(start); d <= last || weeks.at(-1)?.length !== 7; d.setUTCDate(d.getUTCDate() + 1)) {
		if (weeks.length === 0 || weeks.at(-1)?.length === 7) weeks.push([]);
		const date = isoDate(d);
		weeks.at(-1)?.push({
			date,
			day: d.getUTCDate(),
			inMonth: d.getUTCMonth() === m - 1,
			activities:
				d.getUTCMonth() === m - 1
					? dated
							.filter((a) => a.startDate <= date && (a.endDate ?? a.startDate) >= date)
							.map((a) => ({ id: a.id, title: a.title }))
					: []
		});
	}
	return {
		month,
		label: monthLabel(month),
		previous: addMonths(month, -1),
		next: addMonths(month, 1),
		previousLabel: monthLabel(addMonths(month, -1)),
		nextLabel: monthLabel(addMonths(month, 1)),
		weeks,
		dated: dated.map((a) => ({ id: a.id, title: a.title, startDate: a.startDate, endDate: a.endDate }))
	};
}

/** Activities with no date, grouped by term (then "not scheduled"), for below the calendar. */
export function undatedByTerm(
	list: readonly Placed[]
): { label: string; activities: { id: string; title: string }[] }[] {
	const undated = list.filter((a) => !a.startDate);
	const groups = TERMS.map((term) => ({
		label: `${TERM_LABELS[term]} term`,
		activities: undated.filter((a) => a.term === term).map((a) => ({ id: a.id, title: a.title }))
	}));
	groups.push({
		label: 'Any time / not scheduled',
		activities: undated.filter((a) => !a.term).map((a) => ({ id: a.id, title: a.title }))
	});
	return groups.filter((g) => g.activities.length > 0);
}
