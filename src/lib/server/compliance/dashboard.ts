/**
 * The school coverage dashboard ("Who has had what") shaped for its pages and downloads: the rule ×
 * year group grid, the equity lens, the charts' figures, and the pupils behind a cell. The figures come
 * from service.ts (which checks who may see them); this file only arranges them, so the page, the CSV
 * and the XLSX always agree.
 */
import type { Actor } from '../access/actor.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { ExportTable } from '../exports/table.ts';
import type { School } from '../schools/service.ts';
import { academicYearName, longDate } from '../../domain/academic-year.ts';
import { BENCHMARK_NUMBERS } from '../../domain/benchmarks.ts';
import {
	addStatus,
	COMPLIANCE_STATUS_LABELS,
	COMPLIANCE_STATUSES,
	emptyCounts,
	percentMet,
	type ComplianceRule,
	type ComplianceStatus,
	type RuleId,
	type StatusCounts
} from '../../domain/compliance.ts';
import {
	EQUITY_DIMENSION_LABELS,
	EQUITY_GROUPS,
	equityGaps,
	equityGroup,
	gapPoints,
	type EquityGap,
	type EquityGroup
} from '../../domain/equity.ts';
import {
	compliancePupils,
	gridOf,
	resolveScope,
	schoolCompliance,
	type ComplianceFigures,
	type ComplianceScope,
	type PupilCompliance,
	type SchoolCompliance
} from './service.ts';

// ── What the address asks for ──────────────────────────────────────────────────────────────────────

export type CoverageParams = {
	year: string;
	asOf: string;
	/** An equity group id ("pp"), or '' for everyone. */
	group: string;
	/** The rule the bar chart shows. */
	chart: string;
};

export const DEFAULT_CHART_RULE: RuleId = 'bm5-employer-encounter-each-year';

export function coverageParams(search: URLSearchParams): CoverageParams {
	const get = (k: string) => (search.get(k) ?? '').trim();
	return { year: get('year'), asOf: get('asOf'), group: get('group'), chart: get('chart') };
}

/**
 * The year and date asked for, or — when either is wrong — the errors naming each wrong field and a
 * scope from what was right (the page still shows the form and figures, with the error summary).
 */
export async function coverageScope(
	school: School,
	params: Pick<CoverageParams, 'year' | 'asOf'>
): Promise<{ scope: ComplianceScope; errors: FieldError[] }> {
	const attempt = async (input: { year?: string; asOf?: string }) => {
		try {
			return { scope: await resolveScope(school, input), errors: [] as FieldError[] };
		} catch (e) {
			if (e instanceof ValidationError) return { scope: null, errors: e.errors };
			throw e;
		}
	};
	const together = await attempt(params);
	if (together.scope) return { scope: together.scope, errors: [] };
	// Each field on its own, so both can be named; else it was the two together (a date outside the year).
	const errors = [
		...(params.year ? (await attempt({ year: params.year })).errors : []),
		...(params.asOf ? (await attempt({ asOf: params.asOf })).errors : [])
	];
	if (!errors.length) errors.push(...together.errors);
	const yearWrong = errors.some((x) => x.field === 'year');
	const asOfWrong = errors.some((x) => x.field === 'asOf');
	// Figures from what was right: the year (as of its default date), the date (its year), or today.
	const scope = await resolveScope(school, { year: yearWrong ? '' : params.year, asOf: asOfWrong ? '' : params.asOf });
	return { scope, errors };
}

/** The "Show only" group, or null for everyone; an id we do not know is an error on the field. */
export function groupFromParam(id: string): EquityGroup | null {
	if (!id) return null;
	const group = equityGroup(id);
	if (!group) throw new ValidationError([{ field: 'group', message: 'Choose a group from the list', value: id }]);
	return group;
}

export function groupOptions(): { value: string; label: string }[] {
	return EQUITY_GROUPS.map((g) => ({ value: g.id, label: g.label }));
}

// ── The grid ───────────────────────────────────────────────────────────────────────────────────────

export type GridCellView = {
	/** A year group, or 'all'. */
	yearGroup: number | 'all';
	counts: StatusCounts;
	/** % met, 0–100, or null when no pupil is eligible. */
	percent: number | null;
};

export type GridRow = {
	rule: ComplianceRule;
	cells: GridCellView[];
};

/** Rows in the framework's order (benchmarks, then statutory duties), each year group then "All". */
export function gridRows(figures: ComplianceFigures): GridRow[] {
	const byKey = new Map(figures.cells.map((c) => [`${c.ruleId}|${c.yearGroup}`, c.counts]));
	const totals = new Map(figures.totals.map((t) => [t.ruleId, t.counts]));
	return figures.rules.map((rule) => ({
		rule,
		cells: [
			...figures.yearGroups.map((yearGroup) => {
				const counts = byKey.get(`${rule.id}|${yearGroup}`)!;
				return { yearGroup, counts, percent: percentMet(counts) };
			}),
			{ yearGroup: 'all' as const, counts: totals.get(rule.id)!, percent: percentMet(totals.get(rule.id)!) }
		]
	}));
}

/** "Benchmark 5" or "Statutory duty" / "DfE ambition", for a rule's row. */
export function ruleKind(rule: ComplianceRule): string {
	if (rule.benchmark !== null) return `Benchmark ${rule.benchmark}`;
	return rule.id.startsWith('pal-') ? 'Provider access duty' : 'DfE work experience ambition';
}

// ── Charts ─────────────────────────────────────────────────────────────────────────────────────────

export type BenchmarkCoverage = {
	benchmark: number;
	title: string;
	/** Mean of the % met (all year groups) of the benchmark's pupil rules that have eligible pupils; null if none. */
	percent: number | null;
	rules: RuleId[];
};

/**
 * The radar's figure for each of the eight benchmarks: the mean, over the benchmark's pupil-level rules
 * with at least one eligible pupil, of the share of eligible pupils who met the rule (all year groups).
 * A benchmark with no pupil-level rule (1 and 3: whole-school) has no figure.
 */
export function benchmarkCoverage(figures: ComplianceFigures, titles: Map<number, string>): BenchmarkCoverage[] {
	return BENCHMARK_NUMBERS.map((benchmark) => {
		const rules = figures.rules.filter((r) => r.benchmark === benchmark);
		const percents = rules
			.map((r) => percentMet(figures.totals.find((t) => t.ruleId === r.id)!.counts))
			.filter((p): p is number => p !== null);
		return {
			benchmark,
			title: titles.get(benchmark) ?? `Benchmark ${benchmark}`,
			percent: percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : null,
			rules: rules.map((r) => r.id)
		};
	});
}

// ── The dashboard ──────────────────────────────────────────────────────────────────────────────────

export type CoverageDashboard = {
	scope: ComplianceScope;
	yearName: string;
	asOfLong: string;
	group: EquityGroup | null;
	/** The grid, for the pupils shown (the group's, or everyone's). */
	figures: ComplianceFigures;
	rows: GridRow[];
	/** When a group is shown: the same grid for everyone else (for the bar chart's comparison). */
	restRows: GridRow[] | null;
	/** Every rule × equity group, across the whole cohort. */
	gaps: EquityGap[];
	benchmarks: BenchmarkCoverage[];
	/** Pupils on roll in the year groups judged (whole cohort). */
	cohortSize: number;
};

/** Everything the dashboard shows; figures only, open to every school role (service.ts checks). */
export async function coverageDashboard(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	group: EquityGroup | null
): Promise<CoverageDashboard> {
	const data = await schoolCompliance(actor, school, scope);
	return shapeDashboard(data, group);
}

export function shapeDashboard(data: SchoolCompliance, group: EquityGroup | null): CoverageDashboard {
	const shown = group ? data.pupils.filter((p) => group.includes(p.characteristics)) : data.pupils;
	const figures = gridOf(data, shown);
	const rest = group
		? gridOf(
				data,
				data.pupils.filter((p) => !group.includes(p.characteristics))
			)
		: null;
	const titles = new Map(data.scope.framework.benchmarks.map((b) => [b.number as number, b.title]));
	return {
		scope: data.scope,
		yearName: academicYearName(data.scope.academicYear),
		asOfLong: longDate(data.scope.asOf),
		group,
		figures,
		rows: gridRows(figures),
		restRows: rest ? gridRows(rest) : null,
		gaps: equityGaps(data.pupils, data.rules),
		benchmarks: benchmarkCoverage(figures, titles),
		cohortSize: data.pupils.length
	};
}

// ── The pupils behind a cell ───────────────────────────────────────────────────────────────────────

export type DrillFilter = {
	rule: ComplianceRule;
	/** A year group, or null for all. */
	yearGroup: number | null;
	/** One status; null for every pupil the rule applies to (not "not applicable"). */
	status: ComplianceStatus | null;
	group: EquityGroup | null;
};

export type DrillParams = { rule: string; yearGroup: string; status: string; group: string };

export function drillParams(search: URLSearchParams): DrillParams {
	const get = (k: string) => (search.get(k) ?? '').trim();
	return { rule: get('rule'), yearGroup: get('yearGroup'), status: get('status'), group: get('group') };
}

/** The year groups the figures cover: the school's, within Years 7 to 13 (as service.ts judges). */
export function coverageYearGroups(school: Pick<School, 'lowestYear' | 'highestYear'>): number[] {
	const years: number[] = [];
	for (let y = Math.max(7, school.lowestYear); y <= Math.min(13, school.highestYear); y++) years.push(y);
	return years;
}

/** Checks the drill-down's filters against the framework's rules and the school's year groups. */
export function drillFilter(
	params: DrillParams,
	rules: readonly ComplianceRule[],
	yearGroups: readonly number[]
): { filter: DrillFilter | null; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const rule = rules.find((r) => r.id === (params.rule || DEFAULT_CHART_RULE)) ?? null;
	if (!rule) errors.push({ field: 'rule', message: 'Choose a rule from the list', value: params.rule });
	let yearGroup: number | null = null;
	if (params.yearGroup && params.yearGroup !== 'all') {
		const n = Number(params.yearGroup);
		if (Number.isInteger(n) && yearGroups.includes(n)) yearGroup = n;
		else errors.push({ field: 'yearGroup', message: 'Choose a year group from the list', value: params.yearGroup });
	}
	let status: ComplianceStatus | null = null;
	if (params.status && params.status !== 'eligible') {
		status = COMPLIANCE_STATUSES.find((s) => s === params.status) ?? null;
		if (!status) errors.push({ field: 'status', message: 'Choose a status from the list', value: params.status });
	}
	let group: EquityGroup | null = null;
	try {
		group = groupFromParam(params.group);
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		errors.push(...e.errors);
	}
	return { filter: rule && !errors.length ? { rule, yearGroup, status, group } : null, errors };
}

export type DrillPupil = {
	id: string;
	name: string;
	upn: string;
	yearGroup: number;
	regGroup: string | null;
	status: ComplianceStatus;
	statusLabel: string;
	reason: string;
	counted: { title: string; date: string; ref: string | null }[];
	notCounted: { title: string; date: string; ref: string | null; why: string }[];
};

/** The pupil's result for the cell's rule when the pupil is in the cell (year group, group and status). */
function cellResult(p: PupilCompliance, filter: DrillFilter) {
	if (filter.yearGroup !== null && p.yearGroup !== filter.yearGroup) return undefined;
	if (filter.group && !filter.group.includes(p.characteristics)) return undefined;
	const r = p.results.find((x) => x.ruleId === filter.rule.id);
	if (!r || (filter.status ? r.status !== filter.status : r.status === 'not-applicable')) return undefined;
	return r;
}

/** The pupils matching a cell (and status and group), in year group and name order. */
export function drillPupils(pupils: readonly PupilCompliance[], filter: DrillFilter): DrillPupil[] {
	const out: DrillPupil[] = [];
	for (const p of pupils) {
		const r = cellResult(p, filter);
		if (!r) continue;
		out.push({
			id: p.id,
			name: p.name,
			upn: p.upn,
			yearGroup: p.yearGroup,
			regGroup: p.regGroup,
			status: r.status,
			statusLabel: COMPLIANCE_STATUS_LABELS[r.status],
			reason: r.reason,
			counted: r.counted.map((e) => ({ title: e.title, date: e.date, ref: e.ref })),
			notCounted: r.notCounted.map((e) => ({ title: e.title, date: e.date, ref: e.ref, why: e.why }))
		});
	}
	return out;
}

/** How many pupils of the cell (its rule, year group and group) have each status, whatever status is asked for. */
export function drillCounts(pupils: readonly PupilCompliance[], filter: DrillFilter): StatusCounts {
	const counts = emptyCounts();
	for (const p of pupils) {
		if (filter.yearGroup !== null && p.yearGroup !== filter.yearGroup) continue;
		if (filter.group && !filter.group.includes(p.characteristics)) continue;
		const r = p.results.find((x) => x.ruleId === filter.rule.id);
		if (r) addStatus(counts, r.status);
	}
	return counts;
}

/** The pupils behind a cell, and the cell's counts: needs pupils.view; the listing is audited (service.ts). */
export async function coveragePupils(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	filter: DrillFilter,
	requestId?: string
): Promise<{ pupils: DrillPupil[]; counts: StatusCounts }> {
	// Reasons only for the cell's pupils (every pupil is still judged, for the counts).
	const data = await compliancePupils(actor, school, scope, describeFilter(filter), requestId, (p) =>
		Boolean(cellResult(p, filter))
	);
	return { pupils: drillPupils(data.pupils, filter), counts: drillCounts(data.pupils, filter) };
}

/** "A meaningful employer encounter this year, Year 7, missed, Pupil Premium" (headings, audit, file names). */
export function describeFilter(filter: DrillFilter): string {
	return [
		filter.rule.title,
		filter.yearGroup === null ? 'all year groups' : `Year ${filter.yearGroup}`,
		filter.status ? COMPLIANCE_STATUS_LABELS[filter.status].toLowerCase() : null,
		filter.group?.label ?? null
	]
		.filter(Boolean)
		.join(', ');
}

// ── Downloads (the same rows as the page) ──────────────────────────────────────────────────────────

const percentCell = (p: number | null): number | null => (p === null ? null : Math.round(p * 10) / 10);

export function gridTable(dashboard: Pick<CoverageDashboard, 'rows' | 'group'>): ExportTable {
	return {
		sheetName: 'Coverage',
		headers: [
			'Rule id',
			'Benchmark or duty',
			'Rule',
			'Year group',
			'Pupils',
			'Eligible',
			'Met',
			'On track',
			'At risk',
			'Missed',
			'Not applicable',
			'% met'
		],
		rows: dashboard.rows.flatMap((row) =>
			row.cells.map((c) => [
				row.rule.id,
				ruleKind(row.rule),
				row.rule.title,
				c.yearGroup === 'all' ? 'All' : c.yearGroup,
				dashboard.group?.label ?? 'All pupils',
				c.counts.eligible,
				c.counts.met,
				c.counts.onTrack,
				c.counts.atRisk,
				c.counts.missed,
				c.counts.notApplicable,
				percentCell(c.percent)
			])
		)
	};
}

export function equityTable(gaps: readonly EquityGap[], rules: readonly ComplianceRule[]): ExportTable {
	const ruleById = new Map(rules.map((r) => [r.id, r]));
	return {
		sheetName: 'Equity gaps',
		headers: [
			'Rule id',
			'Rule',
			'Characteristic',
			'Group',
			'Group eligible',
			'Group met',
			'Group % met',
			'Rest of cohort eligible',
			'Rest of cohort met',
			'Rest of cohort % met',
			'Gap (points)',
			'Gap of 10 points or more'
		],
		rows: gaps.map((g) => {
			const group = equityGroup(g.groupId)!;
			return [
				g.ruleId,
				ruleById.get(g.ruleId)?.title ?? g.ruleId,
				EQUITY_DIMENSION_LABELS[group.dimension],
				group.label,
				g.group.eligible,
				g.group.met,
				percentCell(g.groupPercent),
				g.rest.eligible,
				g.rest.met,
				percentCell(g.restPercent),
				g.gap === null ? null : (g.gap < 0 ? -1 : 1) * Number(gapPoints(g.gap)),
				g.flagged
			];
		})
	};
}

export function pupilsTable(rows: readonly DrillPupil[], rule: ComplianceRule): ExportTable {
	return {
		sheetName: 'Pupils',
		headers: ['Name', 'UPN', 'Year group', 'Registration group', 'Rule', 'Status', 'Why', 'Counted', 'Did not count'],
		rows: rows.map((p) => [
			p.name,
			p.upn,
			p.yearGroup,
			p.regGroup,
			rule.title,
			p.statusLabel,
			p.reason,
			p.counted.map((e) => `${e.title} (${e.date})`).join('; '),
			p.notCounted.map((e) => `${e.title} (${e.date}): ${e.why}`).join('; ')
		])
	};
}
