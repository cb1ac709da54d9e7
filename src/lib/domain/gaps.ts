/**
 * Gap analysis: which benchmark × year group cells of a careers programme have nothing planned.
 * Pure: given the planned activities (their year groups and the benchmarks each is mapped to) and the
 * school's year range, list the cells no activity covers.
 */

export const BENCHMARK_NUMBERS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8];

export type PlannedActivity = { yearGroups: readonly number[]; benchmarks: readonly number[] };
export type YearRange = { lowestYear: number; highestYear: number };
export type Gap = { benchmark: number; yearGroup: number };

/** The year groups a school teaches, lowest first (empty when the range is back to front). */
export function yearGroupsOf(range: YearRange): number[] {
	const years: number[] = [];
	for (let y = range.lowestYear; y <= range.highestYear; y++) years.push(y);
	return years;
}

function cellKey(benchmark: number, yearGroup: number): string {
	return `${benchmark}:${yearGroup}`;
}

/** How many activities cover each benchmark × year group cell ("5:9" → 2). Cells outside the range are left out. */
export function coverage(
	activities: readonly PlannedActivity[],
	range: YearRange,
	benchmarks: readonly number[] = BENCHMARK_NUMBERS
): Map<string, number> {
	const years = new Set(yearGroupsOf(range));
	const wanted = new Set(benchmarks);
	const counts = new Map<string, number>();
	for (const activity of activities) {
		// An activity listing a year or benchmark twice still counts once.
		for (const b of new Set(activity.benchmarks)) {
			if (!wanted.has(b)) continue;
			for (const y of new Set(activity.yearGroups)) {
				if (!years.has(y)) continue;
				counts.set(cellKey(b, y), (counts.get(cellKey(b, y)) ?? 0) + 1);
			}
		}
	}
	return counts;
}

/** How many activities cover one cell, from coverage(). */
export function coverageOf(counts: Map<string, number>, benchmark: number, yearGroup: number): number {
	return counts.get(cellKey(benchmark, yearGroup)) ?? 0;
}

/** Every benchmark × year group cell with nothing planned, by benchmark and then year group. */
export function findGaps(
	activities: readonly PlannedActivity[],
	range: YearRange,
	benchmarks: readonly number[] = BENCHMARK_NUMBERS
): Gap[] {
	const counts = coverage(activities, range, benchmarks);
	const gaps: Gap[] = [];
	for (const benchmark of [...new Set(benchmarks)].sort((a, b) => a - b)) {
		for (const yearGroup of yearGroupsOf(range)) {
			if (!counts.has(cellKey(benchmark, yearGroup))) gaps.push({ benchmark, yearGroup });
		}
	}
	return gaps;
}

/** The year groups of each benchmark's gaps: 6 → [12, 13]. Benchmarks without gaps are absent. */
export function gapYearsByBenchmark(gaps: readonly Gap[]): Map<number, number[]> {
	const byBenchmark = new Map<number, number[]>();
	for (const gap of gaps) byBenchmark.set(gap.benchmark, [...(byBenchmark.get(gap.benchmark) ?? []), gap.yearGroup]);
	return byBenchmark;
}

/** "Year 9", "Years 12, 13", "" for none. */
export function yearGroupsText(years: readonly number[]): string {
	const sorted = [...new Set(years)].sort((a, b) => a - b);
	if (sorted.length === 0) return '';
	return sorted.length === 1 ? `Year ${sorted[0]}` : `Years ${sorted.join(', ')}`;
}
