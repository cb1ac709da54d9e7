import { longDate } from '#lib/domain/academic-year.ts';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { ACTION_STATUSES, ACTION_STATUS_LABELS, listDevelopmentActions } from '#lib/server/plan/service.ts';
import { yearChoices, yearFromQuery } from '#lib/server/benchmarks/pages.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = yearFromQuery(url);
	const wanted = url.searchParams.get('status') ?? '';
	const status = ACTION_STATUSES.find((s) => s === wanted);
	const { actions, progress } = await listDevelopmentActions(actor, school, { academicYear: year, status });
	return {
		school,
		year,
		yearName: academicYearName(year),
		years: yearChoices(year),
		status: status ?? '',
		statuses: ACTION_STATUSES.map((value) => ({ value, label: ACTION_STATUS_LABELS[value] })),
		actions: actions.map((a) => ({
			...a,
			statusLabel: ACTION_STATUS_LABELS[a.status],
			due: a.dueDate ? longDate(a.dueDate) : null
		})),
		progress,
		canEdit: can(actor, 'plan.edit', school.id),
		added: url.searchParams.get('added'),
		deleted: url.searchParams.get('deleted')
	};
};
