import { describe, expect, it } from 'vitest';
import { pageNumbers } from './pagination.ts';

describe('pageNumbers', () => {
	it.each([
		[1, 1, []],
		[1, 2, [1, 2]],
		[1, 5, [1, 2, null, 5]],
		[3, 5, [1, 2, 3, 4, 5]],
		[5, 10, [1, null, 4, 5, 6, null, 10]],
		[10, 10, [1, null, 9, 10]],
		[4, 7, [1, 2, 3, 4, 5, 6, 7]]
	])('page %i of %i', (current, total, expected) => {
		expect(pageNumbers(current, total)).toEqual(expected);
	});
});
