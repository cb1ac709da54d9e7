import { schoolContext } from '#lib/server/route-context.ts';
import {
	coverageParams,
	coveragePupils,
	coverageScope,
	coverageYearGroups,
	describeFilter,
	drillFilter,
	drillParams,
	groupOptions,
	ruleKind
} from '#lib/server/compliance/dashboard.ts';
import { yearChoices } from '#lib/server/benchmarks/pages.ts';
import { academicYearName, longDate } from '#lib/domain/academic-year.ts';
import { COMPLIANCE_STATUS_LABELS, COMPLIANCE_STATUSES, rulesFor, type StatusCounts } from '#lib/domain/compliance.ts';
import type { DrillPupil } from '#lib/server/compliance/dashboard.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/**
 * The pupils behind a cell of the coverage grid (pupils.view, by the route's rule and again in the
 * service; the listing is audited). A GET form changes the cell; wrong filters are named in the error
 * summary and no pupils are listed until they are right.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const cp = coverageParams(url.searchParams);
	const dp = drillParams(url.searchParams);
	const { scope, errors } = await coverageScope(school, cp);
	const rules = rulesFor(scope.framework.id);
	const yearGroups = coverageYearGroups(school);
	const { filter, errors: filterErrors } = drillFilter({ ...dp, group: cp.group }, rules, yearGroups);
	errors.push(...filterErrors);

	let pupils: DrillPupil[] = [];
	let counts: StatusCounts | null = null;
	if (filter) ({ pupils, counts } = await coveragePupils(actor, school, scope, filter, locals.requestId));

	const pageCount = Math.max(1, Math.ceil(pupils.length / PAGE_SIZE));
	const requested = Number(url.searchParams.get('page') ?? '1');
	const page = Number.isInteger(requested) && requested >= 1 && requested <= pageCount ? requested : 1;
	const wrong = (field: string) => errors.some((e) => e.field === field);

	return {
		school,
		errors,
		values: {
			year: wrong('year') ? cp.year : String(scope.academicYear),
			asOf: wrong('asOf') ? cp.asOf : scope.asOf,
			rule: wrong('rule') ? dp.rule : (filter?.rule.id ?? dp.rule),
			yearGroup: wrong('yearGroup') ? dp.yearGroup : filter?.yearGroup === null ? '' : String(filter?.yearGroup ?? ''),
			status: wrong('status') ? dp.status : (filter?.status ?? ''),
			group: wrong('group') ? cp.group : (filter?.group?.id ?? '')
		},
		yearName: academicYearName(scope.academicYear),
		asOfLong: longDate(scope.asOf),
		frameworkName: scope.framework.name,
		heading: filter
			? {
					kind: ruleKind(filter.rule),
					rule: filter.rule.title,
					description: filter.rule.description,
					yearGroup: filter.yearGroup,
					status: filter.status ? COMPLIANCE_STATUS_LABELS[filter.status] : null,
					group: filter.group?.label ?? null,
					summary: describeFilter(filter)
				}
			: null,
		counts,
		total: pupils.length,
		page,
		pageCount,
		pupils: pupils.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
		options: {
			rules: rules.map((r) => ({ value: r.id, label: `${ruleKind(r)}: ${r.title}` })),
			yearGroups: yearGroups.map((y) => ({ value: String(y), label: `Year ${y}` })),
			statuses: COMPLIANCE_STATUSES.map((s) => ({ value: s, label: COMPLIANCE_STATUS_LABELS[s] })),
			groups: groupOptions(),
			years: yearChoices(scope.academicYear)
		}
	};
};
