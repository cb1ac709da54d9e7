import { describe, expect, it } from 'vitest';
import { parseMeetingFormat } from './import.ts';

describe('parseMeetingFormat', () => {
	it.each([
		['one-to-one', 'one-to-one'],
		['One to one', 'one-to-one'],
		['1:1', 'one-to-one'],
		['1-1', 'one-to-one'],
		['Individual', 'one-to-one'],
		['small-group', 'small-group'],
		['Small group', 'small-group'],
		['GROUP', 'small-group']
	])('reads %s as %s', (text, expected) => {
		expect(parseMeetingFormat(text)).toBe(expected);
	});

	it.each(['', 'workshop', 'class', '2:1'])('does not guess at %j', (text) => {
		expect(parseMeetingFormat(text)).toBeUndefined();
	});
});
