import { describe, expect, it } from 'vitest';
import { resolveFramework } from './benchmarks.ts';
import {
	benchmarkScores,
	changeWords,
	compareScores,
	figuresDate,
	isSnapshotDate,
	nextSnapshot,
	overallScore,
	prefillFromCounts,
	previousSnapshot,
	snapshotChoices,
	snapshotLabel,
	snapshotOf,
	wholePercentDown,
	type EvaluationAnswer
} from './evaluation.ts';

describe('snapshot dates', () => {
	it.each([
		['2025-12-31', 2025, 'autumn'],
		['2026-03-31', 2025, 'spring'],
		['2026-07-31', 2025, 'summer']
	])('%s is the %s snapshot of the year starting %i', (date, year, term) => {
		expect(snapshotOf(date)).toEqual({ date, academicYear: year, term });
		expect(isSnapshotDate(date)).toBe(true);
	});

	it.each(['2026-03-30', '2026-04-01', '2025-12-30', '2026-08-31', '31/03/2026', '', '2026-3-31'])(
		'%s is not a snapshot date',
		(date) => {
			expect(snapshotOf(date)).toBeUndefined();
			expect(isSnapshotDate(date)).toBe(false);
		}
	);

	it.each([
		['2025-09-01', '2025-12-31'],
		['2025-12-30', '2025-12-31'],
		['2025-12-31', '2025-12-31'],
		['2026-01-01', '2026-03-31'],
		['2026-03-31', '2026-03-31'],
		['2026-04-01', '2026-07-31'],
		['2026-07-31', '2026-07-31'],
		['2026-08-01', '2026-12-31'],
		['2026-08-31', '2026-12-31']
	])('the next snapshot on or after %s is %s', (today, expected) => {
		expect(nextSnapshot(today).date).toBe(expected);
	});

	it.each([
		['2026-03-31', '2025-12-31'],
		['2026-04-01', '2026-03-31'],
		['2025-12-31', '2025-07-31'],
		['2025-09-10', '2025-07-31']
	])('the last snapshot before %s is %s', (date, expected) => {
		expect(previousSnapshot(date).date).toBe(expected);
	});

	it('offers the next snapshot first, then earlier ones newest first', () => {
		expect(snapshotChoices('2026-03-16').map((s) => s.date)).toEqual([
			'2026-03-31',
			'2025-12-31',
			'2025-07-31',
			'2025-03-31'
		]);
	});

	it('names a snapshot by term and academic year', () => {
		expect(snapshotLabel(snapshotOf('2026-03-31')!)).toBe('Spring term 2025/26 (31 March 2026)');
		expect(snapshotLabel(snapshotOf('2025-12-31')!)).toBe('Autumn term 2025/26 (31 December 2025)');
	});

	it('takes figures as of the snapshot, or today when earlier, but not before the year starts', () => {
		expect(figuresDate(snapshotOf('2026-03-31')!, '2026-05-01')).toBe('2026-03-31');
		expect(figuresDate(snapshotOf('2026-03-31')!, '2026-03-16')).toBe('2026-03-16');
		expect(figuresDate(snapshotOf('2026-03-31')!, '2026-03-31')).toBe('2026-03-31');
		expect(figuresDate(snapshotOf('2026-12-31')!, '2026-08-15')).toBe('2026-09-01');
	});
});

describe('pre-fill of a pupil-level criterion from coverage', () => {
	const AS_OF = '2026-03-31';
	it.each([
		// met, eligible, threshold, expected
		[430, 430, 100, 'achieved'],
		[429, 430, 100, 'in-progress'],
		[1, 430, 100, 'in-progress'],
		[0, 430, 100, 'not-started'],
		[0, 430, 1, 'not-started'],
		[5, 500, 1, 'achieved'],
		[4, 500, 1, 'in-progress'],
		// 412 / 430 = 95.81%: below 96, at or above 95.
		[412, 430, 96, 'in-progress'],
		[412, 430, 95, 'achieved'],
		[9, 10, 90, 'achieved'],
		[8, 10, 90, 'in-progress']
	] as const)('%i of %i at a threshold of %i%% is %s', (met, eligible, threshold, expected) => {
		expect(prefillFromCounts({ met, eligible }, threshold, AS_OF).status).toBe(expected);
	});

	it('says the numbers in words, rounding the percentage down', () => {
		expect(prefillFromCounts({ met: 412, eligible: 430 }, 95, AS_OF).basis).toBe(
			'412 of 430 eligible pupils (95%) met it as of 31 March 2026.'
		);
		expect(prefillFromCounts({ met: 1203, eligible: 1204 }, 100, AS_OF).basis).toBe(
			'1,203 of 1,204 eligible pupils (99%) met it as of 31 March 2026; achieved needs every eligible pupil.'
		);
		expect(prefillFromCounts({ met: 3, eligible: 10 }, 80, AS_OF).basis).toContain('achieved needs 80% of eligible');
	});

	it('gives no pre-fill when no pupil is eligible', () => {
		const p = prefillFromCounts({ met: 0, eligible: 0 }, 100, AS_OF);
		expect(p.status).toBeNull();
		expect(p.basis).toMatch(/^Not pre-filled: .*Confirm from your own evidence\.$/);
	});

	it('rounds percentages down', () => {
		expect(wholePercentDown(999, 1000)).toBe(99);
		expect(wholePercentDown(0, 0)).toBe(0);
	});
});

describe('scores', () => {
	const f2024 = resolveFramework(2025);
	const bm1 = f2024.benchmarks.find((b) => b.number === 1)!.criteria.map((c) => c.id);
	const bm6 = f2024.benchmarks.find((b) => b.number === 6)!.criteria.map((c) => c.id);

	it('scores achieved 1, in progress ½, not started 0, averaged over the benchmark’s criteria', () => {
		expect(bm1).toHaveLength(7);
		const answers = new Map<string, EvaluationAnswer>([
			[bm1[0]!, 'achieved'],
			[bm1[1]!, 'achieved'],
			[bm1[2]!, 'in-progress'],
			[bm1[3]!, 'not-started'],
			[bm6[0]!, 'achieved'],
			[bm6[1]!, 'in-progress']
		]);
		const scores = benchmarkScores(f2024, answers);
		const one = scores.find((s) => s.benchmark === 1)!;
		// (1 + 1 + ½ + 0 + 0 + 0 + 0) / 7 = 35.7% → 36%; unanswered criteria count as not started.
		expect(one).toEqual({ benchmark: 1, score: 36, achieved: 2, inProgress: 1, notStarted: 4, criteria: 7 });
		expect(scores.find((s) => s.benchmark === 6)!.score).toBe(75);
		expect(scores.find((s) => s.benchmark === 2)!.score).toBe(0);
		expect(scores.map((s) => s.benchmark)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('rounds halves up and scores 100 when every criterion is achieved', () => {
		// One half of two criteria: 25%; one half of four: 12.5% → 13%.
		const two = { benchmarks: [{ number: 1 as const, criteria: [{ id: 'a' }, { id: 'b' }] }] };
		const four = {
			benchmarks: [{ number: 1 as const, criteria: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }] }]
		};
		const half = { a: 'in-progress' } as Record<string, EvaluationAnswer>;
		expect(benchmarkScores(two as never, half)[0]!.score).toBe(25);
		expect(benchmarkScores(four as never, half)[0]!.score).toBe(13);
		const all = Object.fromEntries(['a', 'b', 'c', 'd'].map((id) => [id, 'achieved'])) as Record<
			string,
			EvaluationAnswer
		>;
		expect(benchmarkScores(four as never, all)[0]!.score).toBe(100);
		// A benchmark with no criteria has no score.
		expect(benchmarkScores(four as never, all)[1]!.score).toBeNull();
	});

	it('gives the overall mean of the benchmarks', () => {
		expect(overallScore([{ score: 50 }, { score: 75 }, { score: null }])).toBe(63);
		expect(overallScore([{ score: null }])).toBeNull();
	});

	it('compares with the previous evaluation, in symbols and words', () => {
		const now = benchmarkScores(f2024, { [bm6[0]!]: 'achieved', [bm6[1]!]: 'achieved' });
		const before = benchmarkScores(f2024, { [bm6[0]!]: 'achieved', [bm1[0]!]: 'achieved' });
		const changes = compareScores(now, before);
		expect(changes.find((c) => c.benchmark === 6)).toMatchObject({
			score: 100,
			previous: 50,
			change: 50,
			direction: 'up',
			words: '▲ up 50 points'
		});
		expect(changes.find((c) => c.benchmark === 1)).toMatchObject({ change: -14, direction: 'down' });
		expect(changes.find((c) => c.benchmark === 2)).toMatchObject({ change: 0, words: 'no change' });
		expect(compareScores(now, null)[0]).toMatchObject({ previous: null, change: null, words: 'no previous score' });
		expect(changeWords(-1).words).toBe('▼ down 1 point');
	});
});
