import { describe, expect, it } from 'vitest';
import { coverage, coverageOf, findGaps, gapYearsByBenchmark, yearGroupsOf, yearGroupsText, type Gap } from './gaps.ts';

const all7to13 = { lowestYear: 7, highestYear: 13 };

/** Every cell of these benchmarks × years, for building expectations. */
function cells(benchmarks: number[], years: number[]): Gap[] {
	return benchmarks.flatMap((benchmark) => years.map((yearGroup) => ({ benchmark, yearGroup })));
}

describe('findGaps', () => {
	const cases: {
		name: string;
		activities: { yearGroups: number[]; benchmarks: number[] }[];
		range: { lowestYear: number; highestYear: number };
		benchmarks?: number[];
		expected: Gap[];
	}[] = [
		{
			name: 'nothing planned: every benchmark in every year is a gap',
			activities: [],
			range: { lowestYear: 7, highestYear: 8 },
			expected: cells([1, 2, 3, 4, 5, 6, 7, 8], [7, 8])
		},
		{
			name: 'an activity covers each of its benchmarks in each of its year groups',
			activities: [{ yearGroups: [7, 8], benchmarks: [5, 6] }],
			range: { lowestYear: 7, highestYear: 8 },
			benchmarks: [5, 6, 7],
			expected: cells([7], [7, 8])
		},
		{
			name: 'a sixth-form gap is found when only Years 7–11 have employer encounters',
			activities: [{ yearGroups: [7, 8, 9, 10, 11], benchmarks: [5] }],
			range: all7to13,
			benchmarks: [5],
			expected: cells([5], [12, 13])
		},
		{
			name: 'an activity not mapped to any benchmark covers nothing',
			activities: [{ yearGroups: [9], benchmarks: [] }],
			range: { lowestYear: 9, highestYear: 9 },
			benchmarks: [1],
			expected: [{ benchmark: 1, yearGroup: 9 }]
		},
		{
			name: 'year groups the school does not teach are ignored (an 11–16 school)',
			activities: [{ yearGroups: [12, 13], benchmarks: [7] }],
			range: { lowestYear: 7, highestYear: 11 },
			benchmarks: [7],
			expected: cells([7], [7, 8, 9, 10, 11])
		},
		{
			name: 'several activities together close every gap',
			activities: [
				{ yearGroups: [7], benchmarks: [1, 2] },
				{ yearGroups: [8], benchmarks: [1] },
				{ yearGroups: [8], benchmarks: [2] }
			],
			range: { lowestYear: 7, highestYear: 8 },
			benchmarks: [1, 2],
			expected: []
		},
		{
			name: 'a back-to-front year range has no year groups and so no gaps',
			activities: [],
			range: { lowestYear: 11, highestYear: 7 },
			expected: []
		},
		{
			name: 'gaps come by benchmark, then year group, whatever order benchmarks are given in',
			activities: [],
			range: { lowestYear: 12, highestYear: 13 },
			benchmarks: [8, 3, 3],
			expected: cells([3, 8], [12, 13])
		}
	];

	for (const c of cases) {
		it(c.name, () => {
			expect(findGaps(c.activities, c.range, c.benchmarks)).toEqual(c.expected);
		});
	}
});

describe('coverage', () => {
	it('counts each activity once per cell, even if it lists a year twice', () => {
		const counts = coverage(
			[
				{ yearGroups: [9, 9], benchmarks: [5, 5] },
				{ yearGroups: [9, 10], benchmarks: [5] }
			],
			all7to13
		);
		expect(coverageOf(counts, 5, 9)).toBe(2);
		expect(coverageOf(counts, 5, 10)).toBe(1);
		expect(coverageOf(counts, 5, 11)).toBe(0);
	});
});

describe('wording', () => {
	it.each([
		[[], ''],
		[[9], 'Year 9'],
		[[13, 12], 'Years 12, 13'],
		[[7, 7, 8], 'Years 7, 8']
	])('yearGroupsText(%j) is %j', (years, text) => {
		expect(yearGroupsText(years)).toBe(text);
	});

	it('groups gap years by benchmark', () => {
		const byBenchmark = gapYearsByBenchmark(findGaps([{ yearGroups: [7, 8, 9, 10, 11], benchmarks: [5] }], all7to13));
		expect(byBenchmark.get(5)).toEqual([12, 13]);
		expect(byBenchmark.get(1)).toEqual(yearGroupsOf(all7to13));
	});
});
