import { describe, expect, it } from 'vitest';
import { academicYearOfMonth, calendarMonth, parseMonth, sequenceGrid, undatedByTerm } from './views.ts';

const a = (
	id: string,
	yearGroups: number[],
	term: 'autumn' | 'spring' | 'summer' | null,
	halfTerm: number | null,
	startDate: string | null = null,
	endDate: string | null = null
) => ({ id, title: `Activity ${id}`, yearGroups, term, halfTerm, startDate, endDate });

describe('sequenceGrid', () => {
	it('puts each activity in its year groups’ half-term cells, whole-term ones in both, others at the end', () => {
		const grid = sequenceGrid(
			[a('fair', [10, 11], 'spring', 4), a('talks', [9], 'autumn', null), a('drop-in', [11], null, null)],
			9,
			11
		);
		expect(grid.columns.map((c) => c.label)).toEqual([
			'Autumn 1',
			'Autumn 2',
			'Spring 1',
			'Spring 2',
			'Summer 1',
			'Summer 2',
			'Any time / not scheduled'
		]);
		expect(grid.rows.map((r) => r.yearGroup)).toEqual([9, 10, 11]);
		const ids = (year: number) => grid.rows.find((r) => r.yearGroup === year)?.cells.map((c) => c.map((e) => e.id));
		expect(ids(9)).toEqual([['talks'], ['talks'], [], [], [], [], []]);
		expect(ids(10)).toEqual([[], [], [], ['fair'], [], [], []]);
		expect(ids(11)).toEqual([[], [], [], ['fair'], [], [], ['drop-in']]);
		expect(grid.rows[0]?.cells[0]?.[0]?.wholeTerm).toBe(true);
	});
});

describe('calendarMonth', () => {
	it('lays out February 2026 in Monday-to-Sunday weeks with activities on each day they run', () => {
		const cal = calendarMonth('2026-02', [
			a('fair', [10], 'spring', 4, '2026-02-26'),
			a('week', [10], 'spring', 3, '2026-01-30', '2026-02-02'),
			a('march', [10], 'spring', 4, '2026-03-02')
		]);
		expect(cal.label).toBe('February 2026');
		expect([cal.previous, cal.next]).toEqual(['2026-01', '2026-03']);
		// 1 February 2026 is a Sunday: the first week starts on Monday 26 January.
		expect(cal.weeks[0]?.[0]).toMatchObject({ date: '2026-01-26', inMonth: false, activities: [] });
		expect(cal.weeks.every((w) => w.length === 7)).toBe(true);
		expect(cal.weeks.at(-1)?.at(-1)?.date).toBe('2026-03-01');
		const day = (date: string) =>
			cal.weeks
				.flat()
				.find((d) => d.date === date)
				?.activities.map((x) => x.id);
		expect(day('2026-02-01')).toEqual(['week']);
		expect(day('2026-02-02')).toEqual(['week']);
		expect(day('2026-02-03')).toEqual([]);
		expect(day('2026-02-26')).toEqual(['fair']);
		expect(cal.dated.map((d) => d.id)).toEqual(['week', 'fair']);
	});

	it('knows which academic year a month is in, and what a month looks like', () => {
		expect(academicYearOfMonth('2026-02')).toBe(2025);
		expect(academicYearOfMonth('2025-09')).toBe(2025);
		expect(parseMonth('2026-13')).toBeUndefined();
		expect(parseMonth('2026-02')).toBe('2026-02');
		expect(calendarMonth('2025-12', []).next).toBe('2026-01');
	});

	it('lists undated activities by term', () => {
		expect(
			undatedByTerm([a('x', [7], 'summer', 5), a('y', [7], null, null), a('z', [7], 'spring', 3, '2026-01-10')])
		).toEqual([
			{ label: 'Summer term', activities: [{ id: 'x', title: 'Activity x' }] },
			{ label: 'Any time / not scheduled', activities: [{ id: 'y', title: 'Activity y' }] }
		]);
	});
});
