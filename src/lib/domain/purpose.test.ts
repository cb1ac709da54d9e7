import { describe, expect, it } from 'vitest';
import { isPurposeRating, purposeChange, scorePurpose, type PurposeAnswers } from './purpose.ts';

describe('scorePurpose (purpose scoring)', () => {
	it.each([
		{ name: 'nothing answered', ratings: [], expected: { answered: 0, total: 0, mean: null } },
		{ name: 'all unanswered', ratings: [null, null], expected: { answered: 0, total: 0, mean: null } },
		{ name: 'all answered', ratings: [5, 4, 3, 2, 1], expected: { answered: 5, total: 15, mean: 3 } },
		{
			name: 'partial answers: mean over answered only',
			ratings: [5, null, 4, null],
			expected: { answered: 2, total: 9, mean: 4.5 }
		},
		{
			name: 'out-of-scale values count as unanswered',
			ratings: [0, 6, 2.5, Number.NaN, 3],
			expected: { answered: 1, total: 3, mean: 3 }
		},
		{ name: 'a fractional mean', ratings: [4, 4, 5], expected: { answered: 3, total: 13, mean: 13 / 3 } }
	])('$name', ({ ratings, expected }) => {
		expect(scorePurpose(ratings)).toEqual(expected);
	});
});

describe('isPurposeRating', () => {
	it.each([
		[1, true],
		[5, true],
		[0, false],
		[6, false],
		[3.5, false],
		[null, false],
		['3', false]
	])('%s → %s', (value, expected) => {
		expect(isPurposeRating(value)).toBe(expected);
	});
});

const answers = (ratings: Record<string, number>): PurposeAnswers => ({ ratings });

describe('purposeChange (purpose change between start and end)', () => {
	it('is empty with nulls when neither questionnaire exists', () => {
		expect(purposeChange(null, null)).toEqual({ total: null, mean: null, perStatement: [] });
	});

	it('lists start-only answers with change null when the end is missing', () => {
		expect(purposeChange(answers({ a: 3, b: 4 }), null)).toEqual({
			total: null,
			mean: null,
			perStatement: [
				{ statementId: 'a', start: 3, end: null, change: null },
				{ statementId: 'b', start: 4, end: null, change: null }
			]
		});
	});

	it('lists end-only answers when the start is missing', () => {
		expect(purposeChange(null, answers({ a: 5 }))).toEqual({
			total: null,
			mean: null,
			perStatement: [{ statementId: 'a', start: null, end: 5, change: null }]
		});
	});

	it('sums the per-statement changes and means them when every statement is answered twice', () => {
		const result = purposeChange(answers({ a: 2, b: 3, c: 5 }), answers({ a: 4, b: 4, c: 4 }));
		expect(result.perStatement).toEqual([
			{ statementId: 'a', start: 2, end: 4, change: 2 },
			{ statementId: 'b', start: 3, end: 4, change: 1 },
			{ statementId: 'c', start: 5, end: 4, change: -1 }
		]);
		expect(result.total).toBe(2);
		expect(result.mean).toBeCloseTo(2 / 3);
	});

	it('compares like with like: statements answered once are left out of the totals', () => {
		// Start: a, b answered. End: b, c answered. Only b is comparable (3 → 5).
		const result = purposeChange(answers({ a: 1, b: 3 }), answers({ b: 5, c: 5 }));
		expect(result.total).toBe(2);
		expect(result.mean).toBe(2);
		expect(result.perStatement).toEqual([
			{ statementId: 'a', start: 1, end: null, change: null },
			{ statementId: 'b', start: 3, end: 5, change: 2 },
			{ statementId: 'c', start: null, end: 5, change: null }
		]);
	});

	it('does not count answering more statements at the end as growth', () => {
		// The naive total would go from 4 to 4+5+5 = 14; like with like, nothing changed.
		const result = purposeChange(answers({ a: 4 }), answers({ a: 4, b: 5, c: 5 }));
		expect(result.total).toBe(0);
		expect(result.mean).toBe(0);
	});

	it('has null totals when no statement was answered on both occasions', () => {
		const result = purposeChange(answers({ a: 4 }), answers({ b: 2 }));
		expect(result.total).toBeNull();
		expect(result.mean).toBeNull();
		expect(result.perStatement.map((s) => s.change)).toEqual([null, null]);
	});

	it('ignores out-of-scale ratings as if unanswered', () => {
		const result = purposeChange(answers({ a: 0, b: 3 }), answers({ a: 5, b: 9 }));
		expect(result.total).toBeNull();
		expect(result.perStatement).toEqual([
			{ statementId: 'b', start: 3, end: null, change: null },
			{ statementId: 'a', start: null, end: 5, change: null }
		]);
	});

	it('reports a fall in purpose as a negative change', () => {
		const result = purposeChange(answers({ a: 5, b: 5 }), answers({ a: 3, b: 4 }));
		expect(result.total).toBe(-3);
		expect(result.mean).toBe(-1.5);
	});
});
