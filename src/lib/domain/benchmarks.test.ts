import { describe, expect, it } from 'vitest';
import {
	BENCHMARK_NUMBERS,
	FRAMEWORKS,
	STATUTORY_ITEMS,
	UnknownFrameworkError,
	criterionById,
	defaultFrameworkFor,
	frameworkById,
	frameworkChanges,
	resolveFramework
} from './benchmarks.ts';

describe('which framework an academic year uses', () => {
	it.each([
		[2018, 'gatsby-2014'],
		[2023, 'gatsby-2014'],
		[2024, 'gatsby-2014'], // 2024/25: the last year of the 2014 set
		[2025, 'gatsby-2024'], // 2025/26: the first year of the 2024 set
		[2026, 'gatsby-2024'],
		[2031, 'gatsby-2024']
	])('%i/… → %s by default', (year, id) => {
		expect(defaultFrameworkFor(year).id).toBe(id);
		expect(resolveFramework(year).id).toBe(id);
		expect(resolveFramework(year, null).id).toBe(id);
		expect(resolveFramework(year, '').id).toBe(id);
	});

	it.each([
		[2024, 'gatsby-2024'],
		[2025, 'gatsby-2014'],
		[2026, 'gatsby-2024']
	])('a school’s override wins: %i with %s', (year, override) => {
		expect(resolveFramework(year, override).id).toBe(override);
	});

	it('refuses an unknown override, naming the frameworks there are', () => {
		expect(() => resolveFramework(2025, 'gatsby-2030')).toThrow(UnknownFrameworkError);
		expect(() => resolveFramework(2025, 'gatsby-2030')).toThrow(/gatsby-2014, gatsby-2024/);
		expect(frameworkById('gatsby-2030')).toBeUndefined();
	});
});

describe('the frameworks as data', () => {
	it.each(FRAMEWORKS.map((f) => [f.id, f] as const))('%s has the eight benchmarks in order', (_id, framework) => {
		expect(framework.benchmarks.map((b) => b.number)).toEqual([...BENCHMARK_NUMBERS]);
		for (const bm of framework.benchmarks) {
			expect(bm.title.length).toBeGreaterThan(0);
			expect(bm.summary.length).toBeGreaterThan(0);
			expect(bm.sourceUrl).toMatch(/^https:\/\//);
			expect(bm.criteria.length).toBeGreaterThan(0);
		}
	});

	it.each(FRAMEWORKS.map((f) => [f.id, f] as const))(
		'%s: every criterion id is unique and names its benchmark',
		(_id, framework) => {
			const ids = framework.benchmarks.flatMap((b) => b.criteria.map((c) => c.id));
			expect(new Set(ids).size).toBe(ids.length);
			for (const bm of framework.benchmarks) {
				for (const c of bm.criteria) {
					expect(c.id).toMatch(new RegExp(`^bm${bm.number}-[a-z0-9-]+$`));
					expect(c.benchmark).toBe(bm.number);
				}
			}
		}
	);

	it('keeps the ids of benchmark-criteria.md', () => {
		const ids = (id: string) =>
			frameworkById(id)
				?.benchmarks.flatMap((b) => b.criteria.map((c) => c.id))
				.sort();
		expect(ids('gatsby-2014')).toHaveLength(21);
		expect(ids('gatsby-2024')).toHaveLength(28);
		expect(ids('gatsby-2014')).toContain('bm5-employer-encounter-each-year');
		expect(ids('gatsby-2024')).toContain('bm4-curriculum-careers-each-year');
		expect(ids('gatsby-2014')).not.toContain('bm8-with-senco');
	});

	it('statutory items have ids of their own, apart from the criteria', () => {
		const criterionIds = FRAMEWORKS.flatMap((f) => f.benchmarks.flatMap((b) => b.criteria.map((c) => c.id)));
		const statutory = STATUTORY_ITEMS.map((s) => s.id);
		expect(new Set(statutory).size).toBe(statutory.length);
		expect(statutory.filter((id) => criterionIds.includes(id))).toEqual([]);
	});

	it('finds a criterion by id, in the newest framework unless told which', () => {
		expect(criterionById('bm8-with-senco')?.framework.id).toBe('gatsby-2024');
		expect(criterionById('bm8-timely')?.framework.id).toBe('gatsby-2014');
		expect(criterionById('bm6-workplace-by-16')?.framework.id).toBe('gatsby-2024');
		expect(criterionById('bm6-workplace-by-16', 'gatsby-2014')?.criterion.description).toMatch(/at least one/i);
		expect(criterionById('bm6-workplace-by-16')?.criterion.level).toBe('pupil');
		expect(criterionById('bm9-nothing')).toBeUndefined();
	});
});

describe('what changed from 2014 to 2024', () => {
	const changes = frameworkChanges('gatsby-2014', 'gatsby-2024');
	const of = (n: number) => changes.find((c) => c.number === n);

	it('covers the eight benchmarks, with the two titles that changed', () => {
		expect(changes.map((c) => c.number)).toEqual([...BENCHMARK_NUMBERS]);
		expect(changes.filter((c) => c.title).map((c) => c.number)).toEqual([2, 3]);
		expect(of(3)?.title).toEqual({
			from: 'Addressing the needs of each pupil',
			to: 'Addressing the needs of each young person'
		});
	});

	it('lists added, removed, replaced and reworded criteria by id', () => {
		expect(of(8)?.added.map((c) => c.id)).toEqual(['bm8-with-senco', 'bm8-parents-informed']);
		expect(of(8)?.removed.map((c) => c.id)).toEqual(['bm8-timely']);
		expect(of(2)?.replaced.map((r) => [r.from.map((c) => c.id), r.to.id])).toEqual([
			[['bm2-lmi-by-14'], 'bm2-lmi-each-key-stage'],
			[['bm2-parents-lmi'], 'bm2-parents-supported']
		]);
		expect(of(6)?.reworded.map((r) => r.to.id)).toEqual(['bm6-workplace-by-16', 'bm6-workplace-by-18']);
		// Nothing of 2014 is lost without saying so: each old id is kept, reworded, replaced or removed.
		for (const bm of frameworkById('gatsby-2014')?.benchmarks ?? []) {
			const c = of(bm.number);
			const accounted = [
				...(c?.unchanged ?? []),
				...(c?.reworded.map((r) => r.from) ?? []),
				...(c?.replaced.flatMap((r) => r.from) ?? []),
				...(c?.removed ?? [])
			].map((x) => x.id);
			for (const criterion of bm.criteria) expect(accounted).toContain(criterion.id);
		}
	});

	it('reports nothing changed from a framework to itself', () => {
		for (const c of frameworkChanges('gatsby-2024', 'gatsby-2024')) {
			expect(c.title).toBeNull();
			expect([...c.added, ...c.removed, ...c.reworded, ...c.replaced]).toEqual([]);
		}
	});
});
