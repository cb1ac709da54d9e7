import { schoolContext } from '#lib/server/route-context.ts';
import { yearChoices, yearFromQuery } from '#lib/server/benchmarks/pages.ts';
import { COVERAGE_STATUS_LABELS, SUBJECT_ALIASES, subjectCoverage } from '#lib/server/subject-maps/coverage.ts';
import { longDate } from '#lib/domain/academic-year.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = yearFromQuery(url);
	const coverage = await subjectCoverage(actor, school, year);
	return {
		school,
		year,
		years: yearChoices(year),
		coverage: {
			...coverage,
			rows: coverage.rows.map((r) => ({
				...r,
				cells: r.cells.map((c) => ({ ...c, label: COVERAGE_STATUS_LABELS[c.status] }))
			})),
			activities: coverage.activities.map((a) => ({ ...a, when: longDate(a.date) }))
		},
		aliases: Object.entries(SUBJECT_ALIASES).map(
			([subject, names]) => `${subject}: ${names.map((n) => `‘${n}’`).join(', ')}`
		)
	};
};
