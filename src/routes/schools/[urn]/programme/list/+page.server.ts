import { schoolContext } from '#lib/server/route-context.ts';
import { listActivities, parseFilters, parseYearParam, programmeYears } from '#lib/server/programme/service.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import {
	ACTIVITY_FORMAT_LABELS,
	ACTIVITY_TYPE_LABELS,
	ACTIVITY_TYPES,
	AUDIENCE_LABELS,
	AUDIENCES,
	BENCHMARK_NUMBERS,
	BENCHMARK_SHORT_NAMES,
	HALF_TERM_LABELS,
	TERM_LABELS,
	TERMS,
	type HalfTerm
} from '#lib/domain/activities.ts';
import type { PageServerLoad } from './$types';

function dates(start: string | null, end: string | null): string {
	const long = (iso: string) =>
		new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		});
	if (!start) return '';
	return end && end !== start ? `${long(start)} to ${long(end)}` : long(start);
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	const values = {
		yearGroup: url.searchParams.get('yearGroup') ?? '',
		type: url.searchParams.get('type') ?? '',
		term: url.searchParams.get('term') ?? '',
		benchmark: url.searchParams.get('benchmark') ?? '',
		audience: url.searchParams.get('audience') ?? '',
		q: url.searchParams.get('q') ?? ''
	};
	const filters = parseFilters(values);
	const activities = await listActivities(actor, school, year, filters);
	return {
		school,
		year,
		yearName: academicYearName(year),
		values,
		filtered: Object.keys(filters).length > 0,
		imported: Number(url.searchParams.get('imported')) || 0,
		options: {
			years: (await programmeYears(actor, school)).map((y) => ({ value: String(y), label: academicYearName(y) })),
			yearGroups: Array.from({ length: school.highestYear - school.lowestYear + 1 }, (_, i) => ({
				value: String(school.lowestYear + i),
				label: `Year ${school.lowestYear + i}`
			})),
			types: ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] })),
			terms: TERMS.map((t) => ({ value: t, label: TERM_LABELS[t] })),
			benchmarks: BENCHMARK_NUMBERS.map((n) => ({ value: String(n), label: `${n}. ${BENCHMARK_SHORT_NAMES[n]}` })),
			audiences: AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))
		},
		activities: activities.map((a) => ({
			id: a.id,
			title: a.title,
			type: ACTIVITY_TYPE_LABELS[a.type] ?? a.type,
			format: ACTIVITY_FORMAT_LABELS[a.format] ?? a.format,
			yearGroups: a.yearGroups.join(', '),
			when: [
				a.halfTerm ? HALF_TERM_LABELS[a.halfTerm as HalfTerm] : a.term ? `${TERM_LABELS[a.term]} term` : '',
				dates(a.startDate, a.endDate)
			]
				.filter(Boolean)
				.join(', '),
			audience: AUDIENCE_LABELS[a.audience] ?? a.audience,
			benchmarks: a.benchmarks.join(', '),
			owner: a.ownerName ?? ''
		}))
	};
};
