import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { yearChoices } from '#lib/server/benchmarks/pages.ts';
import {
	coverageDashboard,
	coverageParams,
	coverageScope,
	DEFAULT_CHART_RULE,
	groupFromParam,
	groupOptions,
	ruleKind
} from '#lib/server/compliance/dashboard.ts';
import { EQUITY_DIMENSION_LABELS, EQUITY_GROUPS, gapWords } from '#lib/domain/equity.ts';
import type { EquityGroup } from '#lib/domain/equity.ts';
import type { PageServerLoad } from './$types';

/**
 * Who has had what: a GET form (year, as-of date, "Show only" one group) that works without
 * JavaScript. Wrong input is named in the error summary and the page shows the nearest right figures.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const params = coverageParams(url.searchParams);
	const { scope, errors } = await coverageScope(school, params);
	let group: EquityGroup | null = null;
	try {
		group = groupFromParam(params.group);
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		errors.push(...e.errors);
	}
	const d = await coverageDashboard(actor, school, scope, group);
	const chartRule =
		d.figures.rules.find((r) => r.id === params.chart) ??
		d.figures.rules.find((r) => r.id === DEFAULT_CHART_RULE) ??
		d.figures.rules[0]!;
	const rows = d.rows.map((row) => ({
		id: row.rule.id,
		benchmark: row.rule.benchmark,
		kind: ruleKind(row.rule),
		title: row.rule.title,
		description: row.rule.description,
		cells: row.cells
	}));
	const restByRule = new Map((d.restRows ?? []).map((r) => [r.rule.id, r.cells]));
	const groupById = new Map(EQUITY_GROUPS.map((g) => [g.id, g]));
	return {
		school,
		errors,
		/** What the form shows: what was typed when it was wrong, otherwise the figures' year and date. */
		values: {
			year: errors.some((e) => e.field === 'year') ? params.year : String(scope.academicYear),
			asOf: errors.some((e) => e.field === 'asOf') ? params.asOf : scope.asOf,
			group: group?.id ?? '',
			chart: chartRule.id
		},
		/** The query every link on the page keeps (the figures' year and date, the group). */
		query: { year: String(scope.academicYear), asOf: scope.asOf, group: group?.id ?? '' },
		yearName: d.yearName,
		asOfLong: d.asOfLong,
		frameworkName: scope.framework.name,
		years: yearChoices(scope.academicYear),
		groups: groupOptions(),
		group: group && { id: group.id, label: group.label },
		yearGroups: d.figures.yearGroups,
		pupilCount: d.figures.pupilCount,
		cohortSize: d.cohortSize,
		rows,
		chart: {
			id: chartRule.id,
			title: chartRule.title,
			kind: ruleKind(chartRule),
			cells: rows.find((r) => r.id === chartRule.id)!.cells,
			restCells: restByRule.get(chartRule.id) ?? null
		},
		benchmarks: d.benchmarks,
		equity: d.figures.rules.map((rule) => {
			const gaps = d.gaps
				.filter((g) => g.ruleId === rule.id)
				.map((g) => {
					const eg = groupById.get(g.groupId)!;
					return {
						groupId: g.groupId,
						label: eg.label,
						dimension: EQUITY_DIMENSION_LABELS[eg.dimension],
						group: g.group,
						rest: g.rest,
						groupPercent: g.groupPercent,
						restPercent: g.restPercent,
						gap: g.gap,
						flagged: g.flagged,
						flagText: g.flagged && g.gap !== null ? gapWords(g.gap) : null
					};
				});
			return {
				id: rule.id,
				kind: ruleKind(rule),
				title: rule.title,
				gaps,
				flagged: gaps.filter((g) => g.flagged).length
			};
		}),
		canViewPupils: can(actor, 'pupils.view', school.id)
	};
};
