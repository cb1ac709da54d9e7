import { describe, expect, it } from 'vitest';
import { duplicateStatements, durationText, hoursToMinutes, minutesToHours, moved } from './programmes.ts';
import { LEADING_WITH_PURPOSE } from './seed-programme.ts';

describe('durations', () => {
	it('reads hours as typed and writes them back', () => {
		expect(hoursToMinutes('2')).toBe(120);
		expect(hoursToMinutes('1.5')).toBe(90);
		expect(hoursToMinutes('1,5')).toBe(90);
		expect(hoursToMinutes('')).toBeNull();
		expect(hoursToMinutes('two')).toBeNull();
		expect(minutesToHours(90)).toBe('1.5');
		expect(minutesToHours(null)).toBe('');
	});
	it('says how long in words', () => {
		expect(durationText(120)).toBe('2 hours');
		expect(durationText(360)).toBe('6 hours');
		expect(durationText(90)).toBe('1 hour 30 minutes');
		expect(durationText(45)).toBe('45 minutes');
		expect(durationText(null)).toBe('');
	});
});

describe('duplicate statements', () => {
	it('finds seed 002 as printed (item 7 twice), ignoring case, spacing and a full stop', () => {
		const printed = LEADING_WITH_PURPOSE.statements.map((text, i) =>
			i === 7 ? { text: `the work that I do  will have a positive impact on others.` } : { text }
		);
		expect(duplicateStatements(printed)).toEqual([[7, 8]]);
	});
	it('finds none in the seed programme as Waymark ships it', () => {
		expect(duplicateStatements(LEADING_WITH_PURPOSE.statements.map((text) => ({ text })))).toEqual([]);
	});
});

describe('moving an item', () => {
	it('swaps with its neighbour and stays put at either end', () => {
		expect(moved(['a', 'b', 'c'], 1, 'up')).toEqual(['b', 'a', 'c']);
		expect(moved(['a', 'b', 'c'], 1, 'down')).toEqual(['a', 'c', 'b']);
		expect(moved(['a', 'b', 'c'], 0, 'up')).toEqual(['a', 'b', 'c']);
		expect(moved(['a', 'b', 'c'], 2, 'down')).toEqual(['a', 'b', 'c']);
	});
});

describe('the seed programme as data', () => {
	it('maps only activities and aims it has, sessions alone with durations', () => {
		const activities = new Set(LEADING_WITH_PURPOSE.activities.map((a) => a.key));
		const aims = new Set(LEADING_WITH_PURPOSE.aims.flatMap((a) => [a.key, ...(a.subAims ?? []).map((s) => s.key)]));
		for (const [aim, keys] of Object.entries(LEADING_WITH_PURPOSE.aimMapping)) {
			expect(aims.has(aim), aim).toBe(true);
			for (const key of keys) expect(activities.has(key), key).toBe(true);
		}
		for (const keys of Object.values(LEADING_WITH_PURPOSE.benchmarkMapping))
			for (const key of keys) expect(activities.has(key), key).toBe(true);
		expect(Object.keys(LEADING_WITH_PURPOSE.benchmarkMapping)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
		for (const a of LEADING_WITH_PURPOSE.activities) expect(a.durationMinutes !== null).toBe(a.kind === 'session');
		expect(LEADING_WITH_PURPOSE.statements).toHaveLength(10);
	});
});
