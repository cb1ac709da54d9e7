import { schoolContext } from '#lib/server/route-context.ts';
import { listActivities, parseYearParam } from '#lib/server/programme/service.ts';
import { academicYearOfMonth, calendarMonth, parseMonth, undatedByTerm } from '#lib/server/programme/views.ts';
import { academicYearName, todayInLondon } from '#lib/domain/academic-year.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	// ?month=2026-02 wins; ?year=2025 alone opens that year's September; neither opens this month.
	const yearParam = url.searchParams.get('year');
	const month =
		parseMonth(url.searchParams.get('month')) ??
		(yearParam ? `${parseYearParam(yearParam)}-09` : todayInLondon().slice(0, 7));
	const year = academicYearOfMonth(month);
	const activities = await listActivities(actor, school, year);
	return {
		school,
		year,
		yearName: academicYearName(year),
		calendar: calendarMonth(month, activities),
		undated: undatedByTerm(activities)
	};
};
