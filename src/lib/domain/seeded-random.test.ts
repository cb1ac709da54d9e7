import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';

function draws(seed: number | string, n = 20): number[] {
	const random = seededRandom(seed);
	return Array.from({ length: n }, () => random.next());
}

describe('seededRandom', () => {
	it('gives the same sequence for the same seed', () => {
		expect(draws('waymark-demo')).toEqual(draws('waymark-demo'));
		expect(draws(42)).toEqual(draws(42));
	});

	it('gives different sequences for different seeds', () => {
		expect(draws('waymark-demo')).not.toEqual(draws('waymark-demo-2'));
		expect(draws(1)).not.toEqual(draws(2));
		expect(draws(1)).not.toEqual(draws('1'));
	});

	it('is pinned: a change to the generator changes every demo, so it must be deliberate', () => {
		const random = seededRandom('waymark-demo');
		expect([random.int(0, 999), random.int(0, 999), random.int(0, 999)]).toEqual([17, 730, 213]);
		expect(seededRandom(42).next()).toBe(0.4041400912683457);
	});

	it('keeps next() in [0, 1) with a roughly uniform spread', () => {
		const values = draws('spread', 10_000);
		expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...values)).toBeLessThan(1);
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		expect(mean).toBeGreaterThan(0.48);
		expect(mean).toBeLessThan(0.52);
	});

	it('int covers both ends and nothing outside', () => {
		const random = seededRandom('int');
		const seen = new Set<number>();
		for (let i = 0; i < 2000; i++) seen.add(random.int(3, 7));
		expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
		expect(() => random.int(5, 4)).toThrow(RangeError);
		expect(() => random.int(1.5, 4)).toThrow(RangeError);
	});

	it('chance follows its probability', () => {
		const random = seededRandom('chance');
		let hits = 0;
		for (let i = 0; i < 10_000; i++) if (random.chance(0.25)) hits++;
		expect(hits).toBeGreaterThan(2300);
		expect(hits).toBeLessThan(2700);
		expect(random.chance(0)).toBe(false);
		expect(random.chance(1)).toBe(true);
	});

	it('pick and weighted choose from the items', () => {
		const random = seededRandom('pick');
		const items = ['a', 'b', 'c'] as const;
		for (let i = 0; i < 100; i++) expect(items).toContain(random.pick(items));
		expect(() => random.pick([])).toThrow(RangeError);
		const counts = { x: 0, y: 0 };
		for (let i = 0; i < 4000; i++) counts[random.weighted([['x', 3] as const, ['y', 1] as const])]++;
		expect(counts.x / 4000).toBeGreaterThan(0.7);
		expect(counts.x / 4000).toBeLessThan(0.8);
		expect(random.weighted([['only', 0] as const, ['this', 1] as const])).toBe('this');
	});

	it('shuffle returns a permutation and leaves the input alone', () => {
		const input = Array.from({ length: 50 }, (_, i) => i);
		const shuffled = seededRandom('shuffle').shuffle(input);
		expect(shuffled).not.toEqual(input);
		expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
		expect(input[0]).toBe(0);
		expect(seededRandom('shuffle').shuffle(input)).toEqual(shuffled);
	});

	it('normal has roughly the asked mean and spread', () => {
		const random = seededRandom('normal');
		const values = Array.from({ length: 10_000 }, () => random.normal(10, 2));
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
		expect(mean).toBeGreaterThan(9.9);
		expect(mean).toBeLessThan(10.1);
		expect(sd).toBeGreaterThan(1.9);
		expect(sd).toBeLessThan(2.1);
	});

	it('fork gives an independent, reproducible stream', () => {
		const a = seededRandom('parent');
		const b = seededRandom('parent');
		b.next(); // draws on the parent do not move a fork
		expect(a.fork('pupils').next()).toBe(b.fork('pupils').next());
		expect(a.fork('pupils').next()).not.toBe(a.fork('staff').next());
	});
});
