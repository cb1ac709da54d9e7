import { describe, expect, it } from 'vitest';
import {
	ACTIVITY_FORMAT_LABELS,
	ACTIVITY_FORMATS,
	ACTIVITY_TYPE_LABELS,
	ACTIVITY_TYPES,
	AUDIENCE_LABELS,
	AUDIENCES,
	BENCHMARK_NUMBERS,
	HALF_TERM_LABELS,
	HALF_TERMS,
	halfTermLabel,
	halfTermsOf,
	isActivityType,
	MEANINGFUL_ELEMENT_LABELS,
	MEANINGFUL_ELEMENTS,
	TARGET_GROUP_LABELS,
	TARGET_GROUPS,
	TERM_LABELS,
	TERMS,
	termOfHalfTerm,
	TYPE_USUAL_BENCHMARKS,
	WORKPLACE_ONLY_ELEMENTS
} from './activities.ts';

describe('the activity vocabulary', () => {
	it.each([
		['types', ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS],
		['formats', ACTIVITY_FORMATS, ACTIVITY_FORMAT_LABELS],
		['audiences', AUDIENCES, AUDIENCE_LABELS],
		['target groups', TARGET_GROUPS, TARGET_GROUP_LABELS],
		['terms', TERMS, TERM_LABELS],
		['meaningful elements', MEANINGFUL_ELEMENTS, MEANINGFUL_ELEMENT_LABELS]
	] as const)('gives every one of the %s a label, and no more', (_, values, labels) => {
		expect(new Set(values).size).toBe(values.length);
		expect(Object.keys(labels).sort()).toEqual([...values].map(String).sort());
		for (const label of Object.values(labels)) expect(label.trim()).not.toBe('');
	});

	it('keeps the eleven stored type values planned and delivered work share', () => {
		expect(ACTIVITY_TYPES).toEqual([
			'employer-encounter',
			'workplace-experience',
			'provider-access',
			'fe-encounter',
			'he-encounter',
			'training-provider-encounter',
			'guidance',
			'lmi',
			'curriculum-link',
			'parents-event',
			'other'
		]);
		expect(isActivityType('employer-encounter')).toBe(true);
		expect(isActivityType('Employer encounter')).toBe(false);
	});

	it('suggests the benchmarks each type usually addresses, all between 1 and 8', () => {
		expect(Object.keys(TYPE_USUAL_BENCHMARKS).sort()).toEqual([...ACTIVITY_TYPES].sort());
		for (const list of Object.values(TYPE_USUAL_BENCHMARKS))
			for (const n of list) expect(BENCHMARK_NUMBERS).toContain(n);
		expect(TYPE_USUAL_BENCHMARKS['employer-encounter']).toEqual([5]);
		expect(TYPE_USUAL_BENCHMARKS['workplace-experience']).toEqual([6]);
		for (const t of ['provider-access', 'fe-encounter', 'he-encounter', 'training-provider-encounter'] as const)
			expect(TYPE_USUAL_BENCHMARKS[t]).toEqual([7]);
		expect(TYPE_USUAL_BENCHMARKS.guidance).toEqual([8]);
		expect(TYPE_USUAL_BENCHMARKS.lmi).toEqual([2]);
		expect(TYPE_USUAL_BENCHMARKS['curriculum-link']).toEqual([4]);
	});

	it('names the half-terms Autumn 1 to Summer 2, two to a term', () => {
		expect(HALF_TERMS.map(halfTermLabel)).toEqual([
			'Autumn 1',
			'Autumn 2',
			'Spring 1',
			'Spring 2',
			'Summer 1',
			'Summer 2'
		]);
		expect(HALF_TERM_LABELS[4]).toBe('Spring 2');
		for (const term of TERMS) for (const h of halfTermsOf(term)) expect(termOfHalfTerm(h)).toBe(term);
		expect(HALF_TERMS.map(termOfHalfTerm)).toEqual(['autumn', 'autumn', 'spring', 'spring', 'summer', 'summer']);
	});

	it('marks only the employer task and feedback as workplace-only elements', () => {
		expect([...WORKPLACE_ONLY_ELEMENTS].sort()).toEqual(['employerFeedback', 'employerSetTask']);
		for (const e of WORKPLACE_ONLY_ELEMENTS) expect(MEANINGFUL_ELEMENTS).toContain(e);
	});
});
