import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { encounterYears, listDeliveredActivities, parseEncounterFilters } from '#lib/server/encounters/service.ts';
import { shortDates, timeRange } from '#lib/server/encounters/form.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import {
	ACTIVITY_TYPE_LABELS,
	ACTIVITY_TYPES,
	BENCHMARK_NUMBERS,
	BENCHMARK_SHORT_NAMES
} from '#lib/domain/activities.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const raw = {
		year: url.searchParams.get('year'),
		type: url.searchParams.get('type'),
		yearGroup: url.searchParams.get('yearGroup'),
		benchmark: url.searchParams.get('benchmark')
	};
	const filters = parseEncounterFilters(raw);
	const list = await listDeliveredActivities(actor, school, filters);
	const query = new URLSearchParams({ year: String(filters.academicYear) });
	if (filters.type) query.set('type', filters.type);
	if (filters.yearGroup !== undefined) query.set('yearGroup', String(filters.yearGroup));
	if (filters.benchmark !== undefined) query.set('benchmark', String(filters.benchmark));
	return {
		school,
		year: filters.academicYear,
		yearName: academicYearName(filters.academicYear),
		values: {
			type: filters.type ?? '',
			yearGroup: filters.yearGroup === undefined ? '' : String(filters.yearGroup),
			benchmark: filters.benchmark === undefined ? '' : String(filters.benchmark)
		},
		filtered: Boolean(filters.type || filters.yearGroup !== undefined || filters.benchmark !== undefined),
		query: query.toString(),
		canEdit: can(actor, 'encounters.edit', school.id),
		options: {
			years: [...new Set([...(await encounterYears(actor, school)), filters.academicYear])]
				.sort((a, b) => b - a)
				.map((y) => ({ value: String(y), label: academicYearName(y) })),
			types: ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] })),
			yearGroups: Array.from({ length: school.highestYear - school.lowestYear + 1 }, (_, i) => ({
				value: String(school.lowestYear + i),
				label: `Year ${school.lowestYear + i}`
			})),
			benchmarks: BENCHMARK_NUMBERS.map((n) => ({ value: String(n), label: `${n}. ${BENCHMARK_SHORT_NAMES[n]}` }))
		},
		encounters: list.map((a) => ({
			id: a.id,
			title: a.title,
			date: shortDates(a.date, a.endDate),
			time: timeRange(a.startTime, a.endTime),
			type: ACTIVITY_TYPE_LABELS[a.type] ?? a.type,
			yearGroups: a.yearGroups.join(', '),
			partners: a.partners.join(', '),
			attended: a.attended,
			expected: a.expected
		}))
	};
};
