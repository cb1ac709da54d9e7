import { describe, expect, it } from 'vitest';
import { halfTermOfDate, termFromDate, termOfDate } from './terms.ts';

describe('termFromDate', () => {
	it.each([
		['2025-09-01', 'autumn', 1],
		['2025-10-31', 'autumn', 1],
		['2025-11-01', 'autumn', 2],
		['2025-12-19', 'autumn', 2],
		['2026-01-05', 'spring', 3],
		['2026-02-15', 'spring', 3],
		// Late February: after the February half-term holiday
		['2026-02-26', 'spring', 4],
		['2024-02-29', 'spring', 4],
		['2026-03-31', 'spring', 4],
		['2026-04-01', 'summer', 5],
		['2026-05-31', 'summer', 5],
		['2026-06-01', 'summer', 6],
		['2026-07-22', 'summer', 6],
		['2026-08-31', 'summer', 6]
	] as const)('%s is %s, half-term %i', (date, term, halfTerm) => {
		expect(termFromDate(date)).toEqual({ term, halfTerm });
		expect(termOfDate(date)).toBe(term);
		expect(halfTermOfDate(date)).toBe(halfTerm);
	});

	it('places an evening event by its London date', () => {
		// A 7pm parents' evening on 15 February (GMT): still before the half-term boundary.
		expect(termFromDate(new Date('2026-02-15T19:00:00Z'))).toEqual({ term: 'spring', halfTerm: 3 });
		// 23:30 UTC on 31 May is 00:30 on 1 June in London (BST): half-term 6, not 5.
		expect(termFromDate('2026-05-31T23:30:00Z')).toEqual({ term: 'summer', halfTerm: 6 });
		// 23:30 UTC on 31 August is 1 September in London: the autumn term of the next year.
		expect(termFromDate('2025-08-31T23:30:00Z')).toEqual({ term: 'autumn', halfTerm: 1 });
		// An evening in October after the clocks go back: London and UTC agree.
		expect(termFromDate('2025-10-31T21:00:00Z')).toEqual({ term: 'autumn', halfTerm: 1 });
	});

	it('refuses something that is not a date', () => {
		expect(() => termFromDate('2026-13-01')).toThrow(RangeError);
		expect(() => termFromDate('not a date')).toThrow(RangeError);
	});
});
