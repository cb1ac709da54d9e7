import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { listActivities, parseYearParam, programmeYears } from '#lib/server/programme/service.ts';
import { sequenceGrid } from '#lib/server/programme/views.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	const activities = await listActivities(actor, school, year);
	const added = url.searchParams.get('added');
	return {
		school,
		year,
		yearName: academicYearName(year),
		years: (await programmeYears(actor, school)).map((y) => ({ value: String(y), label: academicYearName(y) })),
		count: activities.length,
		grid: sequenceGrid(activities, school.lowestYear, school.highestYear),
		added: added ? (activities.find((a) => a.id === added)?.title ?? null) : null,
		deleted: url.searchParams.get('deleted') === '1',
		canEdit: can(actor, 'programme.edit', school.id),
		canManage: can(actor, 'programme.manage', school.id)
	};
};
